/**
 * The table schemas queries are checked against: the snapshot shipped in `tables/*.json`, each table extended
 * with the Log Analytics standard columns (`_implicit.json`), plus the tables and functions a project declares
 * in its config. One source feeds the analyser, the generated column types and the sample-event types.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Bump whenever a file in `tables/` changes: it travels with every check result and keys the analysis cache. */
export const SCHEMA_VERSION = '2026.11.28';

export const KUSTO_TYPES = ['string', 'datetime', 'dynamic', 'long', 'int', 'real', 'bool', 'guid', 'timespan', 'decimal'] as const;
export type KustoType = (typeof KUSTO_TYPES)[number];

export interface ColumnSchema {
  name: string;
  type: KustoType;
}

export interface TableSchema {
  name: string;
  columns: ColumnSchema[];
}

/** A stored function (a parser, `_GetWatchlist`): its parameter list and body, both in KQL. */
export interface FunctionSchema {
  name: string;
  /** e.g. `(alias:string)`; `()` when it takes none. */
  parameters: string;
  /** e.g. `{ Watchlist | where … }`. */
  body: string;
}

/** Everything a query may reference; `version` identifies it in results and cache keys. */
export interface SchemaSnapshot {
  version: string;
  tables: TableSchema[];
  functions: FunctionSchema[];
}

const TABLES_DIR = fileURLToPath(new URL('./tables/', import.meta.url));

interface TableFile {
  name: string;
  columns: ColumnSchema[];
}

let builtin: TableSchema[] | undefined;
let implicit: ColumnSchema[] | undefined;

/** The shipped tables, each with the standard columns appended (a table's own definition of one wins). */
export function builtinTables(): TableSchema[] {
  builtin ??= readdirSync(TABLES_DIR)
    .filter((f) => f.endsWith('.json') && !f.startsWith('_'))
    .sort()
    .map((f) => JSON.parse(readFileSync(TABLES_DIR + f, 'utf8')) as TableFile)
    .map((t) => withImplicitColumns(t.name, t.columns));
  return builtin;
}

/** The Log Analytics standard columns every table carries (read once). */
export function implicitColumns(): ColumnSchema[] {
  implicit ??= (JSON.parse(readFileSync(TABLES_DIR + '_implicit.json', 'utf8')) as { columns: ColumnSchema[] }).columns;
  return implicit;
}

export function withImplicitColumns(name: string, columns: ColumnSchema[]): TableSchema {
  const own = new Set(columns.map((c) => c.name));
  return { name, columns: [...columns, ...implicitColumns().filter((c) => !own.has(c.name))] };
}

/** Kusto's schema string for a table: `(Col:type, …)`, names bracket-quoted so any name is safe. */
export function tableSchemaText(table: TableSchema): string {
  return '(' + table.columns.map((c) => `['${c.name.replace(/'/g, "\\'")}']:${c.type}`).join(', ') + ')';
}
