/**
 * What Sentinel does around a query when a rule runs: it queries only events whose TimeGenerated falls in the
 * query period ending at the run time, compares the number of result rows with the trigger, and the alert carries
 * the entity and custom-detail values of the rows. This simulates one run over given records.
 */
import type { Detection, EntityMapping } from '../model/detection.ts';
import { durationMinutes } from '../model/duration.ts';
import type { CompiledEngineQuery, EngineResult } from '../engine/index.ts';

/** NRT rules query what arrived since their previous run (every minute); samples get a 5-minute window. */
const NRT_WINDOW_MINUTES = 5;
/** Default run time: this long after the latest event, so the latest event is inside every window. */
const DEFAULT_DELAY_MS = 60_000;

export interface RuleRun {
  now: Date;
  window: { start: Date; end: Date };
  result: EngineResult;
  alerts: boolean;
  /** Entity values the alert would carry, by entity type (unique, non-empty, in row order). */
  entities: Record<string, string[]>;
  /** Custom detail values, by key. */
  customDetails: Record<string, unknown[]>;
}

/** The time a sample's rule run happens: explicit, else a minute after the latest TimeGenerated. */
export function defaultNow(tables: Record<string, Array<Record<string, unknown>>>): Date {
  let latest = Number.NEGATIVE_INFINITY;
  for (const rows of Object.values(tables)) {
    for (const row of rows) {
      const t = typeof row.TimeGenerated === 'string' ? Date.parse(row.TimeGenerated) : Number.NaN;
      if (!Number.isNaN(t) && t > latest) latest = t;
    }
  }
  return new Date(Number.isFinite(latest) ? latest + DEFAULT_DELAY_MS : Date.now());
}

export function simulateRule(detection: Detection, query: CompiledEngineQuery, tables: Record<string, Array<Record<string, unknown>>>, now: Date): RuleRun {
  const minutes = detection.kind === 'Scheduled' ? durationMinutes(detection.schedule.period)! : NRT_WINDOW_MINUTES;
  const start = new Date(now.getTime() - minutes * 60_000);
  const inWindow = Object.fromEntries(
    Object.entries(tables).map(([name, rows]) => [name, rows.filter((row) => withinWindow(row.TimeGenerated, start, now))]),
  );
  const result = query.run(inWindow, { now });
  const count = result.rows.length;
  const trigger = detection.kind === 'Scheduled' ? detection.trigger : { operator: 'gt' as const, threshold: 0 };
  const alerts = { gt: count > trigger.threshold, lt: count < trigger.threshold, eq: count === trigger.threshold, ne: count !== trigger.threshold }[trigger.operator];
  return { now, window: { start, end: now }, result, alerts, entities: entityValues(detection.entityMappings ?? [], result), customDetails: customDetailValues(detection.customDetails ?? {}, result) };
}

/** Log Analytics applies the time range to TimeGenerated; records without one are kept (not time-filtered). */
function withinWindow(value: unknown, start: Date, end: Date): boolean {
  if (typeof value !== 'string') return true;
  const t = Date.parse(value);
  return Number.isNaN(t) || (t >= start.getTime() && t <= end.getTime());
}

function entityValues(mappings: EntityMapping[], result: EngineResult): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const mapping of mappings) {
    for (const row of result.rows) {
      for (const field of mapping.fieldMappings) {
        const value = row[field.columnName];
        if (value === null || value === undefined || value === '') continue;
        const text = typeof value === 'string' ? value : JSON.stringify(value);
        const list = (out[mapping.entityType] ??= []);
        if (!list.includes(text)) list.push(text);
      }
    }
  }
  return out;
}

function customDetailValues(details: Record<string, string>, result: EngineResult): Record<string, unknown[]> {
  return Object.fromEntries(Object.entries(details).map(([key, column]) => [key, result.rows.map((row) => row[column] ?? null)]));
}
