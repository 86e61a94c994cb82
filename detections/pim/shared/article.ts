/**
 * The source of the PIM content pack: Microsoft's "Azure Active Directory security operations for Privileged
 * Identity Management (PIM)" (entra-docs, docs/architecture/security-operations-privileged-identity-management.md).
 * Each detection carries its row of the article verbatim in `source`, so docs/detections.md reproduces the table.
 */
export const ARTICLE = 'Azure AD security operations for PIM';

/** The article's sections, as `source.source` names them. */
export const SECTIONS = {
  baselines: `${ARTICLE}: Baselines`,
  azureAdRoles: `${ARTICLE}: Azure AD roles assignment`,
  azureResourceRoles: `${ARTICLE}: Azure resource role assignment`,
  accessManagement: `${ARTICLE}: Access management for Azure resources and subscriptions`,
} as const;

/** The one data connector every PIM detection reads from. */
export const ENTRA_AUDIT_LOGS = { connectorId: 'AzureActiveDirectory', dataTypes: ['AuditLogs'] };

/** UEBA's IdentityInfo, read by detections that tell privileged accounts apart (optional at run time). */
export const UEBA_IDENTITY_INFO = { connectorId: 'BehaviorAnalytics', dataTypes: ['IdentityInfo'] };
