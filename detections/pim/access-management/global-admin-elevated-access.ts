import { defineDetection, template } from 'sentinel-forge';
import { ELEVATE_ACCESS } from '../shared/activities.ts';
import { ENTRA_AUDIT_LOGS, SECTIONS } from '../shared/article.ts';
import { auditEvent } from '../shared/audit-events.ts';
import { ACTOR_ACCOUNT, ACTOR_IP } from '../shared/entities.ts';

const T0 = '2026-11-09T02:15:00Z';
const elevation = (operation: string) =>
  auditEvent({
    time: T0, operation, category: ELEVATE_ACCESS.category, service: 'Azure RBAC (Elevated Access)', operationType: 'Assign',
    actor: { user: 'global.admin@contoso.com', ip: '203.0.113.99' },
    targets: [{ type: 'Other', displayName: 'User Access Administrator', id: '/providers/Microsoft.Authorization/roleAssignments/root' }],
  });

export default defineDetection({
  id: 'entra-global-admin-elevated-access',
  title: 'Global Administrator elevated access to all Azure resources',
  description:
    'Identifies a Global Administrator turning on "Access management for Azure resources", which assigns them User Access Administrator at root scope: control of every subscription and management group in the tenant.',
  severity: 'High',
  kind: 'Scheduled',
  version: '1.0.0',
  source: {
    source: SECTIONS.accessManagement,
    whatToMonitor: 'Elevations',
    riskLevel: 'High',
    where: 'Azure AD, under Manage, Properties',
    filter: 'Periodically review setting. Access management for Azure resources',
    notes: 'Global administrators can elevate by enabling Access management for Azure resources. Verify bad actors have not gained permissions to assign roles in all Azure subscriptions and management groups associated with Active Directory.',
  },
  query: template('audit-activity', {
    categories: [ELEVATE_ACCESS.category],
    operations: [ELEVATE_ACCESS.operation],
  }),
  schedule: { frequency: '1h', period: '1h' },
  trigger: { operator: 'gt', threshold: 0 },
  tactics: ['PrivilegeEscalation', 'DefenseEvasion'],
  techniques: ['T1548.005', 'T1078.004'],
  entityMappings: [ACTOR_ACCOUNT, ACTOR_IP],
  customDetails: { Operation: 'OperationName', Result: 'Result' },
  alertDetails: {
    displayNameFormat: '{{Actor}} elevated to User Access Administrator at root scope',
    descriptionFormat: '{{Actor}} turned on access management for Azure resources from {{ActorIpAddress}}. Verify it was planned and remove the elevation when done.',
  },
  eventGrouping: 'AlertPerResult',
  requiredDataConnectors: [ENTRA_AUDIT_LOGS],
  samples: [
    { name: 'a Global Administrator elevates access', expect: 'alert', tables: { AuditLogs: [elevation(ELEVATE_ACCESS.operation)] }, rows: 1, entities: { Account: ['global.admin@contoso.com'], IP: ['203.0.113.99'] } },
    { name: 'near miss: the elevation is removed again', expect: 'no-alert', tables: { AuditLogs: [elevation('The role assignment of User Access Administrator has been removed from the user')] } },
  ],
});
