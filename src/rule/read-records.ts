/**
 * Reads exported log records for `sentinel-forge run`: a JSON array of records (what `az monitor log-analytics
 * query` prints), JSON lines (`.jsonl`), or the Log Analytics query API response (`{ tables: [{ columns, rows }] }`).
 * Every record is checked against its table schema; values the az CLI prints as strings (numbers, booleans,
 * dynamic JSON) are converted to their column type, and anything that cannot be is an error naming the file,
 * the record and the field.
 */
import { readFileSync } from 'node:fs';
import type { TableSchema } from '../schema/tables.ts';
import { fitsKustoType } from '../model/check-samples.ts';

export class RecordsError extends Error {}

export function readRecords(file: string, table: TableSchema): Array<Record<string, unknown>> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new RecordsError(`${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
  const raw = file.endsWith('.jsonl') ? parseJsonLines(file, text) : recordsOf(file, parseJson(file, text));
  const types = new Map(table.columns.map((c) => [c.name, c.type]));
  return raw.map((record, index) => {
    if (!record || typeof record !== 'object' || Array.isArray(record)) throw new RecordsError(`${file}: record ${index} is not an object.`);
    const out: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(record as Record<string, unknown>)) {
      const type = types.get(field);
      if (type === undefined) throw new RecordsError(`${file}: record ${index}, field '${field}': ${table.name} has no such column.`);
      const converted = convert(value, type);
      if (!fitsKustoType(converted, type)) throw new RecordsError(`${file}: record ${index}, field '${field}': ${JSON.stringify(value)} is not a ${type}.`);
      out[field] = converted;
    }
    return out;
  });
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RecordsError(`${file}: not valid JSON (${(error as Error).message}).`);
  }
}

function parseJsonLines(file: string, text: string): unknown[] {
  return text.split('\n').flatMap((line, i) => {
    if (line.trim() === '') return [];
    try {
      return [JSON.parse(line)];
    } catch (error) {
      throw new RecordsError(`${file}: line ${i + 1} is not valid JSON (${(error as Error).message}).`);
    }
  });
}

/** The records of any of the accepted shapes. */
function recordsOf(file: string, json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  const tables = (json as { tables?: Array<{ columns: Array<{ name: string }>; rows: unknown[][] }> })?.tables;
  if (Array.isArray(tables) && tables[0]) {
    const names = tables[0].columns.map((c) => c.name);
    return tables[0].rows.map((row) => Object.fromEntries(names.map((n, i) => [n, row[i]])));
  }
  const value = (json as { value?: unknown })?.value;
  if (Array.isArray(value)) return value;
  throw new RecordsError(`${file}: expected a JSON array of records, JSON lines, or a query API response with "tables".`);
}

/** The az CLI prints every value as a string; turn such strings into the column's type where they parse. */
function convert(value: unknown, type: string): unknown {
  if (typeof value !== 'string') return value;
  switch (type) {
    case 'long': case 'int': case 'real': case 'decimal':
      return value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
    case 'bool':
      return /^(true|false)$/i.test(value) ? value.toLowerCase() === 'true' : value;
    case 'dynamic':
      try {
        return /^\s*[[{"]/.test(value) ? JSON.parse(value) : value;
      } catch {
        return value;
      }
    default:
      return value;
  }
}
