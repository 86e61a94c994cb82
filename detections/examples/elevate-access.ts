import { defineDetection, kql } from 'sentinel-forge';

/** A raw-KQL detection: a Global Administrator elevating access to every Azure subscription. */
export default defineDetection({
  id: 'entra-elevate-access-to-azure-resources',
  title: 'Global administrator elevated access to all Azure resources',
  description:
    'Identifies a Global Administrator elevating their access to User Access Administrator at root scope, which grants control of every subscription and management group in the tenant.',
  severity: 'High',
  kind: 'Scheduled',
  version: '1.0.0',
  source: {
    source: 'Azure AD security operations for PIM, "Access management for Azure resources"',
    whatToMonitor: 'Elevations',
    riskLevel: 'High',
    where: 'Azure AD, under Manage, Properties',
    filter: 'Periodically review setting. Access management for Azure resources',
    notes: 'Global administrators can elevate to all Azure subscriptions in the tenant.',
  },
  query: kql`
    AuditLogs
    | where Category =~ "AzureRBACRoleManagementElevateAccess"
    | where OperationName =~ ${'User has elevated their access to User Access Administrator for their Azure Resources'}
    | extend Actor = tostring(InitiatedBy.user.userPrincipalName), ActorIpAddress = tostring(InitiatedBy.user.ipAddress)
    | project TimeGenerated, Actor, ActorIpAddress, OperationName, Result, CorrelationId
  `,
  schedule: { frequency: '1h', period: '1h' },
  trigger: { operator: 'gt', threshold: 0 },
  tactics: ['PrivilegeEscalation'],
  techniques: ['T1078.004'],
  entityMappings: [
    { entityType: 'Account', fieldMappings: [{ identifier: 'FullName', columnName: 'Actor' }] },
    { entityType: 'IP', fieldMappings: [{ identifier: 'Address', columnName: 'ActorIpAddress' }] },
  ],
  customDetails: { Operation: 'OperationName', Result: 'Result' },
  alertDetails: { displayNameFormat: '{{Actor}} elevated access to all Azure resources' },
  requiredDataConnectors: [{ connectorId: 'AzureActiveDirectory', dataTypes: ['AuditLogs'] }],
});
