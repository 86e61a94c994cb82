/**
 * Sample events are checked against the same table schemas the queries are: every record's columns must exist in
 * its table and hold values of the column's type, as Log Analytics would export them. A sample that could never
 * occur proves nothing about the detection.
 */
import type { Diagnostic } from '../diagnostics.ts';
import type { SchemaSnapshot } from '../schema/tables.ts';
import type { LoadedDetection } from './detection.ts';
import { DetectionIssues } from './detection-issues.ts';

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Whether a JSON value fits a Kusto column type (null fits every type). */
export function fitsKustoType(value: unknown, type: string): boolean {
  if (value === null) return true;
  switch (type) {
    case 'string': return typeof value === 'string';
    case 'datetime': return typeof value === 'string' && ISO_DATETIME.test(value) && !Number.isNaN(Date.parse(value));
    case 'guid': return typeof value === 'string' && (value === '' || GUID.test(value));
    case 'timespan': return typeof value === 'string';
    case 'long': case 'int': return typeof value === 'number' && Number.isInteger(value);
    case 'real': case 'decimal': return typeof value === 'number';
    case 'bool': return typeof value === 'boolean';
    case 'dynamic': return value !== undefined;
    default: return false;
  }
}

const columnTypes = new WeakMap<SchemaSnapshot, Map<string, Map<string, string>>>();

/** Table → column → type of a snapshot, built once per snapshot rather than once per detection. */
function columnTypesOf(snapshot: SchemaSnapshot): Map<string, Map<string, string>> {
  let tables = columnTypes.get(snapshot);
  if (!tables) {
    tables = new Map(snapshot.tables.map((t) => [t.name, new Map(t.columns.map((c) => [c.name, c.type]))]));
    columnTypes.set(snapshot, tables);
  }
  return tables;
}

export function checkSamples(loaded: LoadedDetection, snapshot: SchemaSnapshot): Diagnostic[] {
  const issues = new DetectionIssues(loaded);
  const tables = columnTypesOf(snapshot);
  (loaded.detection.samples ?? []).forEach((sample, i) => {
    const field = `samples[${i}]`;
    if (typeof sample.name !== 'string' || sample.name.trim() === '') issues.error('SF1015', `${field}.name`, 'a sample case needs a name saying what it shows.');
    if (sample.expect !== 'alert' && sample.expect !== 'no-alert') issues.error('SF1015', `${field}.expect`, `expect must be 'alert' or 'no-alert', not ${JSON.stringify(sample.expect)}.`);
    if (sample.now !== undefined && !fitsKustoType(sample.now, 'datetime')) issues.error('SF1015', `${field}.now`, `now ${JSON.stringify(sample.now)} is not an ISO 8601 date-time.`);
    for (const [table, records] of Object.entries(sample.tables ?? {})) {
      const columns = tables.get(table);
      if (!columns) {
        issues.error('SF1015', `${field}.tables.${table}`, `sample events for unknown table '${table}'.`, 'Use a shipped table or declare it in sentinel-forge.config.json.');
        continue;
      }
      (records as Array<Record<string, unknown>>).forEach((record, r) => {
        for (const [column, value] of Object.entries(record)) {
          const type = columns.get(column);
          if (type === undefined) issues.error('SF1015', `${field}.tables.${table}[${r}]`, `record ${r} of ${table} has column '${column}', which ${table} does not have.`);
          else if (!fitsKustoType(value, type)) issues.error('SF1015', `${field}.tables.${table}[${r}]`, `record ${r} of ${table}: ${column} is ${JSON.stringify(value)}, not a ${type}.`);
        }
      });
    }
  });
  return issues.diagnostics;
}
