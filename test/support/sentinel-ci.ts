/**
 * The schema checks Microsoft's Azure-Sentinel CI runs on an analytic-rule YAML document
 * (`.script/tests/detectionTemplateSchemaValidation`, summarised in shared/reference/sentinel-facts.md §1.3):
 * the attributes of ScheduledTemplateInternalModel / NrtTemplateInternalModel, ValidEntityMappings,
 * NoTechniquesWithoutMatchingTactics, AlertDetailsOverride and the scheduled-only rules. Returns problems as
 * text; an empty list means the CI would accept the document's structure.
 */
import { ENTITY_IDENTIFIERS, SEVERITIES, TACTICS_OF_TECHNIQUE } from '../../src/model/vocabulary.ts';

type Json = Record<string, any>;

/** The CI's newest `AttackTactic` enum (AttackTactic.cs): the API's list without PreAttack. */
export const CI_TACTICS = ['InitialAccess', 'Execution', 'Persistence', 'PrivilegeEscalation', 'DefenseEvasion', 'CredentialAccess', 'Discovery', 'LateralMovement', 'Collection', 'Exfiltration', 'CommandAndControl', 'Impact', 'Reconnaissance', 'ResourceDevelopment', 'ImpairProcessControl', 'InhibitResponseFunction'];
export const CI_TRIGGER_OPERATORS = ['GreaterThan', 'LessThan', 'Equal', 'NotEqual', 'gt', 'lt', 'eq', 'ne'];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COLUMN = /^[a-zA-Z_]+\w*$/;
const DETAIL_KEY = /^[a-zA-Z]+\w*$/;
const PLACEHOLDER = /\{\{[^{}]*\}\}/g;
const CUSTOM_ENTITY_COLUMNS = ['AccountCustomEntity', 'HostCustomEntity', 'IPCustomEntity', 'URLCustomEntity', 'ProcessCustomEntity', 'FileHashCustomEntity'];

/**
 * Minutes of a YAML timespan as ScheduledTemplateTimeSpanConverter reads it: `<int>` plus lower-case m/h/d,
 * or a .NET TimeSpan (`[d.]hh:mm[:ss]`).
 */
export function ciTimespanMinutes(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const short = /^(\d+)([mhd])$/.exec(value);
  if (short) return Number(short[1]) * { m: 1, h: 60, d: 1440 }[short[2] as 'm' | 'h' | 'd'];
  const span = /^(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  return span ? Number(span[1] ?? 0) * 1440 + Number(span[2]) * 60 + Number(span[3]) + Number(span[4] ?? 0) / 60 : undefined;
}

const text = (v: unknown, min: number, max: number) => typeof v === 'string' && v.length >= min && v.length <= max;

export function ciProblems(doc: Json): string[] {
  const problems: string[] = [];
  const say = (field: string, message: string) => problems.push(`${field}: ${message}`);
  if (typeof doc.id !== 'string' || !GUID.test(doc.id)) say('id', `${JSON.stringify(doc.id)} is not a GUID`);
  const kind = typeof doc.kind === 'string' ? doc.kind.toLowerCase() : undefined;
  if (kind !== 'scheduled' && kind !== 'nrt') say('kind', `${JSON.stringify(doc.kind)} is not Scheduled or NRT`);
  if (!text(doc.name, 1, 256)) say('name', 'required, at most 256 characters');
  if (!text(doc.description, 1, 5000)) say('description', 'required, at most 5000 characters');
  if (!(SEVERITIES as readonly string[]).includes(doc.severity)) say('severity', `${JSON.stringify(doc.severity)} is not one of ${SEVERITIES.join(', ')}`);
  if (!text(doc.query, 1, 10000)) say('query', 'required, 1 to 10000 characters');
  if (doc.version !== undefined && !(text(doc.version, 1, 20) && /^(\d+\.)(\d+\.)(\d+)$/.test(doc.version))) say('version', `${JSON.stringify(doc.version)} is not a.b.c`);

  const tactics: unknown[] = Array.isArray(doc.tactics) ? doc.tactics : [];
  tactics.forEach((t, i) => { if (!CI_TACTICS.includes(t as string)) say(`tactics[${i}]`, `${JSON.stringify(t)} is not an AttackTactic`); });
  (Array.isArray(doc.relevantTechniques) ? doc.relevantTechniques : []).forEach((t: unknown, i: number) => {
    const field = `relevantTechniques[${i}]`;
    if (typeof t !== 'string' || !/^T\d{4}(\.\d{3})?$/.test(t)) return say(field, `${JSON.stringify(t)} is not T#### or T####.###`);
    const of = TACTICS_OF_TECHNIQUE.get(t.split('.')[0]);
    if (!of) say(field, `${t} is not a known technique`);
    else if (!of.some((x) => tactics.includes(x))) say(field, `${t} belongs to ${of.join(', ')}, none of which is in tactics`);
  });

  const details = Object.entries<unknown>(doc.customDetails ?? {});
  if (details.length > 20) say('customDetails', `${details.length} entries; at most 20`);
  for (const [key, value] of details) {
    if (!(key.length <= 20 && DETAIL_KEY.test(key))) say(`customDetails.${key}`, 'key must match ^[a-zA-Z]+\\w*$ and be at most 20 characters');
    if (!(text(value, 1, 500) && COLUMN.test(value as string))) say(`customDetails.${key}`, `value ${JSON.stringify(value)} is not a column name`);
  }

  if (doc.entityMappings !== undefined) entityMappingProblems(doc.entityMappings, say);
  const o = doc.alertDetailsOverride;
  if (o) {
    for (const [key, max] of [['alertDisplayNameFormat', 256], ['alertDescriptionFormat', 5000]] as const) {
      if (o[key] === undefined && key === 'alertDescriptionFormat') continue;
      if (!text(o[key], 1, max)) say(`alertDetailsOverride.${key}`, `required non-empty, at most ${max} characters`);
      const n = typeof o[key] === 'string' ? (o[key].match(PLACEHOLDER) ?? []).length : 0;
      if (n > 3) say(`alertDetailsOverride.${key}`, `${n} {{…}} placeholders; at most 3`);
    }
  }
  if (kind === 'scheduled') scheduledProblems(doc, say);
  return problems;
}

function entityMappingProblems(mappings: unknown, say: (field: string, message: string) => void): void {
  if (!Array.isArray(mappings) || mappings.length < 1 || mappings.length > 10) return say('entityMappings', '1 to 10 mappings required');
  mappings.forEach((m: Json, i: number) => {
    const field = `entityMappings[${i}]`;
    const spec = (ENTITY_IDENTIFIERS as Record<string, { identifiers: readonly string[]; required: readonly (readonly string[])[] }>)[m?.entityType];
    if (!spec) return say(`${field}.entityType`, `${JSON.stringify(m?.entityType)} is not an entity type`);
    const fields: Json[] = Array.isArray(m.fieldMappings) ? m.fieldMappings : [];
    if (fields.length < 1 || fields.length > 3) say(`${field}.fieldMappings`, `${fields.length} field mappings; 1 to 3 allowed`);
    const seen = new Set<string>();
    fields.forEach((f, j) => {
      if (!spec.identifiers.includes(f.identifier)) say(`${field}.fieldMappings[${j}]`, `${f.identifier} is not an identifier of ${m.entityType}`);
      if (seen.has(f.identifier)) say(`${field}.fieldMappings[${j}]`, `identifier ${f.identifier} repeated`);
      seen.add(f.identifier);
      if (!(text(f.columnName, 1, 500) && COLUMN.test(f.columnName))) say(`${field}.fieldMappings[${j}]`, `columnName ${JSON.stringify(f.columnName)} is not a column name`);
    });
    if (!spec.required.some((set) => set.every((id) => seen.has(id)))) say(field, `no required identifier set of ${m.entityType} (${spec.required.map((s) => s.join('+')).join(' | ')})`);
  });
}

function scheduledProblems(doc: Json, say: (field: string, message: string) => void): void {
  if (!Array.isArray(doc.requiredDataConnectors)) say('requiredDataConnectors', 'required for Scheduled rules');
  else doc.requiredDataConnectors.forEach((c: Json, i: number) => { if (!Array.isArray(c?.dataTypes)) say(`requiredDataConnectors[${i}]`, 'dataTypes required'); });
  const freq = ciTimespanMinutes(doc.queryFrequency);
  const period = ciTimespanMinutes(doc.queryPeriod);
  for (const [key, minutes] of [['queryFrequency', freq], ['queryPeriod', period]] as const) {
    if (minutes === undefined) say(key, `${JSON.stringify(doc[key])} is not <int>m|h|d or a TimeSpan`);
    else if (minutes < 5 || minutes > 14 * 1440) say(key, `${doc[key]} outside 5m…14d`);
  }
  if (freq !== undefined && period !== undefined && period < freq) say('queryPeriod', `${doc.queryPeriod} is shorter than queryFrequency ${doc.queryFrequency}`);
  if (freq !== undefined && period !== undefined && period >= 2 * 1440 && freq < 60) say('queryFrequency', `${doc.queryFrequency} is under 1h with a period of 2 days or more`);
  if (!CI_TRIGGER_OPERATORS.includes(doc.triggerOperator)) say('triggerOperator', `${JSON.stringify(doc.triggerOperator)} is not one of ${CI_TRIGGER_OPERATORS.join(', ')}`);
  if (!Number.isInteger(doc.triggerThreshold) || doc.triggerThreshold < 0 || doc.triggerThreshold > 10000) say('triggerThreshold', `${JSON.stringify(doc.triggerThreshold)} is not an integer 0…10000`);
  const aggregation = doc.eventGroupingSettings?.aggregationKind;
  if (aggregation !== undefined && !['SingleAlert', 'AlertPerResult'].includes(aggregation)) say('eventGroupingSettings.aggregationKind', `${JSON.stringify(aggregation)} is not SingleAlert or AlertPerResult`);
  const mapped = new Set((Array.isArray(doc.entityMappings) ? doc.entityMappings : []).flatMap((m: Json) => (m?.fieldMappings ?? []).map((f: Json) => f.columnName)));
  for (const column of CUSTOM_ENTITY_COLUMNS) {
    if (typeof doc.query === 'string' && doc.query.includes(column) && !mapped.has(column)) say('entityMappings', `the query uses ${column} but no entity mapping maps it`);
  }
}
