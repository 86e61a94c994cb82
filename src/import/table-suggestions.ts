/**
 * For tables an imported query reads that the project schema lacks (Kusto's KS204): the `sentinel-forge.config.json`
 * entry to add. The columns come from analysing the query again with the table declared: every name Kusto then
 * cannot place (KS142) is taken for one of its columns, typed by the custom-log suffix convention (`_s` string,
 * `_d` real, `_b` bool, `_t` datetime, `_g` guid; anything else string). A starting point to check, not a schema.
 */
import type { Diagnostic } from '../diagnostics.ts';
import type { LoadedDetection } from '../model/detection.ts';
import { QueryAnalyzer } from '../kql/analyze.ts';
import { renderQuery } from '../render/render-query.ts';
import { CONFIG_FILE } from '../schema/project-config.ts';
import { withImplicitColumns, type ColumnSchema, type KustoType, type SchemaSnapshot } from '../schema/tables.ts';

const UNKNOWN_TABLE = /^The name '([^']+)' does not refer to any known table/;
const UNKNOWN_NAME = /^The name '([^']+)' does not refer to any known column/;
const SUFFIX_TYPES: Record<string, KustoType> = { _s: 'string', _d: 'real', _b: 'bool', _t: 'datetime', _g: 'guid' };
const MAX_PASSES = 4;

/** A table to declare: its guessed columns and the detections that read it. */
export interface TableSuggestion {
  table: string;
  columns: Record<string, KustoType>;
  /** Project-relative files of the detections that read it. */
  usedBy: string[];
}

/** The tables missing from the schema, by the KS204 diagnostics of `detections`, with the columns their queries use. */
export function suggestTables(diagnostics: readonly Diagnostic[], detections: readonly LoadedDetection[], snapshot: SchemaSnapshot): TableSuggestion[] {
  const missing = new Map<string, Set<string>>();
  for (const d of diagnostics) {
    const table = d.code === 'KS204' ? UNKNOWN_TABLE.exec(d.message)?.[1] : undefined;
    if (table && d.detectionId) missing.set(table, (missing.get(table) ?? new Set()).add(d.detectionId));
  }
  if (missing.size === 0) return [];
  const byId = new Map(detections.map((l) => [l.detection.id, l]));
  const declared: Record<string, Map<string, KustoType>> = Object.fromEntries([...missing.keys()].map((t) => [t, new Map([['TimeGenerated', 'datetime' as KustoType]])]));
  const queries = [...new Set([...missing.values()].flatMap((ids) => [...ids]))].map((id) => byId.get(id)).flatMap((l) => (l ? [renderQuery(l).text ?? ''] : []));
  // Each pass declares what was found so far; names hidden behind an earlier error show up in the next.
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const trial: SchemaSnapshot = { ...snapshot, version: `${snapshot.version}+import-trial.${pass}`, tables: [...snapshot.tables, ...Object.entries(declared).map(([t, cols]) => withImplicitColumns(t, columnsOf(cols)))] };
    const analyzer = new QueryAnalyzer(trial);
    let found = false;
    for (const text of queries) {
      for (const k of analyzer.analyze(text).diagnostics) {
        const name = k.code === 'KS142' ? UNKNOWN_NAME.exec(k.message)?.[1] : undefined;
        if (!name) continue;
        // Which missing table the column belongs to is not known; with one missing table per query it is that one.
        const table = [...missing.keys()].find((t) => text.includes(t));
        if (table && !declared[table].has(name)) {
          declared[table].set(name, typeOf(name));
          found = true;
        }
      }
    }
    if (!found) break;
  }
  return [...missing.entries()].map(([table, ids]) => ({
    table,
    columns: Object.fromEntries([...declared[table].entries()].sort(([a], [b]) => (a === 'TimeGenerated' ? -1 : b === 'TimeGenerated' ? 1 : a.localeCompare(b)))),
    usedBy: [...ids].map((id) => byId.get(id)?.file ?? id).sort(),
  }));
}

/** A warning per missing table, its config entry as the hint. */
export function suggestionDiagnostics(suggestions: readonly TableSuggestion[]): Diagnostic[] {
  return suggestions.map((s) => ({
    code: 'SF8009', severity: 'warning', file: CONFIG_FILE, line: 1, column: 1,
    message: `table '${s.table}' (read by ${s.usedBy.join(', ')}) is not in the project schema; add it to ${CONFIG_FILE} under "tables".`,
    hint: `${JSON.stringify(s.table)}: ${JSON.stringify(s.columns)}\n(columns are the names the query uses, typed by their suffix; check them against the table, and declare a function under "functions" instead if '${s.table}' is a parser)`,
  }));
}

/** The `tables` block to paste into the config. */
export function suggestionConfig(suggestions: readonly TableSuggestion[]): string {
  return JSON.stringify({ tables: Object.fromEntries(suggestions.map((s) => [s.table, s.columns])) }, null, 2);
}

function typeOf(column: string): KustoType {
  return SUFFIX_TYPES[column.slice(-2)] ?? 'string';
}

function columnsOf(columns: Map<string, KustoType>): ColumnSchema[] {
  return [...columns.entries()].map(([name, type]) => ({ name, type }));
}
