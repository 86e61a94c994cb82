/**
 * `sentinel-forge.config.json` at the project root: the tables (`*_CL`, watchlists, anything the shipped snapshot
 * lacks) and stored functions (parsers, `_GetWatchlist`) a project's queries use. Format (README, "Project config"):
 *
 *   { "tables":    { "MyApp_CL": { "TimeGenerated": "datetime", "User_s": "string" } },
 *     "functions": { "_GetWatchlist": { "parameters": "(watchlistAlias:string)",
 *                                        "returns": { "SearchKey": "string", "WatchlistItem": "dynamic" } },
 *                    "ASimAuthentication": { "body": "{ SigninLogs | project TimeGenerated, User = UserPrincipalName }" } } }
 *
 * A declared table gets the standard columns too and replaces a shipped table of the same name.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.ts';
import { builtinTables, KUSTO_TYPES, SCHEMA_VERSION, withImplicitColumns, type ColumnSchema, type FunctionSchema, type SchemaSnapshot, type TableSchema } from './tables.ts';

export const CONFIG_FILE = 'sentinel-forge.config.json';

const NAME_PATTERN = /^[A-Za-z_][\w]*$/;

/** The schema snapshot for a project: shipped tables plus what its config declares. */
export function loadSchemaSnapshot(root: string): { snapshot: SchemaSnapshot; diagnostics: Diagnostic[] } {
  const file = path.join(root, CONFIG_FILE);
  const base: SchemaSnapshot = { version: SCHEMA_VERSION, tables: builtinTables(), functions: [] };
  if (!existsSync(file)) return { snapshot: base, diagnostics: [] };
  const text = readFileSync(file, 'utf8');
  const diagnostics: Diagnostic[] = [];
  const problem = (field: string, message: string, hint?: string) => {
    const { line, column } = locateKey(text, field.split('.').pop()!);
    diagnostics.push({ code: 'SF2001', severity: 'error', file: CONFIG_FILE, line, column, field, message, hint });
  };
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (error) {
    problem('', `${CONFIG_FILE} is not valid JSON: ${(error as Error).message}`);
    return { snapshot: base, diagnostics };
  }
  const { tables: tableSpec = {}, functions: functionSpec = {}, ...rest } = (config ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(rest)) problem(key, `unknown key '${key}' in ${CONFIG_FILE}.`, "Only 'tables' and 'functions' are read.");

  const declared: TableSchema[] = [];
  for (const [name, columns] of Object.entries(tableSpec as Record<string, unknown>)) {
    if (!NAME_PATTERN.test(name)) problem(`tables.${name}`, `table name '${name}' is not a valid identifier.`);
    const parsed = parseColumns(columns, `tables.${name}`, problem);
    if (parsed) declared.push(withImplicitColumns(name, parsed));
  }
  const functions: FunctionSchema[] = [];
  for (const [name, spec] of Object.entries(functionSpec as Record<string, unknown>)) {
    const field = `functions.${name}`;
    if (!NAME_PATTERN.test(name)) problem(field, `function name '${name}' is not a valid identifier.`);
    const { parameters = '()', body, returns } = (spec ?? {}) as { parameters?: unknown; body?: unknown; returns?: unknown };
    if (typeof parameters !== 'string' || !/^\(.*\)$/s.test(parameters.trim())) {
      problem(`${field}.parameters`, `parameters of '${name}' must be a KQL parameter list such as "(alias:string)".`);
      continue;
    }
    if (typeof body === 'string') {
      functions.push({ name, parameters, body: body.trim().startsWith('{') ? body : `{ ${body} }` });
    } else if (returns !== undefined) {
      const columns = parseColumns(returns, `${field}.returns`, problem);
      if (columns) functions.push({ name, parameters, body: `{ datatable(${columns.map((c) => `['${c.name}']:${c.type}`).join(', ')})[] }` });
    } else {
      problem(field, `function '${name}' needs a "body" (KQL) or "returns" (column → type).`);
    }
  }
  const overridden = new Set(declared.map((t) => t.name.toLowerCase()));
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 12);
  return {
    snapshot: {
      version: `${SCHEMA_VERSION}+config.${hash}`,
      tables: [...base.tables.filter((t) => !overridden.has(t.name.toLowerCase())), ...declared],
      functions,
    },
    diagnostics,
  };
}

function parseColumns(spec: unknown, field: string, problem: (field: string, message: string, hint?: string) => void): ColumnSchema[] | undefined {
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) {
    problem(field, `${field} must map column names to Kusto types, e.g. { "TimeGenerated": "datetime" }.`);
    return undefined;
  }
  const columns: ColumnSchema[] = [];
  for (const [name, type] of Object.entries(spec)) {
    if (!(KUSTO_TYPES as readonly unknown[]).includes(type)) {
      problem(`${field}.${name}`, `column '${name}' has type ${JSON.stringify(type)}, which is not a Kusto type.`, `Use one of: ${KUSTO_TYPES.join(', ')}.`);
    } else columns.push({ name, type: type as ColumnSchema['type'] });
  }
  return columns;
}

/** Line and column of the first `"key"` in the config text (1-based), for clickable config errors. */
function locateKey(text: string, key: string): { line: number; column: number } {
  const at = key ? text.indexOf(JSON.stringify(key)) : -1;
  if (at < 0) return { line: 1, column: 1 };
  const before = text.slice(0, at);
  return { line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
}
