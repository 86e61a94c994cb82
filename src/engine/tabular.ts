/**
 * Compiles tabular expressions: sources (tables, datatables, tabular lets, tabular function calls) and the pipe of
 * query operators after them. Table scans read only the columns the query can observe (prune.ts).
 */
import { inputReader } from './convert.ts';
import { coerce } from './functions.ts';
import { countOperator, distinctOperator, extendOperator, filterOperator, operatorName, projectAwayOperator, projectKeepOperator, projectOperator, projectRenameOperator, projectReorderOperator, takeOperator } from './ops/columns.ts';
import { mvApplyOperator, mvExpandOperator } from './ops/expand.ts';
import { joinOperator } from './ops/join.ts';
import { sortOperator, topOperator } from './ops/sort.ts';
import { summarizeOperator } from './ops/summarize.ts';
import { unionOperator } from './ops/union.ts';
import { bindArguments, compileScalar } from './scalar.ts';
import type { Compiler, Env } from './scope.ts';
import { elementsOf, kindOf, scalarTypeOfName, symbolKindOf, tableColumnsOf, type Nodes, type SyntaxNode } from './syntax.ts';
import type { Column, Plan, Row } from './types.ts';

type OperatorCompiler = (op: never, input: Plan, env: Env, c: Compiler) => Plan;

const OPERATORS: Record<string, OperatorCompiler> = {
  FilterOperator: filterOperator,
  ExtendOperator: extendOperator,
  ProjectOperator: projectOperator,
  ProjectAwayOperator: projectAwayOperator,
  ProjectKeepOperator: projectKeepOperator,
  ProjectRenameOperator: projectRenameOperator,
  ProjectReorderOperator: projectReorderOperator,
  SummarizeOperator: summarizeOperator,
  CountOperator: countOperator,
  TakeOperator: takeOperator,
  TopOperator: topOperator,
  SortOperator: sortOperator,
  DistinctOperator: distinctOperator,
  MvExpandOperator: mvExpandOperator,
  MvApplyOperator: mvApplyOperator,
  JoinOperator: joinOperator,
  UnionOperator: unionOperator,
  SerializeOperator: (_op, input) => input,
};

/** Compiles `expr`; `input` feeds the operator a subquery starts with (inside `mv-apply`). */
export function compileTabular(expr: SyntaxNode, env: Env, c: Compiler, input?: Plan): Plan {
  const kind = kindOf(expr);
  switch (kind) {
    case 'PipeExpression': {
      const pipe = expr as Nodes['PipeExpression'];
      return compileOperator(pipe.Operator!, compileTabular(pipe.Expression!, env, c, input), env, c);
    }
    case 'ParenthesizedExpression':
      return compileTabular((expr as Nodes['ParenthesizedExpression']).Expression!, env, c, input);
    case 'MaterializeExpression':
      return cachedPerRun(compileTabular((expr as Nodes['MaterializeExpression']).Expression!, env, c));
    case 'NameReference':
      return nameSource(expr as Nodes['NameReference'], env, c);
    case 'DataTableExpression':
      return datatable(expr as Nodes['DataTableExpression'], env, c);
    case 'FunctionCallExpression':
      return functionSource(expr as Nodes['FunctionCallExpression'], env, c);
    case 'PrintOperator':
      return projectOperator(expr as Nodes['PrintOperator'], null, env, c);
    case 'UnionOperator':
      return unionOperator(expr as Nodes['UnionOperator'], input ?? null, env, c);
  }
  if (input && kind.endsWith('Operator')) return compileOperator(expr, input, env, c);
  throw c.src.unsupported(kind.endsWith('Operator') ? operatorName(expr) : `tabular expression ${kind}`, expr.TextStart);
}

function compileOperator(op: SyntaxNode, input: Plan, env: Env, c: Compiler): Plan {
  const compile = OPERATORS[kindOf(op)];
  if (!compile) throw c.src.unsupported(operatorName(op), op.TextStart);
  return compile(op as never, input, env, c);
}

/** Evaluates a plan at most once per run (tabular lets, `materialize()`). */
export function cachedPerRun(plan: Plan): Plan {
  const key = {};
  return {
    layout: plan.layout,
    full: plan.full,
    run: (ctx) => {
      let rows = ctx.cache.get(key) as Row[] | undefined;
      if (!rows) {
        rows = plan.run(ctx, null);
        ctx.cache.set(key, rows);
      }
      return rows;
    },
  };
}

function nameSource(ref: Nodes['NameReference'], env: Env, c: Compiler): Plan {
  const symbol = ref.ReferencedSymbol;
  const name = ref.SimpleName ?? '';
  if (!symbol) throw c.src.unsupported(`name '${name}'`, ref.TextStart);
  const kind = symbolKindOf(symbol);
  if (kind === 'Table') return scan(symbol.Name ?? name, ref, c);
  const binding = env.lookup(symbol);
  if (binding?.kind === 'tabular') return binding.plan;
  if (binding?.kind === 'function') return functionSource(ref, env, c);
  throw c.src.unsupported(`reference to ${kind.toLowerCase()} '${name}'`, ref.TextStart);
}

function scan(table: string, ref: SyntaxNode, c: Compiler): Plan {
  const columns = tableColumnsOf(ref);
  if (!columns) throw c.src.unsupported(`table '${table}' with columns of unsupported types`, ref.TextStart);
  const layout = c.needed.all ? columns : columns.filter((col) => c.needed.names.has(col.name));
  const build = rowBuilder(layout.map((col) => col.name), layout.map((col) => inputReader(col.type)));
  return {
    layout,
    full: columns.map((col) => col.name),
    run: (ctx) => {
      const records = ctx.tables[table] ?? [];
      const rows = new Array<Row>(records.length);
      for (let i = 0; i < records.length; i++) rows[i] = build(records[i] ?? {});
      return rows;
    },
  };
}

type Reader = (raw: unknown) => unknown;
type Record_ = Record<string, unknown>;

/**
 * Builds a row from a record. Up to six columns each read has its own property access in the code, so V8 keeps
 * one inline cache per column name instead of one megamorphic lookup for all (the scan is the hot loop).
 */
function rowBuilder(names: string[], readers: Reader[]): (record: Record_) => Row {
  const [k0, k1, k2, k3, k4, k5] = names;
  const [f0, f1, f2, f3, f4, f5] = readers;
  switch (names.length) {
    case 0: return () => [];
    case 1: return (r) => [f0(r[k0])];
    case 2: return (r) => [f0(r[k0]), f1(r[k1])];
    case 3: return (r) => [f0(r[k0]), f1(r[k1]), f2(r[k2])];
    case 4: return (r) => [f0(r[k0]), f1(r[k1]), f2(r[k2]), f3(r[k3])];
    case 5: return (r) => [f0(r[k0]), f1(r[k1]), f2(r[k2]), f3(r[k3]), f4(r[k4])];
    case 6: return (r) => [f0(r[k0]), f1(r[k1]), f2(r[k2]), f3(r[k3]), f4(r[k4]), f5(r[k5])];
    default:
      return (r) => {
        const row = new Array<unknown>(names.length);
        for (let j = 0; j < names.length; j++) row[j] = readers[j](r[names[j]]);
        return row;
      };
  }
}

function datatable(expr: Nodes['DataTableExpression'], env: Env, c: Compiler): Plan {
  const columns: Column[] = elementsOf<Nodes['NameAndTypeDeclaration']>(expr.Schema?.Columns).map((d) => {
    const type = scalarTypeOfName((d.Type?.toString() ?? '').trim());
    if (!type) throw c.src.unsupported(`datatable column type ${(d.Type?.toString() ?? '').trim()}`, d.TextStart);
    return { name: d.Name?.SimpleName ?? '', type };
  });
  const values = elementsOf(expr.Values).map((v, i) => {
    const s = coerce(compileScalar(v, { c, layout: [], env }), columns[i % columns.length].type);
    if (!s.constant) throw c.src.unsupported('a datatable value that is not a literal', v.TextStart);
    return s.constant.value;
  });
  if (values.length % columns.length) throw c.src.queryError('datatable values do not fill whole rows', expr.TextStart);
  const rows: Row[] = [];
  for (let i = 0; i < values.length; i += columns.length) rows.push(values.slice(i, i + columns.length));
  return { layout: columns, full: columns.map((col) => col.name), run: () => rows };
}

/** A call of a let-declared function returning a table: its body compiled with the arguments bound. */
function functionSource(expr: Nodes['FunctionCallExpression'] | Nodes['NameReference'], env: Env, c: Compiler): Plan {
  const symbol = expr.ReferencedSymbol;
  const binding = symbol ? env.lookup(symbol) : undefined;
  if (binding?.kind !== 'function') throw c.src.unsupported(`function ${(expr.toString() ?? '').trim()}`, expr.TextStart);
  const call = kindOf(expr) === 'FunctionCallExpression' ? (expr as Nodes['FunctionCallExpression']) : undefined;
  const bodyEnv = call ? bindArguments(call, binding.decl, binding.env, { c, layout: [], env }) : binding.env.child();
  const body = binding.decl.Body!;
  c.bindLets(elementsOf(body.Statements), bodyEnv);
  return compileTabular(body.Expression!, bodyEnv, c);
}
