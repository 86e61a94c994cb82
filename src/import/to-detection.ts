/**
 * One source rule (YAML document or ARM properties) mapped onto the detection model: every field the model knows
 * goes to its field (`1h`/`PT1H` → `'1h'`, `GreaterThan` → `'gt'`, `techniques` + `subTechniques` → `techniques`, …),
 * values equal to the model's defaults are left out so the file reads as if written by hand, and every field the
 * model has no place for goes to `passthrough` and is named in a warning. Nothing is dropped without a warning.
 */
import type { Diagnostic } from '../diagnostics.ts';
import type { Detection, LoadedDetection, PassthroughValue } from '../model/detection.ts';
import { isoDuration, yamlDuration } from '../model/duration.ts';
import { checkMonitorTarget } from '../model/check-monitor.ts';
import { DetectionIssues } from '../model/detection-issues.ts';
import { diagnostic, isObject, type SourceRule } from './read-rules.ts';
import { alertDetailsOf, armTechniques, connectorsOf, duration, entityMappingsOf, incidentOf, minutesOf, stringList, unknownKeys } from './map-fields.ts';

/** A rule as a detection, before it gets its id (and, for a re-import, the version of the file it replaces). */
export interface MappedRule {
  source: SourceRule;
  /** Every field but `id` (and `ruleId`), in the order the generated file lists them. */
  detection: Omit<Detection, 'id'>;
  /** The rule's own GUID, when the source gives one. */
  guid?: string;
}

/** Kinds of analytic rule that exist in Sentinel but not in the model. */
const UNSUPPORTED_KINDS = ['Fusion', 'MicrosoftSecurityIncidentCreation', 'MLBehaviorAnalytics', 'ThreatIntelligence', 'Anomaly'];
const TRIGGER_OPERATORS: Record<string, 'gt' | 'lt' | 'eq' | 'ne'> = {
  gt: 'gt', greaterthan: 'gt', lt: 'lt', lessthan: 'lt', eq: 'eq', equal: 'eq', equals: 'eq', ne: 'ne', notequal: 'ne',
};
/** Analytic-rule properties the model has no field for: passed through to both formats, since both carry them. */
const RULE_PROPERTIES_WITHOUT_FIELD = ['alertRuleTemplateName', 'templateVersion', 'sentinelEntitiesMappings'];
/** Read-only properties the service sets; a deployment must not carry them. */
const READ_ONLY = ['lastModifiedUtc', 'lastUpdatedDateUTC', 'createdDateUTC', 'alertRulesCreatedByTemplateCount'];
/** Properties of rule templates (Content Hub) that a rule does not have; the YAML format carries them. */
const TEMPLATE_ONLY = ['status'];
const DEFAULT_SUPPRESSION_MINUTES = 300;

/** Map one source rule: `mapped` unless it could not be imported (the errors are in `diagnostics`). */
export function mapRule(rule: SourceRule): { mapped?: MappedRule; diagnostics: Diagnostic[] } {
  const f = rule.fields;
  const yaml = rule.format === 'yaml';
  const titleField = yaml ? 'name' : 'displayName';
  const title = typeof f[titleField] === 'string' ? (f[titleField] as string) : undefined;
  const label = `${rule.where ? `${rule.where}: ` : ''}rule ${title !== undefined ? `'${title}'` : '(no name)'}`;
  const diagnostics: Diagnostic[] = [];
  const used = new Set<string>();
  const take = (key: string): unknown => {
    used.add(key);
    return f[key];
  };
  const report = (code: string, severity: 'error' | 'warning', field: string | undefined, message: string, hint?: string) => {
    diagnostics.push(diagnostic(rule.file, code, severity, `${label}: ${message}`, hint, rule.lineOf(field), 1, field));
  };
  const error = (field: string, message: string, hint?: string) => report('SF8004', 'error', field, message, hint);
  const adapted = (field: string | undefined, message: string, hint?: string) => report('SF8006', 'warning', field, message, hint);
  const fail = () => ({ diagnostics });

  const kindText = yaml ? take('kind') : rule.kind;
  const kind = kindOf(kindText, f);
  if (kind === undefined) {
    if (typeof kindText === 'string' && UNSUPPORTED_KINDS.some((k) => k.toLowerCase() === kindText.toLowerCase())) {
      report('SF8003', 'error', 'kind', `${kindText} rules cannot be imported: sentinel-forge builds Scheduled and NRT rules only.`, `${kindText} rules are configured in Sentinel itself; leave this one where it is.`);
    } else {
      report('SF8003', 'error', 'kind', kindText === undefined ? 'the rule has no kind (Scheduled or NRT).' : `unknown rule kind ${JSON.stringify(kindText)}; sentinel-forge builds Scheduled and NRT rules only.`);
    }
    return fail();
  }
  if (title === undefined || title.trim() === '') error(titleField, `the rule has no ${titleField}.`);
  take(titleField);
  const queryText = take('query');
  if (typeof queryText !== 'string' || queryText.trim() === '') error('query', 'the rule has no query.');
  const severity = take('severity');
  if (typeof severity !== 'string') error('severity', 'the rule has no severity.');
  if (diagnostics.some((d) => d.severity === 'error')) return fail();

  if (yaml) take('id');
  if (!rule.guid) {
    adapted(yaml ? 'id' : undefined, `${rule.nonGuidName ? `its id ${JSON.stringify(rule.nonGuidName)} is not a GUID` : 'it has no rule GUID'}; the detection gets the GUID its id derives, so deploying it creates a new rule beside any existing one.`, 'Write the GUID of the deployed rule as ruleId in the generated file if it exists in Sentinel already.');
  }
  const description = take('description');
  if (typeof description !== 'string') adapted('description', 'the rule has no description; an empty one is imported, which the check reports.');

  const d: Record<string, unknown> = { title, description: typeof description === 'string' ? description : '', severity, kind };
  const enabled = take('enabled');
  if (enabled === false) d.enabled = false;
  else if (enabled !== undefined && enabled !== true && enabled !== null) error('enabled', `enabled is ${JSON.stringify(enabled)}, not true or false.`);
  d.version = version(rule, take, adapted);
  d.query = { kind: 'kql', text: (queryText as string).replace(/\r\n?/g, '\n') };

  if (kind === 'Scheduled') {
    const frequency = duration(take('queryFrequency'), 'queryFrequency', error);
    const period = duration(take('queryPeriod'), 'queryPeriod', error);
    d.schedule = { frequency, period };
    const operatorText = take('triggerOperator');
    const operator = typeof operatorText === 'string' ? TRIGGER_OPERATORS[operatorText.toLowerCase()] : undefined;
    if (!operator) error('triggerOperator', `triggerOperator ${JSON.stringify(operatorText)} is not one of gt, lt, eq, ne (GreaterThan, LessThan, Equal, NotEqual).`);
    const thresholdText = take('triggerThreshold');
    const threshold = typeof thresholdText === 'string' && /^\d+$/.test(thresholdText.trim()) ? Number(thresholdText) : thresholdText;
    if (typeof threshold !== 'number') error('triggerThreshold', `triggerThreshold ${JSON.stringify(thresholdText)} is not a number.`);
    d.trigger = { operator, threshold };
  }

  d.tactics = stringList(take('tactics'), 'tactics', error) ?? [];
  const techniques = yaml ? stringList(take('relevantTechniques'), 'relevantTechniques', error) ?? [] : armTechniques(stringList(take('techniques'), 'techniques', error) ?? [], stringList(take('subTechniques'), 'subTechniques', error) ?? []);
  if (techniques.length > 0) d.techniques = techniques;
  const entityMappings = entityMappingsOf(take('entityMappings'), error, adapted);
  if (entityMappings?.length) d.entityMappings = entityMappings;
  const customDetails = take('customDetails');
  if (isObject(customDetails) && Object.keys(customDetails).length > 0) {
    if (Object.values(customDetails).every((v) => typeof v === 'string')) d.customDetails = customDetails;
    else error('customDetails', 'customDetails must map each key to a result column name.');
  } else if (customDetails !== undefined && customDetails !== null && !isObject(customDetails)) error('customDetails', 'customDetails must be a mapping.');
  const alertDetails = alertDetailsOf(take('alertDetailsOverride'), error, adapted);
  if (alertDetails) d.alertDetails = alertDetails;

  const passthrough: { yaml: Record<string, PassthroughValue>; arm: Record<string, PassthroughValue> } = { yaml: {}, arm: {} };
  const suppressionEnabled = take('suppressionEnabled');
  const suppressionText = take('suppressionDuration');
  const suppressionMinutes = suppressionText === undefined || suppressionText === null ? undefined : minutesOf(suppressionText);
  if (suppressionText !== undefined && suppressionText !== null && suppressionMinutes === undefined) error('suppressionDuration', `suppressionDuration ${JSON.stringify(suppressionText)} is not a duration such as 5h or PT5H.`);
  if (suppressionEnabled === true) {
    if (suppressionMinutes === undefined) adapted('suppressionEnabled', 'suppression is on without a suppressionDuration; the default 5h is imported.');
    d.suppression = yamlDuration(suppressionMinutes ?? DEFAULT_SUPPRESSION_MINUTES);
  } else if (suppressionMinutes !== undefined && suppressionMinutes !== DEFAULT_SUPPRESSION_MINUTES) {
    // Off, yet with a duration of its own: inert, but part of the rule, and the model only writes 5h when off.
    passthrough.yaml.suppressionDuration = yaml ? (suppressionText as string) : yamlDuration(suppressionMinutes);
    passthrough.arm.suppressionDuration = isoDuration(suppressionMinutes);
  }
  if (suppressionEnabled !== undefined && suppressionEnabled !== null && typeof suppressionEnabled !== 'boolean') error('suppressionEnabled', 'suppressionEnabled must be true or false.');
  const incident = incidentOf(take('incidentConfiguration'), error, adapted);
  if (incident) d.incident = incident;
  const grouping = take('eventGroupingSettings');
  if (isObject(grouping)) {
    unknownKeys(grouping, ['aggregationKind'], 'eventGroupingSettings', adapted);
    if (grouping.aggregationKind !== undefined && grouping.aggregationKind !== 'SingleAlert') d.eventGrouping = grouping.aggregationKind;
  }
  const connectors = take('requiredDataConnectors');
  if (connectors === undefined || connectors === null) {
    adapted(undefined, yaml ? 'the rule lists no requiredDataConnectors; [] is imported.' : 'ARM rules carry no requiredDataConnectors; [] is imported.', "List the connectors and tables the query reads, e.g. requiredDataConnectors: [{ connectorId: 'AzureActiveDirectory', dataTypes: ['AuditLogs'] }].");
    d.requiredDataConnectors = [];
  } else {
    d.requiredDataConnectors = connectorsOf(connectors, error, adapted) ?? [];
  }
  if (!yaml) take('version');

  // Whatever is left has no field in the model.
  const kept: string[] = [];
  const dropped: string[] = [];
  for (const [key, value] of Object.entries(f)) {
    if (used.has(key) || value === null || value === undefined) continue;
    if (!yaml && READ_ONLY.includes(key)) {
      dropped.push(key);
      continue;
    }
    const json = value as PassthroughValue;
    if (RULE_PROPERTIES_WITHOUT_FIELD.includes(key)) {
      passthrough.yaml[key] = json;
      passthrough.arm[key] = json;
    } else if (yaml || (rule.isTemplate && TEMPLATE_ONLY.includes(key))) passthrough.yaml[key] = json;
    else passthrough.arm[key] = json;
    kept.push(key);
  }
  if (kept.length > 0) {
    const where = [passthrough.yaml, passthrough.arm].map((p, i) => (Object.keys(p).some((k) => kept.includes(k)) ? `passthrough.${i === 0 ? 'yaml' : 'arm'}` : '')).filter(Boolean).join(' and ');
    report('SF8005', 'warning', kept[0], `the model has no field for ${kept.join(', ')}; kept in ${where}, written back as it is.`, rule.isTemplate && kept.some((k) => TEMPLATE_ONLY.includes(k)) ? `${kept.filter((k) => TEMPLATE_ONLY.includes(k)).join(', ')} belongs to rule templates: it goes to the YAML document, not to the ARM rule.` : undefined);
  }
  if (suppressionEnabled !== true && passthrough.arm.suppressionDuration !== undefined) {
    report('SF8005', 'warning', 'suppressionDuration', `suppression is off with a suppressionDuration of ${suppressionText}, which the model (suppression: on, for this long) has no place for; kept in passthrough.`);
  }
  if (dropped.length > 0) adapted(dropped[0], `${dropped.join(', ')} ${dropped.length === 1 ? 'is' : 'are'} read-only, set by Sentinel; not imported.`);
  if (diagnostics.some((x) => x.severity === 'error')) return fail();

  const detection = d as unknown as Omit<Detection, 'id'>;
  const monitor = monitorOptOut(detection, rule.file);
  if (monitor) {
    d.targets = { monitor: { skip: true, reason: monitor.reason } };
    adapted(monitor.field, `Azure Monitor cannot run this rule as it is (${monitor.reason.replace(/^imported Sentinel rule; /, '')}); the detection opts out of the monitor target.`);
  }
  const compact = Object.fromEntries(Object.entries(passthrough).filter(([, fields]) => Object.keys(fields).length > 0));
  if (Object.keys(compact).length > 0) d.passthrough = compact;
  return { mapped: { source: rule, detection, ...(rule.guid ? { guid: rule.guid } : {}) }, diagnostics };
}

function kindOf(value: unknown, fields: Record<string, unknown>): 'Scheduled' | 'NRT' | undefined {
  // A YAML rule without a kind is Scheduled when it has a schedule (older Azure-Sentinel rules).
  if (value === undefined && fields.queryFrequency !== undefined) return 'Scheduled';
  if (typeof value !== 'string') return undefined;
  return value.toLowerCase() === 'scheduled' ? 'Scheduled' : value.toLowerCase() === 'nrt' ? 'NRT' : undefined;
}

/** YAML `version`; ARM: a template's `version`, else `templateVersion`, else the template's contentVersion (a.b.c.d → a.b.c). */
function version(rule: SourceRule, take: (key: string) => unknown, adapted: (field: string | undefined, message: string) => void): string {
  const candidates: Array<[string, unknown]> = rule.format === 'yaml'
    ? [['version', take('version')]]
    : [['version', rule.fields.version], ['templateVersion', rule.fields.templateVersion], ['contentVersion', rule.contentVersion]];
  for (const [field, value] of candidates) {
    if (value === undefined || value === null) continue;
    const match = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.\d+)?$/.exec(String(value).trim());
    if (match) {
      const semantic = `${match[1]}.${match[2] ?? 0}.${match[3] ?? 0}`;
      if (semantic !== String(value).trim() && field !== 'contentVersion') adapted(field, `${field} ${JSON.stringify(value)} is imported as '${semantic}'.`);
      return semantic;
    }
    adapted(field, `${field} ${JSON.stringify(value)} is not a version like 1.0.0; ignored.`);
  }
  adapted(undefined, "the rule has no version; '1.0.0' is imported.");
  return '1.0.0';
}

/** Why Azure Monitor cannot run the detection as it is (and the source field to blame), or undefined when it can. */
function monitorOptOut(detection: Omit<Detection, 'id'>, file: string): { reason: string; field?: string } | undefined {
  const loaded: LoadedDetection = { detection: { ...detection, id: 'imported' } as Detection, file, absoluteFile: file };
  const issues = new DetectionIssues(loaded);
  checkMonitorTarget(loaded.detection, issues);
  const errors = issues.diagnostics.filter((d) => d.severity === 'error' && d.code === 'SF1013');
  if (errors.length === 0) return undefined;
  const field = ({ 'schedule.frequency': 'queryFrequency', 'schedule.period': 'queryPeriod', 'trigger.operator': 'triggerOperator' } as Record<string, string>)[errors[0].field ?? ''];
  return { reason: `imported Sentinel rule; ${errors.map((e) => e.message.replace(/\.$/, '')).join('; ')}`, field };
}
