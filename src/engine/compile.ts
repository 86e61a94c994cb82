/**
 * `compileForEngine`: parses and analyses the query once with Kusto.Language against the schema snapshot, turns
 * its syntax tree into closures, and returns a query that runs in-process over exported records.
 */
import { kusto, toArray } from '../kql/kusto.ts';
import type { SchemaSnapshot } from '../schema/tables.ts';
import { tableSchemaText } from '../schema/tables.ts';
import { outputValue } from './convert.ts';
import { ticksFromMs } from './datetime.ts';
import { EngineError, QuerySource } from './errors.ts';
import { neededColumns } from './prune.ts';
import { compileScalar } from './scalar.ts';
import { Env, indexOfColumn, perRun, type Compiler } from './scope.ts';
import { columnsOfType, elementsOf, kindOf, type Nodes, type SyntaxNode } from './syntax.ts';
import { cachedPerRun, compileTabular } from './tabular.ts';
import type { Column, InputTables, Plan } from './types.ts';

/** One input table: its name and records as exported from Log Analytics (datetimes ISO strings, dynamic JSON). */
export interface EngineTable {
  name: string;
  rows: Array<Record<string, unknown>>;
}

/** A query's result: the analyser's columns and the rows as JSON-friendly records. */
export interface EngineResult {
  columns: Array<{ name: string; type: string }>;
  /**
   * One record per result row. Datetimes are ISO strings with seven fraction digits (`2026-11-02T09:00:00.0000000Z`),
   * timespans Kusto strings (`01:30:00`, `1.00:00:00`), dynamics JSON values, numbers numbers, strings strings ("" for
   * an empty string, which Kusto cannot tell from null), other nulls null.
   */
  rows: Array<Record<string, unknown>>;
}

/** A query compiled once, runnable any number of times over different records. */
export interface CompiledEngineQuery {
  /** Runs over the given records (tables not given are empty; missing values are null) with `now()` = `options.now`. */
  run(tables: InputTables, options: { now: Date }): EngineResult;
}

const globalsBySnapshot = new WeakMap<SchemaSnapshot, Kusto.Language.GlobalState>();

function globalsFor(snapshot: SchemaSnapshot): Kusto.Language.GlobalState {
  let globals = globalsBySnapshot.get(snapshot);
  if (!globals) {
    const K = kusto();
    const S = K.Symbols;
    const symbols: Kusto.Language.Symbols.Symbol[] = [
      ...snapshot.tables.map((t) => new S.TableSymbol.$ctor7(t.name, tableSchemaText(t), null)),
      ...snapshot.functions.map((f) => new S.FunctionSymbol.$ctor16(f.name, f.parameters, f.body, null)),
    ];
    globals = K.GlobalState.Default!.WithDatabase(new S.DatabaseSymbol.ctor('workspace', symbols as never))!.WithCache()!;
    globalsBySnapshot.set(snapshot, globals);
  }
  return globals;
}

/** Binds let statements in order; each sees the ones before it. */
function bindLets(statements: SyntaxNode[], env: Env, c: Compiler): void {
  for (const statement of statements) {
    if (kindOf(statement) !== 'LetStatement') throw c.src.unsupported(`${kindOf(statement).replace(/Statement$/, '').toLowerCase()} statement`, statement.TextStart);
    const let_ = statement as unknown as Nodes['LetStatement'];
    const symbol = let_.Name?.ReferencedSymbol;
    const value = let_.Expression!;
    if (!symbol) throw c.src.unsupported('this let statement', statement.TextStart);
    if (kindOf(value) === 'FunctionDeclaration') {
      env.bind(symbol, { kind: 'function', decl: value as Nodes['FunctionDeclaration'], env });
    } else if (columnsOfType(value.ResultType)) {
      env.bind(symbol, { kind: 'tabular', plan: cachedPerRun(c.tabular(value, env)) });
    } else {
      env.bind(symbol, { kind: 'scalar', scalar: perRun(compileScalar(value, { c, layout: [], env })) });
    }
  }
}

/**
 * Compiles a query for the engine. Throws `EngineError` SF6002 when the analyser reports an error, SF6001 when the
 * query uses an operator or function the engine does not implement.
 */
export function compileForEngine(text: string, snapshot: SchemaSnapshot): CompiledEngineQuery {
  const K = kusto();
  const src = new QuerySource(text);
  const code = K.KustoCode.ParseAndAnalyze(text, globalsFor(snapshot))!;
  const error = toArray(code.GetDiagnostics()).find((d) => d.Severity === 'Error');
  if (error) throw src.queryError(`${error.Code}: ${error.Message}`, error.Start);
  const result = columnsOfType(code.ResultType);
  if (code.Kind !== 'Query' || !result) throw src.unsupported('a query without a tabular result', 0);
  const unknownType = result.find((col) => col.type === undefined);
  if (unknownType) throw src.unsupported(`result column '${unknownType.name}' of an unsupported type`, 0);
  const resultColumns = result as Column[];

  const c: Compiler = {
    src,
    needed: neededColumns(code.Syntax!, resultColumns.map((col) => col.name)),
    tabular: (expr, env, input) => compileTabular(expr, env, c, input),
    bindLets: (statements, env) => bindLets(statements, env, c),
  };
  const statements = elementsOf((code.Syntax as Nodes['QueryBlock']).Statements);
  const last = statements[statements.length - 1];
  if (!last || kindOf(last) !== 'ExpressionStatement') throw src.unsupported('a query without a final tabular expression', 0);
  const env = new Env();
  bindLets(statements.slice(0, -1), env, c);
  const plan = c.tabular((last as unknown as Nodes['ExpressionStatement']).Expression!, env);
  return resultQuery(plan, resultColumns, src);
}

function resultQuery(plan: Plan, columns: Column[], src: QuerySource): CompiledEngineQuery {
  const indexes = columns.map((col) => {
    const i = indexOfColumn(plan.layout, col.name);
    if (i < 0) throw src.unsupported(`result column '${col.name}'`, 0);
    return i;
  });
  return {
    run(tables, options) {
      const ctx = { now: ticksFromMs(options.now.getTime()), tables, cache: new Map<object, unknown>() };
      let rows;
      try {
        rows = plan.run(ctx, null);
      } catch (e) {
        if (e instanceof EngineError) throw e;
        throw src.queryError(`query failed at run time: ${(e as Error).message}`, 0);
      }
      return {
        columns: columns.map((col) => ({ name: col.name, type: col.type })),
        rows: rows.map((row) => {
          const record: Record<string, unknown> = {};
          columns.forEach((col, k) => {
            record[col.name] = outputValue(row[indexes[k]], col.type);
          });
          return record;
        }),
      };
    },
  };
}
