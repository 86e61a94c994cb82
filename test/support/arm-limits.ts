/**
 * Limits of Sentinel alert rules and Azure Monitor log alerts that neither the RM schemas nor the swagger
 * encode (shared/reference/arm-model.md §3, §4, §7), checked in code on a whole ARM template, and the ARM
 * expression rule: a literal string that looks like `[...]` would be evaluated, so only the fields meant to
 * be expressions may match the expression pattern. Each function returns problems as text.
 */
import { ARM_EXPRESSION, armUnescape, MONITOR_TYPE, SENTINEL_TYPES } from './arm-schemas.ts';

type Json = Record<string, any>;

/** Minutes of an ISO 8601 duration of days/hours/minutes/seconds (`P1D`, `PT1H30M`), else undefined. */
export function isoMinutes(value: unknown): number | undefined {
  const m = typeof value === 'string' ? /^P(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(value) : null;
  if (!m || value === 'P') return undefined;
  const [d, h, min, s] = m.slice(1).map((x) => Number(x ?? 0));
  return d * 1440 + h * 60 + min + s / 60;
}

/** Monitor windowSize values the service accepts, in minutes (arm-model.md §4, azure-rest-api-specs #21258). */
export const MONITOR_WINDOW_MINUTES = [5, 10, 15, 30, 45, 60, 120, 180, 240, 300, 360, 1440, 2880];
/** Monitor evaluationFrequency values, in minutes (resource-manager-alerts-log.md, Bicep list with PT12H). */
export const MONITOR_FREQUENCY_MINUTES = [1, 5, 10, 15, 30, 45, 60, 120, 180, 240, 300, 360, 720, 1440];
const PLACEHOLDER = /\{\{[^{}]*\}\}/g;
const DAY = 1440;

/** Every limit of §3/§4 on each resource of a template. */
export function limitProblems(template: Json): string[] {
  const problems: string[] = [];
  (template.resources ?? []).forEach((r: Json, i: number) => {
    const say = (field: string, text: string) => problems.push(`/resources/${i}/properties/${field}: ${text}`);
    const p = armUnescape(r.properties ?? {});
    if (SENTINEL_TYPES.includes(r.type)) sentinelLimits(r, p, say);
    else if (r.type === MONITOR_TYPE) monitorLimits(p, say);
    else problems.push(`/resources/${i}: unexpected resource type ${r.type}`);
  });
  return problems;
}

type Say = (field: string, text: string) => void;

function length(say: Say, field: string, value: unknown, min: number, max: number): void {
  if (value === undefined && min === 0) return;
  if (typeof value !== 'string' || value.length < min || value.length > max) say(field, `length ${typeof value === 'string' ? value.length : 'n/a'} outside ${min}…${max}`);
}

function duration(say: Say, field: string, value: unknown, min: number, max: number): number | undefined {
  const minutes = isoMinutes(value);
  if (minutes === undefined) say(field, value === undefined ? 'missing' : `${JSON.stringify(value)} is not an ISO 8601 duration`);
  else if (minutes < min || minutes > max) say(field, `${value} outside ${min}…${max} minutes`);
  return minutes;
}

function sentinelLimits(r: Json, p: Json, say: Say): void {
  length(say, 'displayName', p.displayName, 1, 256);
  length(say, 'description', p.description, 0, 5000);
  length(say, 'query', p.query, 1, 10000);
  if (typeof p.query === 'string' && /\b(search|union)\s+\*/.test(p.query)) say('query', 'uses `search *` or `union *`');
  if (r.kind === 'Scheduled') {
    const freq = duration(say, 'queryFrequency', p.queryFrequency, 5, 14 * DAY);
    const period = duration(say, 'queryPeriod', p.queryPeriod, 5, 14 * DAY);
    if (freq !== undefined && period !== undefined && freq > period) say('queryFrequency', `${p.queryFrequency} is longer than queryPeriod ${p.queryPeriod}`);
    if (freq !== undefined && period !== undefined && period >= 2 * DAY && freq < 60) say('queryFrequency', `${p.queryFrequency} is under PT1H with a queryPeriod of 2 days or more`);
    if (!Number.isInteger(p.triggerThreshold) || p.triggerThreshold < 0 || p.triggerThreshold > 10000) say('triggerThreshold', `${p.triggerThreshold} outside 0…10000`);
  }
  duration(say, 'suppressionDuration', p.suppressionDuration, 5, DAY);
  // The service rejects sub-techniques in `techniques` ("The expected format is T####"); preview api-versions carry them in `subTechniques`.
  (p.techniques ?? []).forEach((t: unknown, j: number) => { if (typeof t !== 'string' || !/^T\d{4}$/.test(t)) say(`techniques/${j}`, `${JSON.stringify(t)} is not T####`); });
  (p.subTechniques ?? []).forEach((t: unknown, j: number) => { if (typeof t !== 'string' || !/^T\d{4}\.\d{3}$/.test(t)) say(`subTechniques/${j}`, `${JSON.stringify(t)} is not T####.###`); });
  const mappings: Json[] = p.entityMappings ?? [];
  if (mappings.length > 10) say('entityMappings', `${mappings.length} entity mappings; at most 10`);
  mappings.forEach((m, j) => {
    const n = (m.fieldMappings ?? []).length;
    if (n < 1 || n > 3) say(`entityMappings/${j}/fieldMappings`, `${n} field mappings; 1…3 allowed`);
  });
  const details = Object.keys(p.customDetails ?? {});
  if (details.length > 20) say('customDetails', `${details.length} custom details; at most 20`);
  const o = p.alertDetailsOverride;
  if (o) {
    length(say, 'alertDetailsOverride/alertDisplayNameFormat', o.alertDisplayNameFormat, o.alertDisplayNameFormat === undefined ? 0 : 1, 256);
    length(say, 'alertDetailsOverride/alertDescriptionFormat', o.alertDescriptionFormat, o.alertDescriptionFormat === undefined ? 0 : 1, 5000);
    for (const key of ['alertDisplayNameFormat', 'alertDescriptionFormat']) {
      const count = typeof o[key] === 'string' ? (o[key].match(PLACEHOLDER) ?? []).length : 0;
      if (count > 3) say(`alertDetailsOverride/${key}`, `${count} {{…}} placeholders; at most 3`);
    }
  }
  const g = p.incidentConfiguration?.groupingConfiguration;
  if (g) {
    duration(say, 'incidentConfiguration/groupingConfiguration/lookbackDuration', g.lookbackDuration, 5, 7 * DAY);
    const selected = [g.groupByEntities, g.groupByAlertDetails, g.groupByCustomDetails].flat().filter((x) => x !== undefined);
    if (g.matchingMethod === 'Selected' && selected.length === 0) say('incidentConfiguration/groupingConfiguration', 'matchingMethod Selected without anything to group by');
    const mapped = new Set(mappings.map((m) => m.entityType));
    for (const e of g.groupByEntities ?? []) if (!mapped.has(e)) say('incidentConfiguration/groupingConfiguration/groupByEntities', `${e} is not mapped by the rule`);
    for (const k of g.groupByCustomDetails ?? []) if (!details.includes(k)) say('incidentConfiguration/groupingConfiguration/groupByCustomDetails', `${k} is not a custom detail`);
  }
}

function monitorLimits(p: Json, say: Say): void {
  if (!Number.isInteger(p.severity) || p.severity < 0 || p.severity > 4) say('severity', `${JSON.stringify(p.severity)} is not 0…4`);
  const freq = isoMinutes(p.evaluationFrequency);
  const window = isoMinutes(p.windowSize);
  if (freq === undefined || !MONITOR_FREQUENCY_MINUTES.includes(freq)) say('evaluationFrequency', `${JSON.stringify(p.evaluationFrequency)} is not one of ${MONITOR_FREQUENCY_MINUTES.join(', ')} minutes`);
  if (window === undefined || !(MONITOR_WINDOW_MINUTES.includes(window) || (window === 1 && freq === 1))) say('windowSize', `${JSON.stringify(p.windowSize)} is not one of ${MONITOR_WINDOW_MINUTES.join(', ')} minutes`);
  if (p.autoMitigate === true && freq !== undefined && freq > 720) say('autoMitigate', 'stateful alerts need an evaluationFrequency of 12 hours or less');
  (p.criteria?.allOf ?? []).forEach((c: Json, j: number) => {
    if ((c.dimensions ?? []).length > 6) say(`criteria/allOf/${j}/dimensions`, `${c.dimensions.length} dimensions; at most 6`);
    const f = c.failingPeriods;
    if (f && f.minFailingPeriodsToAlert > f.numberOfEvaluationPeriods) say(`criteria/allOf/${j}/failingPeriods`, 'minFailingPeriodsToAlert exceeds numberOfEvaluationPeriods');
  });
}

/** JSON paths (`/a/0/b`) of the template strings that are meant to be ARM expressions. */
export function expressionPaths(template: Json): string[] {
  const paths = ['/parameters/location/defaultValue'];
  (template.resources ?? []).forEach((r: Json, i: number) => {
    if (SENTINEL_TYPES.includes(r.type)) paths.push(`/resources/${i}/name`);
    paths.push(`/resources/${i}/location`, `/resources/${i}/properties/scopes/0`, `/resources/${i}/properties/actions/actionGroups`);
  });
  return paths;
}

/** Every string of a JSON value with its path. */
export function stringsOf(value: unknown, at = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[at, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringsOf(v, `${at}/${i}`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringsOf(v, `${at}/${k}`));
  return [];
}

/**
 * Literal strings that ARM would evaluate as expressions, expression fields that are not expressions, and
 * `parameters('x')` references to parameters the template does not declare.
 */
export function expressionProblems(template: Json): string[] {
  const allowed = new Set(expressionPaths(template));
  const declared = new Set(Object.keys(template.parameters ?? {}));
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [at, s] of stringsOf(template)) {
    const isExpression = ARM_EXPRESSION.test(s);
    if (allowed.has(at)) {
      seen.add(at);
      if (!isExpression) problems.push(`${at}: meant to be an ARM expression but is the literal ${JSON.stringify(s)}`);
    } else if (isExpression) problems.push(`${at}: literal ${JSON.stringify(s.slice(0, 80))} would be evaluated as an ARM expression (escape it as "[[…")`);
    if (isExpression) for (const [, name] of s.matchAll(/parameters\('([^']*)'\)/g)) if (!declared.has(name)) problems.push(`${at}: refers to undeclared parameter '${name}'`);
  }
  for (const at of allowed) {
    const [, i, rest] = /^\/resources\/(\d+)\/(.*)$/.exec(at) ?? [];
    const r = i === undefined ? undefined : template.resources[Number(i)];
    // The Sentinel rule has no location/scopes/actions; a Monitor rule must have all three.
    if (!seen.has(at) && r?.type === MONITOR_TYPE && rest !== 'name') problems.push(`${at}: missing; expected an ARM expression`);
  }
  return problems;
}
