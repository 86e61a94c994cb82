/**
 * What changed between two definitions of a detection, in words a reviewer reads: "threshold 4 → 2",
 * "frequency 1h → 15m", "entity mapping Account.FullName added", "disabled". Fields with a meaning of their own
 * get a sentence each; everything else (alert details, incident grouping, target options, a template's parameters,
 * fields added to the model later) is described by its path.
 */
import type { Detection } from '../model/detection.ts';

/** The changes from `before` to `after`, in a stable order. Query text and version are reported by the caller. */
export function describeChanges(before: Detection, after: Detection): string[] {
  const a = plain(before);
  const b = plain(after);
  const out: string[] = [];
  const scalar = (label: string, x: unknown, y: unknown, show: (v: unknown) => string = bare) => {
    if (!same(x, y)) out.push(`${label} ${show(x)} → ${show(y)}`);
  };
  scalar('title', a.title, b.title, quoted);
  if (!same(a.description, b.description)) out.push('description changed');
  scalar('kind', a.kind, b.kind);
  scalar('severity', a.severity, b.severity);
  if ((a.enabled ?? true) !== (b.enabled ?? true)) out.push(b.enabled === false ? 'disabled' : 'enabled');
  scalar('frequency', a.schedule?.frequency, b.schedule?.frequency);
  scalar('period', a.schedule?.period, b.schedule?.period);
  scalar('trigger operator', a.trigger?.operator, b.trigger?.operator);
  scalar('threshold', a.trigger?.threshold, b.trigger?.threshold);
  scalar('suppression', a.suppression, b.suppression);
  scalar('event grouping', a.eventGrouping ?? 'SingleAlert', b.eventGrouping ?? 'SingleAlert');
  scalar('rule id', a.ruleId, b.ruleId);
  if (a.query?.kind !== b.query?.kind) out.push(b.query?.kind === 'template' ? `query now the ${b.query.template} structured filter` : 'query now raw KQL');
  else if (a.query?.kind === 'template' && b.query?.kind === 'template') {
    scalar('query template', a.query.template, b.query.template);
    out.push(...pathChanges('query parameter', a.query.params, b.query.params));
  }
  out.push(...setChanges('tactic', a.tactics, b.tactics), ...setChanges('technique', a.techniques, b.techniques));
  out.push(...keyedChanges('entity mapping', entityMappings(a), entityMappings(b)));
  out.push(...keyedChanges('custom detail', a.customDetails ?? {}, b.customDetails ?? {}));
  out.push(...setChanges('data connector', connectors(a), connectors(b)));
  const handled = new Set(['id', 'version', 'title', 'description', 'kind', 'severity', 'enabled', 'schedule', 'trigger', 'suppression', 'eventGrouping', 'ruleId', 'query', 'tactics', 'techniques', 'entityMappings', 'customDetails', 'requiredDataConnectors', 'samples']);
  const rest = (d: Record<string, unknown>) => Object.fromEntries(Object.entries(d).filter(([k]) => !handled.has(k)));
  out.push(...pathChanges('', rest(a), rest(b)));
  if (!same(a.samples, b.samples)) out.push(`sample cases changed (${a.samples?.length ?? 0} → ${b.samples?.length ?? 0})`);
  return out;
}

/** A definition as plain JSON data, read loosely: either side may lack any field. */
type Plain = Record<string, any>;

/** The definition as JSON data (what was written, without the `kql` tag's offsets). */
function plain(d: Detection): Plain {
  const copy = JSON.parse(JSON.stringify(d)) as Plain;
  if (copy.query?.kind === 'kql') delete copy.query.segments;
  return copy;
}

function same(x: unknown, y: unknown): boolean {
  return JSON.stringify(x) === JSON.stringify(y);
}

function bare(v: unknown): string {
  return v === undefined ? 'none' : typeof v === 'string' ? v : JSON.stringify(v);
}

function quoted(v: unknown): string {
  return v === undefined ? 'none' : JSON.stringify(v);
}

/** `Account.FullName` → column, for every field mapping (a second mapping of one entity type numbered `Account#2`). */
function entityMappings(d: Plain): Record<string, string> {
  const out: Record<string, string> = {};
  const seen = new Map<string, number>();
  for (const mapping of (d.entityMappings ?? []) as Array<{ entityType: string; fieldMappings: Array<{ identifier: string; columnName: string }> }>) {
    const n = (seen.get(mapping.entityType) ?? 0) + 1;
    seen.set(mapping.entityType, n);
    const entity = n === 1 ? mapping.entityType : `${mapping.entityType}#${n}`;
    for (const f of mapping.fieldMappings ?? []) out[`${entity}.${f.identifier}`] = f.columnName;
  }
  return out;
}

function connectors(d: Plain): string[] {
  return ((d.requiredDataConnectors ?? []) as Array<{ connectorId: string; dataTypes: string[] }>).flatMap((c) => (c.dataTypes ?? []).map((t) => `${c.connectorId} (${t})`));
}

function setChanges(label: string, before: unknown[] = [], after: unknown[] = []): string[] {
  const [x, y] = [before.map(String), after.map(String)];
  return [...x.filter((v) => !y.includes(v)).map((v) => `${label} ${v} removed`), ...y.filter((v) => !x.includes(v)).map((v) => `${label} ${v} added`)];
}

/** Keyed values (entity mapping → column, custom detail → column): added, removed, or a new column. */
function keyedChanges(label: string, before: Record<string, string>, after: Record<string, string>): string[] {
  const out: string[] = [];
  for (const key of Object.keys(before)) if (!(key in after)) out.push(`${label} ${key} removed`);
  for (const [key, column] of Object.entries(after)) {
    if (!(key in before)) out.push(`${label} ${key} added (column ${column})`);
    else if (before[key] !== column) out.push(`${label} ${key} column ${before[key]} → ${column}`);
  }
  return out;
}

/** Every leaf that differs, by path: `incident.grouping.enabled false → true`, `alertDetails.displayNameFormat added`. */
function pathChanges(label: string, before: unknown, after: unknown): string[] {
  const [x, y] = [leaves(before), leaves(after)];
  const out: string[] = [];
  const name = (p: string) => (label ? `${label} ${p}` : p);
  for (const [p, v] of x) {
    if (!y.has(p)) out.push(`${name(p)} removed (was ${v})`);
    else if (y.get(p) !== v) out.push(`${name(p)} ${v} → ${y.get(p)}`);
  }
  for (const [p, v] of y) if (!x.has(p)) out.push(`${name(p)} added: ${v}`);
  return out;
}

/** Path → JSON text of every scalar (and empty container) below `value`. */
function leaves(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(value) && value.length > 0) value.forEach((v, i) => leaves(v, `${prefix}[${i}]`, out));
  else if (value && typeof value === 'object' && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) if (v !== undefined) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) out.set(prefix, JSON.stringify(value));
  return out;
}
