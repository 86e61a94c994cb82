/**
 * Realistic detection files for the benchmarks: several query shapes over AuditLogs, SigninLogs and AzureActivity
 * (structured filters and raw KQL with let, summarize, mv-expand, join), varied by index so no two are equal.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const OPERATIONS = ['Add member to role', 'Add eligible member to role in PIM completed (permanent)', 'Remove member from role', 'Update role setting in PIM', 'Disable PIM alert', 'Add member to role request denied (PIM activation)'];

function query(i: number): string {
  const op = OPERATIONS[i % OPERATIONS.length];
  switch (i % 4) {
    case 0:
      return `template('audit-activity', { categories: ['RoleManagement'], operations: [${JSON.stringify(op)}, 'Variant ${i}'], excludeInitiators: ['MS-PIM'], threshold: { count: ${2 + (i % 5)}, window: '1h' } })`;
    case 1:
      return `template('audit-activity', { categories: ['RoleManagement', 'ResourceManagement'], operations: [${JSON.stringify(op)}], services: ['PIM'], result: 'success', project: ['AADOperationType', 'Identity'] })`;
    case 2:
      return `kql\`
        let threshold = ${5 + (i % 20)};
        let watched = dynamic(["Global Administrator", "Privileged Role Administrator", "Role ${i}"]);
        SigninLogs
        | where ResultType != "0"
        | where AppDisplayName has_any (watched) or UserPrincipalName endswith "@contoso${i}.com"
        | extend City = tostring(LocationDetails.city), Country = tostring(LocationDetails.countryOrRegion)
        | summarize FailedCount = count(), Apps = make_set(AppDisplayName, 20), Countries = dcount(Country), FirstSeen = min(TimeGenerated), LastSeen = max(TimeGenerated)
            by UserPrincipalName, IPAddress, bin(TimeGenerated, 1h)
        | where FailedCount > threshold
        | project TimeGenerated, Actor = UserPrincipalName, ActorIpAddress = IPAddress, FailedCount, Apps, Countries, FirstSeen, LastSeen\``;
    default:
      return `kql\`
        let lookback = ${1 + (i % 6)}h;
        AuditLogs
        | where TimeGenerated > ago(lookback)
        | where OperationName =~ ${JSON.stringify(op)}
        | mv-expand Target = TargetResources
        | extend TargetType = tostring(Target.type), TargetName = tostring(Target.userPrincipalName)
        | where TargetType =~ "User"
        | join kind=leftouter (
            IdentityInfo
            | summarize arg_max(TimeGenerated, *) by AccountUPN
            | project AccountUPN, Department, JobTitle
          ) on $left.TargetName == $right.AccountUPN
        | extend Actor = tostring(InitiatedBy.user.userPrincipalName), ActorIpAddress = tostring(InitiatedBy.user.ipAddress)
        | project TimeGenerated, Actor, ActorIpAddress, TargetName, Department, JobTitle, OperationName, Variant = ${i}\``;
  }
}

function detectionFile(i: number): string {
  const isTemplate = i % 4 < 2;
  return `import { defineDetection, kql, template } from 'sentinel-forge';

export default defineDetection({
  id: 'bench-detection-${i}',
  title: 'Benchmark detection ${i}',
  description: 'Identifies benchmark activity number ${i}.',
  severity: '${['Low', 'Medium', 'High'][i % 3]}',
  kind: 'Scheduled',
  version: '1.0.${i % 10}',
  query: ${query(i)},
  schedule: { frequency: '1h', period: '${i % 2 ? '1h' : '2h'}' },
  trigger: { operator: 'gt', threshold: 0 },
  tactics: ['Persistence', 'PrivilegeEscalation'],
  techniques: ['T1098', 'T1078.004'],
  entityMappings: [
    { entityType: 'Account', fieldMappings: [{ identifier: 'FullName', columnName: 'Actor' }] },
    { entityType: 'IP', fieldMappings: [{ identifier: 'Address', columnName: 'ActorIpAddress' }] },
  ],
  ${isTemplate ? `alertDetails: { displayNameFormat: '{{Actor}} changed role {{RoleName}} (${i})' },` : ''}
  requiredDataConnectors: [{ connectorId: 'AzureActiveDirectory', dataTypes: ['AuditLogs', 'SigninLogs'] }],
});
`;
}

/** Write `count` detection files into `dir/detections` (replacing what was there). */
export function writeBenchDetections(dir: string, count: number): string {
  const detections = path.join(dir, 'detections');
  rmSync(detections, { recursive: true, force: true });
  mkdirSync(detections, { recursive: true });
  for (let i = 0; i < count; i++) writeFileSync(path.join(detections, `d${String(i).padStart(4, '0')}.ts`), detectionFile(i));
  return detections;
}
