import { defineBaseline, type RoleSettingsBaseline } from 'sentinel-forge';
import { SECTIONS } from '../shared/article.ts';

/** The article's recommended activation settings, the same for both baselines. */
export const RECOMMENDED_SETTINGS: RoleSettingsBaseline = {
  requireJustification: true,
  requireApproval: true,
  approvalStages: 2,
  requireMfa: true,
  maxActivationDuration: '8h',
};

const RECOMMENDATION =
  'Require justification for activation. Require approval to activate. Set two-level approver process. On activation, require Azure Active Directory Multi-Factor Authentication (MFA). Set maximum elevation duration to 8 hrs.';

/**
 * Entra ID roles. The article's row names Privileged Role Administration and Global Administrator; its Azure row
 * also lists Global Administrator and Security Administrator, which are Entra ID roles, so they are checked here.
 */
export const entraRolesBaseline = defineBaseline({
  id: 'pim-baseline-entra-roles',
  title: 'PIM activation settings of privileged Entra ID roles',
  version: '1.0.0',
  scope: 'DirectoryRole',
  roles: ['Global Administrator', 'Privileged Role Administrator', 'Security Administrator'],
  settings: RECOMMENDED_SETTINGS,
  source: {
    source: SECTIONS.baselines,
    whatToMonitor: 'Azure AD roles assignment',
    riskLevel: 'High',
    recommendation: RECOMMENDATION,
    roles: 'Privileged Role Administration, Global Administrator',
    notes: 'A privileged role administrator can customize PIM in their Azure AD organization, including changing the experience for users activating an eligible role assignment.',
  },
});

/**
 * Azure resource roles. Of the article's list, Owner and User Access Administrator are Azure roles ("Resource
 * Administrator" is the PIM permission level Owner and User Access Administrator confer, not a role).
 */
export const azureRolesBaseline = defineBaseline({
  id: 'pim-baseline-azure-resource-roles',
  title: 'PIM activation settings of privileged Azure resource roles',
  version: '1.0.0',
  scope: 'AzureResource',
  roles: ['Owner', 'User Access Administrator'],
  settings: RECOMMENDED_SETTINGS,
  source: {
    source: SECTIONS.baselines,
    whatToMonitor: 'Azure Resource Role Configuration',
    riskLevel: 'High',
    recommendation: RECOMMENDATION,
    roles: 'Owner, Resource Administrator, User Access Administrator, Global Administrator, Security Administrator',
    notes: 'Investigate immediately if not a planned change. This setting could enable an attacker access to Azure subscriptions in your environment.',
  },
});
