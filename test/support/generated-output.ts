/**
 * The generated artefacts the target tests inspect: the bundled `detections/` plus variant detections that
 * reach the corners of the model (NRT, sub-techniques, selected incident grouping, every alert-details
 * override, suppression, AlertPerResult, 10 entity mappings, 20 custom details, Monitor options, a 14-day
 * period, ARM-escaped text), built by the CLI into a throw-away project.
 */
import path from 'node:path';
import { detectionSource, makeProject, REPO_ROOT, runCli, snapshotTree } from '../helpers.ts';

const AUDIT_QUERY = [
  'AuditLogs',
  '| where Category =~ "RoleManagement"',
  '| extend Actor = tostring(InitiatedBy.user.userPrincipalName), ActorIpAddress = tostring(InitiatedBy.user.ipAddress)',
  '| extend ActorName = tostring(split(Actor, "@")[0]), ActorSuffix = tostring(split(Actor, "@")[1]), ActorObjectId = tostring(InitiatedBy.user.id)',
  '| extend AppName = tostring(InitiatedBy.app.displayName), ResourceId = tostring(TargetResources[0].id), HostName = tostring(AdditionalDetails[0].value)',
  '| extend Url = tostring(AdditionalDetails[1].value), GroupId = tostring(TargetResources[0].id), TargetName = tostring(TargetResources[0].userPrincipalName)',
  '| extend AlertTactics = "PrivilegeEscalation", AlertSeverity = "High", ProductName = "sentinel-forge", Remediation = "Review the change.", AlertTechniques = "T1078"',
  '| project TimeGenerated, Actor, ActorIpAddress, ActorName, ActorSuffix, ActorObjectId, AppName, ResourceId, HostName, Url, GroupId, TargetName, OperationName, Result, AlertTactics, AlertSeverity, ProductName, Remediation, AlertTechniques',
].join('\n');
const QUERY = `kql\`${AUDIT_QUERY}\``;

const TWENTY_DETAILS = Object.fromEntries(
  ['Operation', ...Array.from({ length: 19 }, (_, i) => `Detail${i + 2}`)].map((key, i) => [key, i === 0 ? 'OperationName' : ['Actor', 'TargetName', 'Result', 'AppName'][i % 4]]),
);

/** Variant detections, file → source (values are raw TypeScript text, see `detectionSource`). */
export const VARIANT_DETECTIONS: Record<string, string> = {
  'detections/variants/nrt.ts': detectionSource({
    id: `'variant-nrt-role-assignment'`,
    title: `'Variant NRT role assignment'`,
    kind: `'NRT'`,
    schedule: '',
    trigger: '',
    query: QUERY,
    tactics: `['Persistence', 'PrivilegeEscalation']`,
    techniques: `['T1078.004', 'T1098']`,
    entityMappings: `[{ entityType: 'Account', fieldMappings: [{ identifier: 'FullName', columnName: 'Actor' }, { identifier: 'Name', columnName: 'ActorName' }, { identifier: 'UPNSuffix', columnName: 'ActorSuffix' }] }]`,
  }),
  'detections/variants/grouping.ts': detectionSource({
    id: `'variant-selected-grouping'`,
    title: `'[Variant] selected grouping with overrides [test]'`,
    description: `'[Preview] Identifies role changes and groups them by actor, alert details and operation [x]'`,
    severity: `'High'`,
    query: QUERY,
    schedule: `{ frequency: '30m', period: '2h' }`,
    trigger: `{ operator: 'gt', threshold: 5 }`,
    tactics: `['PrivilegeEscalation']`,
    techniques: `['T1078.004']`,
    entityMappings: `[${[
      ['Account', 'FullName', 'Actor'], ['IP', 'Address', 'ActorIpAddress'], ['Account', 'AadUserId', 'ActorObjectId'],
      ['CloudApplication', 'Name', 'AppName'], ['AzureResource', 'ResourceId', 'ResourceId'], ['Host', 'HostName', 'HostName'],
      ['DNS', 'DomainName', 'ActorSuffix'], ['URL', 'Url', 'Url'], ['SecurityGroup', 'ObjectGuid', 'GroupId'], ['Mailbox', 'MailboxPrimaryAddress', 'Actor'],
    ].map(([e, id, col]) => `{ entityType: '${e}', fieldMappings: [{ identifier: '${id}', columnName: '${col}' }] }`).join(', ')}]`,
    customDetails: JSON.stringify(TWENTY_DETAILS),
    alertDetails: `{
      displayNameFormat: '[{{Actor}}] changed {{TargetName}} [{{OperationName}}]',
      descriptionFormat: '{{Actor}} ran {{OperationName}} from {{ActorIpAddress}}.',
      tacticsColumn: 'AlertTactics',
      severityColumn: 'AlertSeverity',
      dynamicProperties: [{ alertProperty: 'ProductName', column: 'ProductName' }, { alertProperty: 'RemediationSteps', column: 'Remediation' }, { alertProperty: 'Techniques', column: 'AlertTechniques' }],
    }`,
    incident: `{ create: true, grouping: { enabled: true, reopenClosedIncident: true, lookback: '1d', matchingMethod: 'Selected', groupByEntities: ['Account', 'IP'], groupByAlertDetails: ['DisplayName', 'Severity'], groupByCustomDetails: ['Operation'] } }`,
    suppression: `'2h'`,
    eventGrouping: `'AlertPerResult'`,
  }),
  'detections/variants/monitor-options.ts': detectionSource({
    id: `'variant-monitor-options'`,
    title: `'Variant with Azure Monitor options'`,
    severity: `'Low'`,
    enabled: 'false',
    schedule: `{ frequency: '15m', period: '1h' }`,
    trigger: `{ operator: 'eq', threshold: 3 }`,
    targets: `{ monitor: { severity: 0, autoMitigate: true, evaluationFrequency: '5m', windowSize: '15m', dimensions: ['Actor', 'ActorIpAddress'] } }`,
  }),
  'detections/variants/long-lookback.ts': detectionSource({
    id: `'variant-long-lookback'`,
    title: `'Variant with a fourteen-day lookback'`,
    severity: `'Informational'`,
    schedule: `{ frequency: '1d', period: '14d' }`,
    trigger: `{ operator: 'lt', threshold: 1 }`,
    techniques: '',
    entityMappings: '',
    targets: `{ monitor: { skip: true, reason: 'Azure Monitor windows stop at 2 days; this detection looks back 14.' } }`,
  }),
};

export interface GeneratedOutput {
  /** Every file of the build output, path relative to the output folder → content. */
  files: Record<string, string>;
  /** Files whose path matches `pattern`, path → content. */
  select(pattern: RegExp): Array<[string, string]>;
  cleanup(): void;
}

/** Copy the bundled detections and the variants into a temporary project and run `build` in it. */
export async function buildGeneratedOutput(): Promise<GeneratedOutput> {
  const bundled = Object.fromEntries(Object.entries(snapshotTree(path.join(REPO_ROOT, 'detections'))).map(([rel, text]) => [`detections/${rel}`, text]));
  const { dir, cleanup } = makeProject({ ...bundled, ...VARIANT_DETECTIONS });
  let files: Record<string, string>;
  try {
    const { code, stdout, stderr } = await runCli(['build', '--quiet'], dir);
    if (code !== 0) throw new Error(`build of the bundled and variant detections failed (exit ${code}):\n${stdout}${stderr}`);
    files = snapshotTree(path.join(dir, 'dist'));
  } catch (error) {
    cleanup();
    throw error;
  }
  return { files, select: (pattern) => Object.entries(files).filter(([file]) => pattern.test(file)), cleanup };
}
