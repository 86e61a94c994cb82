import { defineDetection, template } from 'sentinel-forge';
import { CATEGORY, PIM_ALERT_DISABLED, PIM_ALERT_SETTING_UPDATED } from '../shared/activities.ts';
import { ENTRA_AUDIT_LOGS, SECTIONS } from '../shared/article.ts';
import { auditEvent } from '../shared/audit-events.ts';
import { ACTOR_ACCOUNT, ACTOR_IP } from '../shared/entities.ts';

const T0 = '2026-11-06T17:05:00Z';
const alertEvent = (operation: string, category: string, result: 'success' | 'failure' = 'success') =>
  auditEvent({
    time: T0, operation, category, service: 'PIM', operationType: 'Update', result,
    actor: { user: 'admin.eve@contoso.com', ip: '203.0.113.24' },
    targets: [{ type: 'Other', displayName: 'Roles are being assigned outside of Privileged Identity Management', id: 'RolesAssignedOutsidePimAlert' }],
  });

export default defineDetection({
  id: 'pim-alert-disabled',
  title: 'PIM alert for Entra ID roles disabled',
  description:
    'Identifies a Privileged Identity Management alert for Entra ID roles being disabled or its settings changed, which can hide suspicious or unsafe activity such as roles assigned outside PIM.',
  severity: 'High',
  kind: 'Scheduled',
  version: '1.0.0',
  source: {
    source: SECTIONS.azureAdRoles,
    whatToMonitor: 'Alert setting changes to disabled.',
    riskLevel: 'High',
    where: 'Azure AD Audit logs',
    filter: 'Service =PIM -and- Category = Role Management -and- Activity Type = Disable PIM Alert -and- Status = Success /Failure',
    notes: 'Always alert. Helps detect bad actor removing alerts associated with Azure MFA requirements to activate privileged access. Helps detect suspicious or unsafe activity.',
  },
  query: template('audit-activity', {
    categories: [CATEGORY.entraRoles],
    operations: [PIM_ALERT_DISABLED, PIM_ALERT_SETTING_UPDATED],
    services: ['PIM'],
  }),
  schedule: { frequency: '1h', period: '1h' },
  trigger: { operator: 'gt', threshold: 0 },
  tactics: ['DefenseEvasion'],
  techniques: ['T1562.001'],
  entityMappings: [ACTOR_ACCOUNT, ACTOR_IP],
  customDetails: { Alert: 'TargetName', Operation: 'OperationName', Result: 'Result' },
  alertDetails: { displayNameFormat: '{{Actor}}: {{OperationName}} ({{TargetName}})' },
  eventGrouping: 'AlertPerResult',
  requiredDataConnectors: [ENTRA_AUDIT_LOGS],
  samples: [
    { name: 'a PIM alert is disabled', expect: 'alert', tables: { AuditLogs: [alertEvent(PIM_ALERT_DISABLED, CATEGORY.entraRoles)] }, rows: 1, entities: { Account: ['admin.eve@contoso.com'] } },
    { name: 'a failed attempt to disable one alerts too (Status = Success/Failure)', expect: 'alert', tables: { AuditLogs: [alertEvent('Disable PIM Alert', CATEGORY.entraRoles, 'failure')] }, rows: 1 },
    { name: 'near miss: a PIM alert is enabled', expect: 'no-alert', tables: { AuditLogs: [alertEvent('Enable PIM alert', CATEGORY.entraRoles)] } },
    { name: 'near miss: an Azure resource alert is disabled (its own detections)', expect: 'no-alert', tables: { AuditLogs: [alertEvent(PIM_ALERT_DISABLED, CATEGORY.azureResources)] } },
  ],
});
