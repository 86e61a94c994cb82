import { defineDetection, template } from 'sentinel-forge';

/** A structured-filter detection: someone changed the PIM settings of an Entra ID role. */
export default defineDetection({
  id: 'pim-role-setting-changed',
  title: 'PIM role settings changed',
  description:
    'Identifies changes to the Privileged Identity Management settings of an Entra ID role, such as turning off MFA or approval on activation.',
  severity: 'High',
  kind: 'Scheduled',
  version: '1.0.0',
  source: {
    source: 'Azure AD security operations for PIM, "Azure AD roles assignment"',
    whatToMonitor: 'Changes to PIM settings',
    riskLevel: 'High',
    where: 'Azure AD Audit log',
    filter: 'Service = PIM; Category = Role Management; Activity = Update role setting in PIM; Status Reason = MFA on activation disabled (example)',
    notes: 'One of these actions could reduce the security of the PIM elevation and make it easier for attackers to acquire a privileged account.',
  },
  query: template('audit-activity', {
    categories: ['RoleManagement'],
    operations: ['Update role setting in PIM'],
    services: ['PIM'],
  }),
  schedule: { frequency: '1h', period: '1h' },
  trigger: { operator: 'gt', threshold: 0 },
  tactics: ['PrivilegeEscalation', 'DefenseEvasion'],
  techniques: ['T1484'],
  entityMappings: [
    { entityType: 'Account', fieldMappings: [{ identifier: 'FullName', columnName: 'Actor' }] },
    { entityType: 'IP', fieldMappings: [{ identifier: 'Address', columnName: 'ActorIpAddress' }] },
  ],
  customDetails: { Role: 'RoleName', Result: 'Result' },
  alertDetails: { displayNameFormat: '{{Actor}} changed PIM settings of {{RoleName}}' },
  requiredDataConnectors: [{ connectorId: 'AzureActiveDirectory', dataTypes: ['AuditLogs'] }],
});
