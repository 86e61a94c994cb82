import { defineDetection, template } from 'sentinel-forge';
import { CATEGORY, ROLE_SETTING_UPDATED } from '../shared/activities.ts';
import { ENTRA_AUDIT_LOGS, SECTIONS } from '../shared/article.ts';
import { auditEvent, roleTarget } from '../shared/audit-events.ts';
import { ACTOR_ACCOUNT, ACTOR_IP } from '../shared/entities.ts';

const T0 = '2026-11-04T13:20:00Z';
const settingChanged = (category: string, role: string, reason: string) =>
  auditEvent({
    time: T0, operation: ROLE_SETTING_UPDATED, category, service: 'PIM', operationType: 'Update', resultReason: reason,
    actor: { user: 'admin.eve@contoso.com', ip: '203.0.113.24' },
    targets: [roleTarget(role), { type: 'Other', displayName: 'Role setting', modified: [{ name: 'EnablementRules', old: 'MultiFactorAuthentication,Justification', new: 'Justification' }] }],
  });

export default defineDetection({
  id: 'pim-role-settings-changed',
  title: 'PIM settings of an Entra ID role changed',
  description:
    'Identifies changes to the Privileged Identity Management settings of an Entra ID role, such as turning off MFA, justification or approval on activation, which make it easier to acquire a privileged role.',
  severity: 'High',
  kind: 'Scheduled',
  version: '1.0.0',
  source: {
    source: SECTIONS.azureAdRoles,
    whatToMonitor: 'Changes to PIM settings',
    riskLevel: 'High',
    where: 'Azure AD Audit Log',
    filter: 'Service = PIM -and- Category = Role Management -and- Activity Type = Update role setting in PIM -and- Status Reason = MFA on activation disabled (example)',
    notes: 'Monitor and always alert for any changes to Privileged Role Administrator and Global Administrator. This can be an indication an attacker already gained access able to modify to modify role assignment settings. One of these actions could reduce the security of the PIM elevation and make it easier for attackers to acquire a privileged account.',
  },
  query: template('audit-activity', {
    categories: [CATEGORY.entraRoles],
    operations: [ROLE_SETTING_UPDATED],
    services: ['PIM'],
  }),
  schedule: { frequency: '1h', period: '1h' },
  trigger: { operator: 'gt', threshold: 0 },
  tactics: ['DefenseEvasion', 'PrivilegeEscalation', 'Persistence'],
  techniques: ['T1484', 'T1556.006'],
  entityMappings: [ACTOR_ACCOUNT, ACTOR_IP],
  customDetails: { Role: 'RoleName', Change: 'ResultReason', Result: 'Result' },
  alertDetails: {
    displayNameFormat: '{{Actor}} changed the PIM settings of {{RoleName}}',
    descriptionFormat: '{{Actor}} changed the PIM settings of {{RoleName}}: {{ResultReason}}',
  },
  eventGrouping: 'AlertPerResult',
  requiredDataConnectors: [ENTRA_AUDIT_LOGS],
  samples: [
    {
      name: 'MFA on activation turned off for Global Administrator',
      expect: 'alert',
      tables: { AuditLogs: [settingChanged(CATEGORY.entraRoles, 'Global Administrator', 'MFA on activation disabled')] },
      rows: 1,
      entities: { Account: ['admin.eve@contoso.com'], IP: ['203.0.113.24'] },
    },
    {
      name: 'near miss: the same change to an Azure resource role (covered by the baseline drift detection)',
      expect: 'no-alert',
      tables: { AuditLogs: [settingChanged(CATEGORY.azureResources, 'Owner', 'MFA on activation disabled')] },
    },
  ],
});
