/**
 * Privileged roles, shared by every PIM detection and baseline. Names are the display names PIM and the audit
 * log use. Override a detection's lists through its parameters, not by editing a query.
 */

/** Entra ID roles that control identities, authentication or privileged access itself. */
export const PRIVILEGED_ENTRA_ROLES = [
  'Global Administrator',
  'Privileged Role Administrator',
  'Privileged Authentication Administrator',
  'Security Administrator',
  'Conditional Access Administrator',
  'User Administrator',
  'Authentication Administrator',
  'Application Administrator',
  'Cloud Application Administrator',
  'Exchange Administrator',
  'SharePoint Administrator',
  'Intune Administrator',
  'Hybrid Identity Administrator',
  'Helpdesk Administrator',
  'Partner Tier2 Support',
] as const;

export type PrivilegedEntraRole = (typeof PRIVILEGED_ENTRA_ROLES)[number];

/** Azure RBAC roles that can grant access to resources, or own them. */
export const PRIVILEGED_AZURE_ROLES = ['Owner', 'User Access Administrator', 'Role Based Access Control Administrator', 'Contributor'] as const;

export type PrivilegedAzureRole = (typeof PRIVILEGED_AZURE_ROLES)[number];

/** "Monitor and always alert for any changes to privileged role administrator and global administrator." */
export const ALWAYS_ALERT_ROLES: readonly PrivilegedEntraRole[] = ['Global Administrator', 'Privileged Role Administrator'];

/** The system actor PIM acts as (activations, expiries); rows about people leave it out. */
export const PIM_SYSTEM_ACTORS = ['MS-PIM', 'MS-PIM-Fairfax', 'Azure AD PIM'];

/**
 * "If you don't have a defined threshold, alert on 4 in 60 minutes for users and 2 in 60 minutes for privileged
 * accounts." Privileged accounts are those holding one of PRIVILEGED_ENTRA_ROLES.
 */
export const DEFAULT_THRESHOLDS = { users: 4, privilegedAccounts: 2, window: '1h' } as const;

export interface ThresholdParameters {
  /** Activities per window from an ordinary user that alert. */
  users: number;
  /** Activities per window from a privileged account that alert. */
  privilegedAccounts: number;
  window: '15m' | '30m' | '1h' | '2h' | '4h' | '1d';
  /** Any activity on these roles alerts, whatever the count. */
  alwaysAlertRoles: readonly string[];
}
