import { defineDetection } from 'sentinel-forge';
import { CATEGORY, ROLE_MEMBER_REMOVED } from '../shared/activities.ts';
import { ENTRA_AUDIT_LOGS, SECTIONS, UEBA_IDENTITY_INFO } from '../shared/article.ts';
import { at, auditEvent, coreDirectoryRoleChange, roleTarget, userTarget } from '../shared/audit-events.ts';
import { ALWAYS_ALERT_ROLES, DEFAULT_THRESHOLDS, type ThresholdParameters } from '../shared/roles.ts';
import { roleMembershipQuery } from '../shared/role-membership-query.ts';
import { ACTOR_ACCOUNT, ACTOR_IP } from '../shared/entities.ts';

/** The article defines no threshold for this row, so its default applies: change it here. */
const thresholds: ThresholdParameters = { ...DEFAULT_THRESHOLDS, alwaysAlertRoles: ALWAYS_ALERT_ROLES };

const T0 = '2026-11-03T22:00:00Z';
const removed = (minute: number, role: string, member: string, actor = 'admin.eve@contoso.com') =>
  auditEvent({
    time: at(T0, minute), operation: ROLE_MEMBER_REMOVED.pim[0], category: CATEGORY.entraRoles, service: 'PIM', operationType: 'Delete',
    actor: { user: actor, ip: '203.0.113.24' }, targets: [roleTarget(role), userTarget(member)], details: { ipaddr: '203.0.113.24' },
  });

export default defineDetection({
  id: 'pim-privileged-role-members-removed-in-bulk',
  title: 'Bulk removal of Entra ID role members',
  description:
    'Identifies eligible or active members removed from Entra ID roles in bulk, through PIM or directly: any removal from Global Administrator or Privileged Role Administrator, or more removals by one actor within an hour than the threshold (4 for users, 2 for privileged accounts).',
  severity: 'High',
  kind: 'Scheduled',
  version: '1.0.0',
  source: {
    source: SECTIONS.azureAdRoles,
    whatToMonitor: 'Alert on bulk deletion changes to privileged account permissions',
    riskLevel: 'High',
    where: 'Azure AD Audit logs',
    filter: 'Category = Role Management -and- Activity Type – Remove eligible member (permanent) -and- Activity Type – Remove eligible member (eligible) -and- Status = Success/failure -and- Modified properties = Role.DisplayName',
    notes: 'Investigate immediately if not a planned change. This setting could enable an attacker access to Azure subscriptions in your environment.',
  },
  query: roleMembershipQuery([...ROLE_MEMBER_REMOVED.pim, ...ROLE_MEMBER_REMOVED.coreDirectory], thresholds),
  schedule: { frequency: '1h', period: '1h' },
  trigger: { operator: 'gt', threshold: 0 },
  tactics: ['Impact', 'Persistence'],
  techniques: ['T1531', 'T1098'],
  entityMappings: [ACTOR_ACCOUNT, ACTOR_IP],
  customDetails: { Roles: 'Roles', Members: 'Targets', Removals: 'ActivityCount', Operations: 'Operations', Results: 'Results' },
  alertDetails: {
    displayNameFormat: '{{Actor}} removed {{ActivityCount}} role members, including from {{RoleName}}',
    descriptionFormat: '{{Actor}} removed members from Entra ID roles ({{RoleName}} among them). Investigate immediately if not planned.',
  },
  eventGrouping: 'AlertPerResult',
  requiredDataConnectors: [ENTRA_AUDIT_LOGS, UEBA_IDENTITY_INFO],
  samples: [
    {
      name: 'four removals by one user within an hour alert',
      expect: 'alert',
      tables: { AuditLogs: [0, 5, 10, 15].map((m, i) => removed(m, 'Security Reader', `analyst${i}@contoso.com`)) },
      rows: 1,
      entities: { Account: ['admin.eve@contoso.com'], IP: ['203.0.113.24'] },
    },
    {
      name: 'one removal from Privileged Role Administrator (Core Directory shape) alerts',
      expect: 'alert',
      tables: {
        AuditLogs: [auditEvent({ time: T0, operation: 'Remove member from role', category: CATEGORY.entraRoles, service: 'Core Directory', operationType: 'Delete', actor: { user: 'admin.eve@contoso.com', ip: '203.0.113.24' }, targets: [coreDirectoryRoleChange('bob@contoso.com', 'Privileged Role Administrator', 'removed')] })],
      },
      rows: 1,
    },
    {
      name: 'near miss: three removals of an ordinary role within an hour',
      expect: 'no-alert',
      tables: { AuditLogs: [0, 5, 10].map((m, i) => removed(m, 'Security Reader', `analyst${i}@contoso.com`)) },
    },
    {
      name: 'near miss: PIM removing an expired activation',
      expect: 'no-alert',
      tables: { AuditLogs: [auditEvent({ time: T0, operation: 'Remove member from role', category: CATEGORY.entraRoles, service: 'Core Directory', operationType: 'Delete', actor: { system: 'MS-PIM' }, targets: [coreDirectoryRoleChange('bob@contoso.com', 'Global Administrator', 'removed')] })] },
    },
  ],
});
