import { defineDetection, template } from 'sentinel-forge';
import { ACTIVATION_DECISIONS, CATEGORY } from '../shared/activities.ts';
import { ENTRA_AUDIT_LOGS, SECTIONS } from '../shared/article.ts';
import { auditEvent, roleTarget, userTarget } from '../shared/audit-events.ts';
import { PIM_SYSTEM_ACTORS } from '../shared/roles.ts';
import { ACTOR_ACCOUNT, ACTOR_IP, TARGET_ACCOUNT } from '../shared/entities.ts';

const T0 = '2026-11-05T08:45:00Z';
const decision = (operation: string, category: string, service: 'PIM' | 'Access Reviews', actor: { user: string; ip?: string } | { system: 'MS-PIM' }) =>
  auditEvent({
    time: T0, operation, category, service, operationType: 'Update', actor,
    targets: [roleTarget('Global Administrator'), { type: 'Request', displayName: 'Activation request' }, userTarget('carol@contoso.com')],
    details: { Justification: 'Incident 4711', TicketNumber: '4711' },
  });

export default defineDetection({
  id: 'pim-activation-approved-or-denied',
  title: 'PIM role activation approved or denied',
  description:
    'Identifies approvals and denials of Privileged Identity Management activation requests and access-review requests, so every elevation is on record with who approved it: a clear timeline when investigating an attack.',
  severity: 'High',
  kind: 'Scheduled',
  version: '1.0.0',
  source: {
    source: SECTIONS.azureAdRoles,
    whatToMonitor: 'Approvals and deny elevation',
    riskLevel: 'High',
    where: 'Azure AD Audit Log',
    filter: 'Service = Access Review -and- Category = UserManagement -and- Activity Type = Request Approved/Denied -and- Initiated actor = UPN',
    notes: 'All elevations should be monitored. Log all elevations as this could give a clear indication of timeline for an attack.',
  },
  query: template('audit-activity', {
    categories: [CATEGORY.entraRoles, CATEGORY.azureResources, CATEGORY.userManagement],
    operations: [...ACTIVATION_DECISIONS.pim, ...ACTIVATION_DECISIONS.accessReviews],
    excludeInitiators: PIM_SYSTEM_ACTORS,
  }),
  schedule: { frequency: '1h', period: '1h' },
  trigger: { operator: 'gt', threshold: 0 },
  tactics: ['PrivilegeEscalation', 'Persistence'],
  techniques: ['T1078.004'],
  entityMappings: [ACTOR_ACCOUNT, ACTOR_IP, TARGET_ACCOUNT],
  customDetails: { Role: 'RoleName', Requester: 'TargetName', Decision: 'OperationName', Result: 'Result' },
  alertDetails: {
    displayNameFormat: '{{Actor}}: {{OperationName}} for {{RoleName}}',
    descriptionFormat: '{{Actor}} decided on an activation of {{RoleName}} requested by {{TargetName}}.',
  },
  eventGrouping: 'AlertPerResult',
  requiredDataConnectors: [ENTRA_AUDIT_LOGS],
  samples: [
    {
      name: 'an approver approves a Global Administrator activation',
      expect: 'alert',
      tables: { AuditLogs: [decision(ACTIVATION_DECISIONS.pim[0], CATEGORY.entraRoles, 'PIM', { user: 'approver.ann@contoso.com', ip: '192.0.2.10' })] },
      rows: 1,
      entities: { Account: ['approver.ann@contoso.com', 'carol@contoso.com'], IP: ['192.0.2.10'] },
    },
    {
      name: 'an access-review request is denied',
      expect: 'alert',
      tables: { AuditLogs: [decision(ACTIVATION_DECISIONS.accessReviews[1], CATEGORY.userManagement, 'Access Reviews', { user: 'approver.ann@contoso.com' })] },
      rows: 1,
    },
    {
      name: 'near miss: the activation request itself, before any decision',
      expect: 'no-alert',
      tables: { AuditLogs: [decision('Add member to role requested (PIM activation)', CATEGORY.entraRoles, 'PIM', { user: 'carol@contoso.com' })] },
    },
  ],
});
