/**
 * Real Entra ID audit activity names (`OperationName` / `ActivityDisplayName`), from Microsoft's audit activity
 * reference, "Privileged Identity Management" and "Core Directory" sections. The article's wording is loose
 * ("Disable PIM Alert", "time bound"); these are the strings the log carries.
 */

/** Adding an eligible or active member to an Entra ID role, through PIM or directly. */
export const ROLE_MEMBER_ADDED = {
  pim: [
    'Add eligible member to role in PIM completed (permanent)',
    'Add eligible member to role in PIM completed (timebound)',
    'Add member to role in PIM completed (permanent)',
    'Add member to role in PIM completed (timebound)',
    'Add member to role outside of PIM (permanent)',
  ],
  coreDirectory: ['Add eligible member to role', 'Add member to role', 'Add scoped member to role'],
} as const;

/** Removing an eligible or active member from an Entra ID role, through PIM or directly. */
export const ROLE_MEMBER_REMOVED = {
  pim: [
    'Remove eligible member from role in PIM completed (permanent)',
    'Remove eligible member from role in PIM completed (timebound)',
    'Remove member from role in PIM completed (permanent)',
    'Remove member from role in PIM completed (timebound)',
    'Remove permanent eligible role assignment',
    'Remove permanent direct role assignment',
  ],
  coreDirectory: ['Remove eligible member from role', 'Remove member from role', 'Remove scoped member from role'],
} as const;

export const ROLE_SETTING_UPDATED = 'Update role setting in PIM';

/** Approving or denying a PIM activation request, and the access-review decisions the article's row names. */
export const ACTIVATION_DECISIONS = {
  pim: ['Add member to role request approved (PIM activation)', 'Add member to role request denied (PIM activation)'],
  accessReviews: ['Request approved', 'Request denied'],
} as const;

export const PIM_ALERT_DISABLED = 'Disable PIM alert';
export const PIM_ALERT_SETTING_UPDATED = 'Update PIM alert setting';

export const ELIGIBLE_MEMBER_ADDED_TIMEBOUND = 'Add eligible member to role in PIM completed (timebound)';

export const ELEVATE_ACCESS = {
  category: 'AzureRBACRoleManagementElevateAccess',
  operation: 'User has elevated their access to User Access Administrator for their Azure Resources',
} as const;

/** Categories: which PIM surface an event belongs to. */
export const CATEGORY = {
  entraRoles: 'RoleManagement',
  azureResources: 'ResourceManagement',
  userManagement: 'UserManagement',
} as const;
