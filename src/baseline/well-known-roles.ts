/**
 * Names for role ids: a Graph policy export names Entra ID roles only by template id, and an ARM export may lack
 * the display name, so baselines (which list display names) are matched through these tables. Ids checked
 * against Microsoft's "Microsoft Entra built-in roles" and "Azure built-in roles" reference pages.
 */

/** Microsoft Entra built-in roles: template id → display name (the privileged and commonly governed ones). */
export const DIRECTORY_ROLES: Readonly<Record<string, string>> = {
  '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3': 'Application Administrator',
  'cf1c38e5-3621-4004-a7cb-879624dced7c': 'Application Developer',
  'c4e39bd9-1100-46d3-8c65-fb160da0071f': 'Authentication Administrator',
  '0526716b-113d-4c15-b2c8-68e3c22b9f80': 'Authentication Policy Administrator',
  'b0f54661-2d74-4c50-afa3-1ec803f12efe': 'Billing Administrator',
  '158c047a-c907-4556-b7ef-446551a6b5f7': 'Cloud Application Administrator',
  '7698a772-787b-4ac8-901f-60d6b08affd2': 'Cloud Device Administrator',
  '17315797-102d-40b4-93e0-432062caca18': 'Compliance Administrator',
  'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9': 'Conditional Access Administrator',
  '9360feb5-f418-4baa-8175-e2a00bac4301': 'Directory Writers',
  '8329153b-31d0-4727-b945-745eb3bc5f31': 'Domain Name Administrator',
  '29232cdf-9323-42fd-ade2-1d097af3e4de': 'Exchange Administrator',
  'be2f45a1-457d-42af-a067-6ec1fa63bc45': 'External Identity Provider Administrator',
  '62e90394-69f5-4237-9190-012177145e10': 'Global Administrator',
  'f2ef992c-3afb-46b9-b7cf-a126ee74c451': 'Global Reader',
  'fdd7a751-b60b-444a-984c-02652fe8fa1c': 'Groups Administrator',
  '729827e3-9c14-49f7-bb1b-9608f156bbb8': 'Helpdesk Administrator',
  '8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2': 'Hybrid Identity Administrator',
  '45d8d3c5-c802-45c6-b32a-1d70b5e1e86e': 'Identity Governance Administrator',
  '3a2c62db-5318-420d-8d74-23affee5d9d5': 'Intune Administrator',
  '966707d0-3269-4727-9be2-8c3a10f19b9d': 'Password Administrator',
  '7be44c8a-adaf-4e2a-84d6-ab2649e08a13': 'Privileged Authentication Administrator',
  'e8611ab8-c189-46e8-94e1-60213ab1f814': 'Privileged Role Administrator',
  '194ae4cb-b126-40b2-bd5b-6091b380977d': 'Security Administrator',
  '5f2222b1-57c3-48ba-8ad5-d4759f1fde6f': 'Security Operator',
  '5d6b6bb7-de71-4623-b4af-96380a352509': 'Security Reader',
  'f28a1f50-f6e7-4571-818b-6a12f2af6b6c': 'SharePoint Administrator',
  'e00e864a-17c5-4a4b-9c06-f5b95a8d5bd8': 'Partner Tier2 Support',
  '69091246-20e8-4a56-aa4d-066075b2a7a8': 'Teams Administrator',
  'fe930be7-5e62-47db-91af-98c3a49a38b1': 'User Administrator',
};

/** Azure built-in roles: role definition GUID → display name (the ones PIM for Azure resources usually governs). */
export const AZURE_ROLES: Readonly<Record<string, string>> = {
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635': 'Owner',
  'b24988ac-6180-42a0-ab88-20f7382dd24c': 'Contributor',
  'acdd72a7-3385-48ef-bd42-f606fba81ae7': 'Reader',
  '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9': 'User Access Administrator',
  'f58310d9-a9f6-439a-9e8d-f62e7b41a168': 'Role Based Access Control Administrator',
};

/** The display name of a directory role template id, or the id itself when it is not in the table. */
export function directoryRoleName(templateId: string): string {
  return DIRECTORY_ROLES[templateId.toLowerCase()] ?? templateId;
}

/** The GUID at the end of an ARM role definition id (`/subscriptions/…/roleDefinitions/<guid>`), or the input. */
export function azureRoleGuid(roleDefinitionId: string): string {
  return roleDefinitionId.slice(roleDefinitionId.lastIndexOf('/') + 1);
}

/** The display name of an ARM role definition id (full path or bare GUID), or its GUID when it is not in the table. */
export function azureRoleName(roleDefinitionId: string): string {
  const guid = azureRoleGuid(roleDefinitionId);
  return AZURE_ROLES[guid.toLowerCase()] ?? guid;
}

/** Whether a Graph export can name this role: it is in the directory-role table (or is written as a template id). */
export function isNameableDirectoryRole(role: string): boolean {
  const wanted = role.trim().toLowerCase();
  return Object.entries(DIRECTORY_ROLES).some(([id, name]) => id === wanted || name.toLowerCase() === wanted);
}
