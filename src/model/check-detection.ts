/**
 * Load-time checks for what the types cannot hold: ranges, lengths, cross-field rules. Every limit comes from
 * the Sentinel API, Microsoft's content validator or the service-limits page (see shared arm-model.md §3/§4).
 * All problems are collected, each with the field path it concerns; positions are resolved later.
 */
import type { Diagnostic } from '../diagnostics.ts';
import type { Detection, LoadedDetection } from './detection.ts';
import { SEVERITIES, TRIGGER_OPERATORS } from './vocabulary.ts';
import { checkDuration, checkInteger, checkText, DetectionIssues, MINUTES } from './detection-issues.ts';
import { checkAlertDetails, checkAttack, checkCustomDetails, checkEntityMappings, checkIncident } from './check-alert-fields.ts';
import { checkMonitorTarget } from './check-monitor.ts';
import { QUERY_TEMPLATE_NAMES } from './query-templates.ts';

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const VERSION_PATTERN = /^\d+\.\d+\.\d+$/;
const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Check one detection against every limit the model knows; returns all diagnostics found. */
export function checkDetection(loaded: LoadedDetection): Diagnostic[] {
  const issues = new DetectionIssues(loaded);
  const d = loaded.detection as Detection & Record<string, unknown>;

  checkIdentity(d, issues);
  checkTexts(d, issues);
  checkQuery(d, issues);
  if (d.kind === 'Scheduled') checkSchedule(d, issues);
  else if (d.kind !== 'NRT') issues.error('SF1003', 'kind', `kind must be 'Scheduled' or 'NRT', not ${JSON.stringify((d as { kind: unknown }).kind)}.`);
  checkAttack(d, issues);
  checkEntityMappings(d, issues);
  checkCustomDetails(d, issues);
  checkAlertDetails(d, issues);
  checkIncident(d, issues);
  checkConnectors(d, issues);
  if (d.suppression !== undefined) checkDuration(issues, 'suppression', d.suppression, 5, MINUTES['24h'], '5m … 24h');
  if (d.eventGrouping !== undefined && !['SingleAlert', 'AlertPerResult'].includes(d.eventGrouping)) {
    issues.error('SF1003', 'eventGrouping', `eventGrouping must be 'SingleAlert' or 'AlertPerResult', not ${JSON.stringify(d.eventGrouping)}.`);
  }
  checkMonitorTarget(d, issues);
  checkPassthrough(d, issues);
  return issues.diagnostics;
}

function checkIdentity(d: Detection, issues: DetectionIssues): void {
  if (typeof d.id !== 'string' || !ID_PATTERN.test(d.id)) {
    issues.error('SF1002', 'id', `id ${JSON.stringify(d.id)} is not a kebab-case slug.`, "Use lower-case letters, digits and single hyphens, e.g. 'pim-bulk-role-removal'. The rule GUID derives from it, so choose it once.");
  } else if (d.id.length > 100) {
    issues.error('SF1002', 'id', `id is ${d.id.length} characters long; the limit is 100.`);
  }
  if (typeof d.version !== 'string' || !VERSION_PATTERN.test(d.version)) {
    issues.error('SF1007', 'version', `version ${JSON.stringify(d.version)} is not 'major.minor.patch'.`, "Write e.g. '1.0.0'.");
  }
  if (!SEVERITIES.includes(d.severity)) {
    issues.error('SF1003', 'severity', `severity ${JSON.stringify(d.severity)} is not one of ${SEVERITIES.join(', ')}.`);
  }
  if (d.enabled !== undefined && typeof d.enabled !== 'boolean') issues.error('SF1001', 'enabled', 'enabled must be true or false.');
  if (d.ruleId !== undefined && (typeof d.ruleId !== 'string' || !GUID_PATTERN.test(d.ruleId))) {
    issues.error('SF1007', 'ruleId', `ruleId ${JSON.stringify(d.ruleId)} is not a GUID.`, "ruleId keeps the GUID of a rule that already exists in Sentinel; copy it as the rule has it, or remove ruleId to derive the GUID from the id.");
  }
}

/** The passthrough holds JSON under string keys, per format; what a target would do with each key is checked there. */
function checkPassthrough(d: Detection, issues: DetectionIssues): void {
  const passthrough = d.passthrough as unknown;
  if (passthrough === undefined) return;
  if (!isPlainObject(passthrough)) {
    issues.error('SF1016', 'passthrough', 'passthrough must be an object: { yaml?: { … }, arm?: { … } }.');
    return;
  }
  for (const [format, fields] of Object.entries(passthrough)) {
    if (format !== 'yaml' && format !== 'arm') {
      issues.error('SF1016', `passthrough.${format}`, `passthrough.${format} is not a format; use 'yaml' (the Azure-Sentinel YAML document) or 'arm' (the ARM resource's properties).`);
    } else if (!isPlainObject(fields)) {
      issues.error('SF1016', `passthrough.${format}`, `passthrough.${format} must map field names to values.`);
    } else {
      for (const [key, value] of Object.entries(fields)) {
        if (value === null || value === undefined) issues.error('SF1016', `passthrough.${format}.${key}`, `passthrough.${format}.${key} is ${value}; leave the key out instead.`);
        else if (!isJson(value)) issues.error('SF1016', `passthrough.${format}.${key}`, `passthrough.${format}.${key} must be JSON: strings, finite numbers, booleans, null, arrays and plain objects.`);
      }
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

function isJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJson);
  return isPlainObject(value) && Object.values(value).every(isJson);
}

function checkTexts(d: Detection, issues: DetectionIssues): void {
  checkText(issues, 'title', d.title, 256);
  checkText(issues, 'description', d.description, 5000);
  if (typeof d.title === 'string' && d.title.endsWith('.')) {
    issues.warning('SF1007', 'title', 'title ends with a period; Sentinel rule names do not.', 'Drop the final period.');
  }
  if (d.source !== undefined) {
    for (const key of ['source', 'whatToMonitor', 'where', 'filter', 'notes'] as const) {
      if (typeof d.source[key] !== 'string') issues.error('SF1001', `source.${key}`, `source.${key} must be a string.`);
    }
    if (!['High', 'Medium', 'Low'].includes(d.source.riskLevel)) {
      issues.error('SF1003', 'source.riskLevel', `source.riskLevel must be 'High', 'Medium' or 'Low', not ${JSON.stringify(d.source.riskLevel)}.`);
    }
  }
}

function checkQuery(d: Detection, issues: DetectionIssues): void {
  const q = d.query as unknown as Record<string, unknown> | undefined;
  if (!q || (q.kind !== 'kql' && q.kind !== 'template')) {
    issues.error('SF1001', 'query', 'query must be a kql`…` query or a template(…) structured filter.', "Import { kql, template } from 'sentinel-forge'.");
  } else if (q.kind === 'template' && !(QUERY_TEMPLATE_NAMES as readonly unknown[]).includes(q.template)) {
    issues.error('SF1003', 'query.template', `unknown query template ${JSON.stringify(q.template)}.`, `Known templates: ${QUERY_TEMPLATE_NAMES.join(', ')}.`);
  } else if (q.kind === 'template') {
    const threshold = (q.params as { threshold?: { count: unknown; window: unknown; privilegedActors?: { count: unknown } } } | undefined)?.threshold;
    if (threshold) {
      checkInteger(issues, 'query.params.threshold.count', threshold.count, 1, 10000);
      checkDuration(issues, 'query.params.threshold.window', threshold.window, 5, MINUTES['14d'], '5m … 14d');
      if (threshold.privilegedActors) checkInteger(issues, 'query.params.threshold.privilegedActors.count', threshold.privilegedActors.count, 1, 10000);
    }
  }
}

/** Limits on the final query text, run after rendering (templates can only be measured once rendered). */
export function checkQueryText(loaded: LoadedDetection, text: string): Diagnostic[] {
  const issues = new DetectionIssues(loaded);
  if (text.trim() === '') issues.error('SF1007', 'query', 'the query is empty.');
  if (text.length > 10000) issues.error('SF1007', 'query', `the query is ${text.length} characters long; Sentinel allows at most 10000.`, 'Move shared logic into a parser function, or split the detection.');
  if (/\b(search|union)\s+\*/.test(withoutLiteralsAndComments(text))) {
    issues.error('SF1014', 'query', 'the query uses `search *` or `union *`, which Sentinel analytic rules reject.', 'Name the tables explicitly.');
  }
  return issues.diagnostics;
}

/** The query with string literals and comments blanked, so words inside them are not taken for operators. */
function withoutLiteralsAndComments(text: string): string {
  return text.replace(/```[\s\S]*?```|@"[^"]*"|@'[^']*'|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\/\/[^\n]*/g, (m) => ' '.repeat(m.length));
}

function checkSchedule(d: Detection & { kind: 'Scheduled' }, issues: DetectionIssues): void {
  if (!d.schedule || typeof d.schedule !== 'object') {
    issues.error('SF1001', 'schedule', 'a Scheduled detection needs schedule: { frequency, period }.');
  } else {
    const frequency = checkDuration(issues, 'schedule.frequency', d.schedule.frequency, 5, MINUTES['14d'], '5m … 14d');
    const period = checkDuration(issues, 'schedule.period', d.schedule.period, 5, MINUTES['14d'], '5m … 14d');
    if (frequency !== undefined && period !== undefined) {
      if (frequency > period) {
        issues.error('SF1005', 'schedule.frequency', `frequency ${d.schedule.frequency} is longer than period ${d.schedule.period}; events between runs would never be queried.`, 'Make the period at least as long as the frequency.');
      }
      if (period >= MINUTES['2d'] && frequency < MINUTES['1h']) {
        issues.error('SF1005', 'schedule.frequency', `a period of 2 days or more (${d.schedule.period}) needs a frequency of at least 1h, not ${d.schedule.frequency}.`);
      }
    }
  }
  if (!d.trigger || typeof d.trigger !== 'object') {
    issues.error('SF1001', 'trigger', "a Scheduled detection needs trigger: { operator, threshold }, e.g. { operator: 'gt', threshold: 0 }.");
    return;
  }
  if (!TRIGGER_OPERATORS.includes(d.trigger.operator)) {
    issues.error('SF1003', 'trigger.operator', `trigger.operator must be one of ${TRIGGER_OPERATORS.join(', ')}, not ${JSON.stringify(d.trigger.operator)}.`);
  }
  checkInteger(issues, 'trigger.threshold', d.trigger.threshold, 0, 10000);
}

function checkConnectors(d: Detection, issues: DetectionIssues): void {
  if (!Array.isArray(d.requiredDataConnectors)) {
    issues.error('SF1001', 'requiredDataConnectors', "requiredDataConnectors must be a list (use [] when there is none), e.g. [{ connectorId: 'AzureActiveDirectory', dataTypes: ['AuditLogs'] }].");
    return;
  }
  d.requiredDataConnectors.forEach((c, i) => {
    if (typeof c.connectorId !== 'string' || c.connectorId === '') issues.error('SF1001', `requiredDataConnectors[${i}].connectorId`, 'connectorId must be a non-empty string.');
    if (!Array.isArray(c.dataTypes) || c.dataTypes.length === 0) issues.error('SF1001', `requiredDataConnectors[${i}].dataTypes`, 'dataTypes must list at least one table or parser.');
  });
}
