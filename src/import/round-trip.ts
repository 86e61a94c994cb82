/**
 * What "the same rule" means between an imported source and what the build writes for it: both sides normalised
 * as Sentinel reads them — durations as minutes (`1h` = `PT1H`), trigger operators by meaning (`gt` =
 * `GreaterThan`), null and empty values as absent, the defaults Sentinel applies filled in, the query through a
 * caller-chosen normaliser (the build reformats KQL with Kusto's formatter) — and the differences the formats force
 * taken out (README, "Importing rules"). Key order and quoting do not matter once parsed.
 */
import { isDeepStrictEqual } from 'node:util';
import { minutesOf } from './map-fields.ts';

/** Turns a query into the form both sides are compared in. */
export type QueryNormaliser = (query: string) => string;

/** LF endings, no trailing blanks, no blank lines at either end: what a YAML block scalar or JSON string can differ in. */
export const trimQuery: QueryNormaliser = (query) => query.replace(/\r\n?/g, '\n').split('\n').map((l) => l.replace(/\s+$/, '')).join('\n').replace(/^\n+|\n+$/g, '');

const OPERATORS: Record<string, string> = { gt: 'gt', greaterthan: 'gt', lt: 'lt', lessthan: 'lt', eq: 'eq', equal: 'eq', equals: 'eq', ne: 'ne', notequal: 'ne' };
/** Properties only rule templates have (Content Hub): an alertRules resource cannot hold them. */
const TEMPLATE_ONLY = ['requiredDataConnectors', 'status', 'version', 'lastUpdatedDateUTC', 'createdDateUTC', 'alertRulesCreatedByTemplateCount'];
const DEFAULT_GROUPING = { enabled: false, reopenClosedIncident: false, lookbackDuration: 300, matchingMethod: 'AllEntities', groupByEntities: [], groupByAlertDetails: [], groupByCustomDetails: [] };

/** An Azure-Sentinel YAML rule in comparable form. */
export function comparableYamlRule(doc: Record<string, unknown>, query: QueryNormaliser = trimQuery): Record<string, unknown> {
  const out = common(doc, query);
  if (typeof out.id === 'string') out.id = out.id.toLowerCase();
  if (out.version !== undefined) out.version = String(out.version).trim();
  out.relevantTechniques ??= [];
  out.requiredDataConnectors ??= [];
  return out;
}

/**
 * ARM `properties` of a rule in comparable form, as the alertRules resource sentinel-forge writes can hold them:
 * template-only properties left out, techniques by parent id, sub-techniques only for NRT (preview API).
 */
export function comparableArmProperties(properties: Record<string, unknown>, kind: string, query: QueryNormaliser = trimQuery): Record<string, unknown> {
  const out = common(properties, query);
  for (const key of TEMPLATE_ONLY) delete out[key];
  const all = [...((out.techniques as string[] | undefined) ?? []), ...((out.subTechniques as string[] | undefined) ?? [])];
  out.techniques = [...new Set(all.map((t) => t.split('.')[0]))];
  const subTechniques = [...new Set(all.filter((t) => t.includes('.')))];
  delete out.subTechniques;
  if (kind === 'NRT' && subTechniques.length > 0) out.subTechniques = subTechniques;
  return out;
}

/** Where two comparable rules differ, one line per leaf: `queryPeriod: 1440 ≠ 120`. */
export function ruleDifferences(expected: unknown, actual: unknown, at = ''): string[] {
  if (isDeepStrictEqual(expected, actual)) return [];
  const bothObjects = isRecord(expected) && isRecord(actual);
  const bothArrays = Array.isArray(expected) && Array.isArray(actual) && expected.length === actual.length;
  if (bothObjects || bothArrays) {
    const keys = [...new Set([...Object.keys(expected as object), ...Object.keys(actual as object)])];
    return keys.flatMap((k) => ruleDifferences((expected as Record<string, unknown>)[k], (actual as Record<string, unknown>)[k], bothArrays ? `${at}[${k}]` : at ? `${at}.${k}` : k));
  }
  const show = (v: unknown) => (v === undefined ? 'absent' : JSON.stringify(v).slice(0, 120));
  return [`${at || '(rule)'}: ${show(expected)} ≠ ${show(actual)}`];
}

function common(source: Record<string, unknown>, query: QueryNormaliser): Record<string, unknown> {
  const out = withoutEmpty(source) as Record<string, unknown>;
  if (typeof out.kind === 'string') out.kind = out.kind.toLowerCase() === 'nrt' ? 'NRT' : out.kind.toLowerCase() === 'scheduled' ? 'Scheduled' : out.kind;
  if (typeof out.query === 'string') out.query = query(out.query);
  for (const key of ['queryFrequency', 'queryPeriod', 'suppressionDuration']) if (out[key] !== undefined) out[key] = minutesOf(out[key]) ?? out[key];
  if (typeof out.triggerOperator === 'string') out.triggerOperator = OPERATORS[out.triggerOperator.toLowerCase()] ?? out.triggerOperator;
  if (typeof out.triggerThreshold === 'string' && /^\d+$/.test(out.triggerThreshold)) out.triggerThreshold = Number(out.triggerThreshold);
  out.enabled ??= true;
  out.suppressionEnabled ??= false;
  out.suppressionDuration ??= 300;
  out.tactics ??= [];
  out.eventGroupingSettings = { aggregationKind: 'SingleAlert', ...(out.eventGroupingSettings as object | undefined) };
  const incident = (out.incidentConfiguration ?? {}) as Record<string, unknown>;
  const grouping = { ...DEFAULT_GROUPING, ...(incident.groupingConfiguration as object | undefined) } as Record<string, unknown>;
  grouping.lookbackDuration = minutesOf(grouping.lookbackDuration) ?? grouping.lookbackDuration;
  out.incidentConfiguration = { createIncident: true, ...incident, groupingConfiguration: grouping };
  return out;
}

/** Deep copy without null, undefined, empty lists and empty mappings: Sentinel reads each as "not set". */
function withoutEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmpty);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const cleaned = withoutEmpty(v);
    if (cleaned === null || cleaned === undefined) continue;
    if (isRecord(cleaned) && Object.keys(cleaned).length === 0) continue;
    if (Array.isArray(cleaned) && cleaned.length === 0 && !KEEP_EMPTY.has(key)) continue;
    out[key] = cleaned;
  }
  return out;
}

/** Lists whose emptiness is itself the value (filled as defaults on both sides anyway). */
const KEEP_EMPTY = new Set(['tactics', 'techniques', 'relevantTechniques', 'requiredDataConnectors', 'groupByEntities', 'groupByAlertDetails', 'groupByCustomDetails']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
