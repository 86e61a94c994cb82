import { defineDetection } from 'sentinel-forge';
import { ROLE_MEMBER_ADDED, CATEGORY } from '../shared/activities.ts';
import { ENTRA_AUDIT_LOGS, SECTIONS, UEBA_IDENTITY_INFO } from '../shared/article.ts';
import { at, auditEvent, coreDirectoryRoleChange, roleTarget, userTarget } from '../shared/audit-events.ts';
import { ALWAYS_ALERT_ROLES, DEFAULT_THRESHOLDS, type ThresholdParameters } from '../shared/roles.ts';
import { roleMembershipQuery } from '../shared/role-membership-query.ts';
import { ACTOR_ACCOUNT, ACTOR_IP, TARGET_ACCOUNT } from '../shared/entities.ts';

/** The article's thresholds, as typed parameters: change them here. */
const thresholds: ThresholdParameters = { ...DEFAULT_THRESHOLDS, alwaysAlertRoles: ALWAYS_ALERT_ROLES };

const T0 = '2026-11-02T09:00:00Z';
const added = (minute: number, role: string, member: string, actor = 'admin.eve@contoso.com') =>
  auditEvent({
    time: at(T0, minute), operation: ROLE_MEMBER_ADDED.pim[0], category: CATEGORY.entraRoles, service: 'PIM',
    actor: { user: actor, ip: '203.0.113.24' }, targets: [roleTarget(role), { type: 'Request', displayName: 'Request' }, userTarget(member)],
    details: { RoleDefinitionOriginId: 'role-definition', ipaddr: '203.0.113.24', Justification: 'onboarding' },
  });

export default defineDetection({
  id: 'pim-privileged-role-member-added',
  title: 'Members added to privileged Entra ID roles',
  description:
    'Identifies eligible or active members added to Entra ID roles, through PIM or directly: any addition to Global Administrator or Privileged Role Administrator, or more additions by one actor within an hour than the threshold (4 for users, 2 for privileged accounts).',
  severity: 'High',
  kind: 'Scheduled',
  version: '1.0.0',
  source: {
    source: SECTIONS.azureAdRoles,
    whatToMonitor: 'Alert on Add changes to privileged account permissions',
    riskLevel: 'High',
    where: 'Azure AD Audit logs',
    filter: 'Category = Role Management -and- Activity Type – Add eligible member (permanent) -and- Activity Type – Add eligible member (eligible) -and- Status = Success/failure -and- Modified properties = Role.DisplayName',
    notes: 'Monitor and always alert for any changes to privileged role administrator and global administrator. This can be an indication an attacker is trying to gain privilege to modify role assignment settings. If you don’t have a defined threshold, alert on 4 in 60 minutes for users and 2 in 60 minutes for privileged accounts.',
  },
  query: roleMembershipQuery([...ROLE_MEMBER_ADDED.pim, ...ROLE_MEMBER_ADDED.coreDirectory], thresholds),
  schedule: { frequency: '1h', period: '1h' },
  trigger: { operator: 'gt', threshold: 0 },
  tactics: ['Persistence', 'PrivilegeEscalation'],
  techniques: ['T1098.003', 'T1078.004'],
  entityMappings: [ACTOR_ACCOUNT, ACTOR_IP, TARGET_ACCOUNT],
  customDetails: { Roles: 'Roles', Members: 'Targets', Additions: 'ActivityCount', Operations: 'Operations', Results: 'Results', PrivilegedActor: 'IsPrivilegedActor' },
  alertDetails: {
    displayNameFormat: '{{Actor}} added {{ActivityCount}} role members, including {{RoleName}}',
    descriptionFormat: '{{Actor}} added members to Entra ID roles ({{RoleName}} among them). Confirm the change was planned.',
  },
  eventGrouping: 'AlertPerResult',
  incident: { create: true, grouping: { enabled: true, lookback: '5h', matchingMethod: 'Selected', groupByEntities: ['Account'] } },
  requiredDataConnectors: [ENTRA_AUDIT_LOGS, UEBA_IDENTITY_INFO],
  samples: [
    {
      name: 'one addition to Global Administrator alerts at once',
      expect: 'alert',
      tables: { AuditLogs: [added(0, 'Global Administrator', 'mallory@contoso.com')] },
      rows: 1,
      entities: { Account: ['admin.eve@contoso.com', 'mallory@contoso.com'], IP: ['203.0.113.24'] },
    },
    {
      name: 'four additions of other roles by one user within an hour alert (Core Directory shape)',
      expect: 'alert',
      tables: {
        AuditLogs: [0, 10, 20, 30].map((m, i) =>
          auditEvent({
            time: at(T0, m), operation: 'Add member to role', category: CATEGORY.entraRoles, service: 'Core Directory',
            actor: { user: 'helpdesk.dan@contoso.com', ip: '198.51.100.7' }, targets: [coreDirectoryRoleChange(`user${i}@contoso.com`, 'Exchange Administrator', 'added')],
          }),
        ),
      },
      rows: 1,
    },
    {
      name: 'near miss: three additions of other roles by one user within an hour',
      expect: 'no-alert',
      tables: { AuditLogs: [0, 10, 20].map((m, i) => added(m, 'Exchange Administrator', `user${i}@contoso.com`, 'helpdesk.dan@contoso.com')) },
    },
    {
      name: 'near miss: PIM itself adding the member (an activation) is not a person changing permissions',
      expect: 'no-alert',
      tables: {
        AuditLogs: [auditEvent({ time: T0, operation: 'Add member to role', category: CATEGORY.entraRoles, service: 'Core Directory', actor: { system: 'MS-PIM' }, targets: [coreDirectoryRoleChange('alice@contoso.com', 'Global Administrator', 'added')] })],
      },
    },
  ],
});
