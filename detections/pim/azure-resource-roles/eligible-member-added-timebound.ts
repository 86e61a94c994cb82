import { defineDetection, template } from 'sentinel-forge';
import { CATEGORY, ELIGIBLE_MEMBER_ADDED_TIMEBOUND } from '../shared/activities.ts';
import { ENTRA_AUDIT_LOGS, SECTIONS } from '../shared/article.ts';
import { auditEvent, roleTarget, userTarget } from '../shared/audit-events.ts';
import { ACTOR_ACCOUNT, ACTOR_IP, TARGET_ACCOUNT, AZURE_RESOURCE } from '../shared/entities.ts';

const T0 = '2026-11-07T10:30:00Z';
const SUBSCRIPTION = '/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590';
const eligibleAdded = (member: { type: 'User' | 'Group'; upn: string }, result: 'success' | 'failure' = 'success', operation = ELIGIBLE_MEMBER_ADDED_TIMEBOUND) =>
  auditEvent({
    time: T0, operation, category: CATEGORY.azureResources, service: 'PIM', result,
    actor: { user: 'cloud.owner@contoso.com', ip: '198.51.100.23' },
    targets: [
      roleTarget('Owner'),
      { type: 'Other', displayName: 'Production', id: SUBSCRIPTION },
      member.type === 'User' ? userTarget(member.upn) : { type: 'Group', displayName: member.upn },
    ],
    details: { ipaddr: '198.51.100.23', ExpirationTime: '2026-12-07T10:30:00Z' },
  });

export default defineDetection({
  id: 'pim-azure-eligible-member-added-timebound',
  title: 'Time-bound eligible member added to an Azure resource role',
  description:
    'Identifies a user made eligible, for a limited time, for an Azure resource role through Privileged Identity Management: a way to gain the means to manage Azure resources.',
  severity: 'High',
  kind: 'Scheduled',
  version: '1.0.0',
  source: {
    source: SECTIONS.azureResourceRoles,
    whatToMonitor: 'Audit Alert Resource Audit log for Privileged account activities',
    riskLevel: 'High',
    where: 'In PIM, under Azure Resources, Resource Audit',
    filter: 'Action : Add eligible member to role in PIM completed (time bound) -and- Primary Target -and- Type User -and- Status = Succeeded',
    notes: 'Always alert. Helps detect bad actor adding eligible roles to manage all resources in Azure.',
  },
  query: template('audit-activity', {
    categories: [CATEGORY.azureResources],
    operations: [ELIGIBLE_MEMBER_ADDED_TIMEBOUND],
    services: ['PIM'],
    result: 'success',
    targetTypes: ['User'],
    resourceId: true,
  }),
  schedule: { frequency: '1h', period: '1h' },
  trigger: { operator: 'gt', threshold: 0 },
  tactics: ['Persistence', 'PrivilegeEscalation'],
  techniques: ['T1098.003', 'T1078.004'],
  entityMappings: [ACTOR_ACCOUNT, ACTOR_IP, TARGET_ACCOUNT, AZURE_RESOURCE],
  customDetails: { Role: 'RoleName', Member: 'TargetName', Resource: 'AzureResourceId' },
  alertDetails: { displayNameFormat: '{{Actor}} made {{TargetName}} eligible for {{RoleName}}' },
  eventGrouping: 'AlertPerResult',
  requiredDataConnectors: [ENTRA_AUDIT_LOGS],
  samples: [
    {
      name: 'a user made eligible for Owner of a subscription until a set date',
      expect: 'alert',
      tables: { AuditLogs: [eligibleAdded({ type: 'User', upn: 'mallory@contoso.com' })] },
      rows: 1,
      entities: { Account: ['cloud.owner@contoso.com', 'mallory@contoso.com'], AzureResource: [SUBSCRIPTION] },
    },
    { name: 'near miss: a group made eligible (the row is about users)', expect: 'no-alert', tables: { AuditLogs: [eligibleAdded({ type: 'Group', upn: 'Ops engineers' })] } },
    { name: 'near miss: the request failed', expect: 'no-alert', tables: { AuditLogs: [eligibleAdded({ type: 'User', upn: 'mallory@contoso.com' }, 'failure')] } },
    { name: 'near miss: a permanent eligible assignment', expect: 'no-alert', tables: { AuditLogs: [eligibleAdded({ type: 'User', upn: 'mallory@contoso.com' }, 'success', 'Add eligible member to role in PIM completed (permanent)')] } },
  ],
});
