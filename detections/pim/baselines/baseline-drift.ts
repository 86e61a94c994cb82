import { defineDetection, template } from 'sentinel-forge';
import { CATEGORY, ROLE_SETTING_UPDATED } from '../shared/activities.ts';
import { ENTRA_AUDIT_LOGS, SECTIONS } from '../shared/article.ts';
import { auditEvent, roleTarget } from '../shared/audit-events.ts';
import { azureRolesBaseline, entraRolesBaseline } from './role-settings-baselines.ts';
import { ACTOR_ACCOUNT, ACTOR_IP } from '../shared/entities.ts';

const T0 = '2026-11-10T11:00:00Z';
const settingChanged = (category: string, role: string) =>
  auditEvent({
    time: T0, operation: ROLE_SETTING_UPDATED, category, service: 'PIM', operationType: 'Update', resultReason: 'Maximum activation duration changed',
    actor: { user: 'admin.eve@contoso.com', ip: '203.0.113.24' },
    targets: [roleTarget(role), { type: 'Other', displayName: 'Role setting', modified: [{ name: 'ExpirationRule', old: 'PT8H', new: 'PT24H' }] }],
  });

/** Alerts when the PIM settings of a baselined role change, in either PIM surface; `baseline` says what drifted. */
export default defineDetection({
  id: 'pim-baseline-role-settings-changed',
  title: 'PIM settings of a baselined role changed',
  description: `Identifies a change to the PIM activation settings of a role the baselines cover (${[...entraRolesBaseline.roles, ...azureRolesBaseline.roles].join(', ')}). Run sentinel-forge baseline on a policy export to see which setting no longer meets the baseline.`,
  severity: 'High',
  kind: 'Scheduled',
  version: '1.0.0',
  source: {
    source: SECTIONS.baselines,
    whatToMonitor: `${entraRolesBaseline.source.whatToMonitor}; ${azureRolesBaseline.source.whatToMonitor}`,
    riskLevel: 'High',
    where: 'Azure AD Audit log; PIM role settings',
    filter: `Activity Type = Update role setting in PIM -and- Category = RoleManagement or ResourceManagement -and- Role in the baselines`,
    notes: entraRolesBaseline.source.recommendation,
  },
  query: template('audit-activity', {
    categories: [CATEGORY.entraRoles, CATEGORY.azureResources],
    operations: [ROLE_SETTING_UPDATED],
    roles: [...entraRolesBaseline.roles, ...azureRolesBaseline.roles],
  }),
  schedule: { frequency: '1h', period: '1h' },
  trigger: { operator: 'gt', threshold: 0 },
  tactics: ['DefenseEvasion', 'PrivilegeEscalation', 'Persistence'],
  techniques: ['T1484', 'T1556.006'],
  entityMappings: [ACTOR_ACCOUNT, ACTOR_IP],
  customDetails: { Role: 'RoleName', Change: 'ResultReason', Surface: 'Category' },
  alertDetails: { displayNameFormat: '{{Actor}} changed the PIM settings of baselined role {{RoleName}}' },
  eventGrouping: 'AlertPerResult',
  requiredDataConnectors: [ENTRA_AUDIT_LOGS],
  samples: [
    { name: 'Owner settings changed in Azure resources', expect: 'alert', tables: { AuditLogs: [settingChanged(CATEGORY.azureResources, 'Owner')] }, rows: 1, entities: { Account: ['admin.eve@contoso.com'] } },
    { name: 'Security Administrator settings changed in Entra ID', expect: 'alert', tables: { AuditLogs: [settingChanged(CATEGORY.entraRoles, 'Security Administrator')] }, rows: 1 },
    { name: 'near miss: settings of a role outside the baselines', expect: 'no-alert', tables: { AuditLogs: [settingChanged(CATEGORY.entraRoles, 'Reports Reader')] } },
  ],
});
