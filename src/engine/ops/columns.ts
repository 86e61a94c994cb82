/**
 * The row-wise operators: `where`, `extend`, `project`, `project-away`/`-keep`/`-rename`/`-reorder`, `print`,
 * `take`/`limit`, `count`, `distinct`. Output column names come from the analyser (generated `Column1`-style
 * names included), so results match what the analyser reports for the query.
 */
import { keyOf } from '../dynamic.ts';
import { coerce } from '../functions.ts';
import { compileScalar } from '../scalar.ts';
import { columnScalar, indexOfColumn, pipe, withLayout, type Compiler, type Env, type Scope } from '../scope.ts';
import { columnsOfType, elementsOf, kindOf, type Nodes, type SyntaxNode } from '../syntax.ts';
import type { Column, Plan, Row, RunContext } from '../types.ts';

/** The analyser's output columns of an operator; every type must be one the engine knows. */
export function outputColumns(op: SyntaxNode, c: Compiler): Column[] {
  const cols = columnsOfType(op.ResultType);
  if (!cols) throw c.src.unsupported(`${operatorName(op)} without a tabular result`, op.TextStart);
  const unknown = cols.find((col) => col.type === undefined);
  if (unknown) throw c.src.unsupported(`column '${unknown.name}' of an unsupported type`, op.TextStart);
  return cols as Column[];
}

/** The operator's keyword as written (`where`, `mv-expand`, `make-series`). */
export function operatorName(op: SyntaxNode): string {
  return (op.GetFirstToken()?.Text ?? kindOf(op)).toLowerCase();
}

/** `Name = expr` → [name, expr]; a bare expression → [undefined, expr]. */
export function splitNamed(e: SyntaxNode, c: Compiler): [string | undefined, SyntaxNode] {
  const kind = kindOf(e);
  if (kind === 'SimpleNamedExpression') {
    const named = e as Nodes['SimpleNamedExpression'];
    return [named.Name?.SimpleName ?? undefined, named.Expression!];
  }
  if (kind === 'CompoundNamedExpression') throw c.src.unsupported('(a, b) = … assignments', e.TextStart);
  return [undefined, e];
}

/** `where`: keeps the rows whose condition is true (not false, not null). */
export function filterOperator(op: Nodes['FilterOperator'], input: Plan, env: Env, c: Compiler): Plan {
  const f = compileScalar(op.Condition!, { c, layout: input.layout, env }).fn;
  return pipe(input, input.layout, input.full, (rows, ctx) => {
    const out: Row[] = [];
    for (const row of rows) if (f(row, ctx) === true) out.push(row);
    return out;
  });
}

/** `extend`: later assignments see earlier ones; a name that exists is replaced in place, else appended. */
export function extendOperator(op: Nodes['ExtendOperator'], input: Plan, env: Env, c: Compiler): Plan {
  const out = outputColumns(op, c);
  const layout = [...input.layout];
  const full = [...input.full];
  const assignments: Array<{ index: number; fn: (row: Row, ctx: RunContext) => unknown }> = [];
  for (const e of elementsOf(op.Expressions)) {
    let [name, valueNode] = splitNamed(e, c);
    if (name === undefined) name = kindOf(valueNode) === 'NameReference' && full.includes((valueNode as Nodes['NameReference']).SimpleName ?? '') ? (valueNode as Nodes['NameReference']).SimpleName! : out[full.length]?.name;
    if (name === undefined) throw c.src.unsupported('extend column naming', e.TextStart);
    if (!full.includes(name)) full.push(name);
    const target = out.find((col) => col.name === name);
    if (!target) throw c.src.unsupported('extend column naming', e.TextStart);
    const value = coerce(compileScalar(valueNode, { c, layout: [...layout], env }), target.type);
    let index = indexOfColumn(layout, name);
    if (index < 0) index = layout.push({ name, type: target.type }) - 1;
    else layout[index] = { name, type: target.type };
    assignments.push({ index, fn: value.fn });
  }
  if (full.join('\u0001') !== out.map((col) => col.name).join('\u0001')) throw c.src.unsupported('extend column naming', op.TextStart);
  return pipe(input, layout, full, (rows, ctx) => {
    const result = new Array<Row>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i].slice();
      for (const a of assignments) row[a.index] = a.fn(row, ctx);
      result[i] = row;
    }
    return result;
  });
}

/** `project` (and `print`, which projects nothing): one output column per expression, in order. */
export function projectOperator(op: Nodes['ProjectOperator'] | Nodes['PrintOperator'], input: Plan | null, env: Env, c: Compiler): Plan {
  const out = outputColumns(op, c);
  const exprs = elementsOf(op.Expressions);
  if (exprs.length !== out.length) throw c.src.unsupported(`${operatorName(op)} of these expressions`, op.TextStart);
  const scope: Scope = { c, layout: input?.layout ?? [], env };
  const fns = exprs.map((e, i) => coerce(compileScalar(splitNamed(e, c)[1], scope), out[i].type).fn);
  const project = (row: Row, ctx: RunContext) => {
    const r = new Array<unknown>(fns.length);
    for (let i = 0; i < fns.length; i++) r[i] = fns[i](row, ctx);
    return r;
  };
  const full = out.map((col) => col.name);
  if (!input) return { layout: out, full, run: (ctx) => [project([], ctx)] };
  return pipe(input, out, full, (rows, ctx) => rows.map((row) => project(row, ctx)));
}

/** Keeps the layout columns named in the analyser's output, in `order` (input order, or the output's). */
function selectColumns(op: SyntaxNode, input: Plan, c: Compiler, order: 'input' | 'output'): Plan {
  const out = outputColumns(op, c);
  const names = out.map((col) => col.name);
  const kept = order === 'input' ? input.layout.filter((col) => names.includes(col.name)) : out.filter((col) => indexOfColumn(input.layout, col.name) >= 0);
  const indexes = kept.map((col) => indexOfColumn(input.layout, col.name));
  const layout = kept.map((col) => out.find((o) => o.name === col.name)!);
  if (indexes.length === input.layout.length && indexes.every((i, k) => i === k)) return { ...input, layout, full: names };
  return pipe(input, layout, names, (rows) => rows.map((row) => indexes.map((i) => row[i])));
}

/** `project-away` (and `project-keep`): the analyser's remaining columns, in input order. */
export const projectAwayOperator = (op: SyntaxNode, input: Plan, _env: Env, c: Compiler) => selectColumns(op, input, c, 'input');
export const projectKeepOperator = projectAwayOperator;
/** `project-reorder`: the analyser's column order. */
export const projectReorderOperator = (op: SyntaxNode, input: Plan, _env: Env, c: Compiler) => selectColumns(op, input, c, 'output');

/** `project-rename`: relabels columns; rows are unchanged. */
export function projectRenameOperator(op: Nodes['ProjectRenameOperator'], input: Plan, _env: Env, c: Compiler): Plan {
  const out = outputColumns(op, c);
  const renames = new Map<string, string>();
  for (const e of elementsOf(op.Expressions)) {
    const [name, from] = splitNamed(e, c);
    if (!name || kindOf(from) !== 'NameReference') throw c.src.unsupported('project-rename of an expression', e.TextStart);
    renames.set((from as Nodes['NameReference']).SimpleName ?? '', name);
  }
  const layout = input.layout.map((col) => ({ name: renames.get(col.name) ?? col.name, type: col.type }));
  const names = out.map((col) => col.name);
  if (layout.some((col) => !names.includes(col.name))) throw c.src.unsupported('project-rename', op.TextStart);
  return { layout, full: names, run: input.run };
}

function rowFreeCount(expr: SyntaxNode, env: Env, c: Compiler): (ctx: RunContext) => number {
  const s = compileScalar(expr, { c, layout: [], env });
  return (ctx) => {
    const n = s.fn([], ctx);
    return typeof n === 'number' && n > 0 ? Math.floor(n) : 0;
  };
}

/** `take`/`limit`: the first N rows. */
export function takeOperator(op: Nodes['TakeOperator'], input: Plan, env: Env, c: Compiler): Plan {
  const count = rowFreeCount(op.Expression!, env, c);
  return pipe(input, input.layout, input.full, (rows, ctx) => rows.slice(0, count(ctx)));
}

/** `count`: one row with the number of input rows. */
export function countOperator(op: Nodes['CountOperator'], input: Plan, _env: Env, c: Compiler): Plan {
  const out = outputColumns(op, c);
  return pipe(input, out, out.map((col) => col.name), (rows) => [[rows.length]]);
}

/** `distinct` columns (or `*`): the first row of each distinct combination, in input order. */
export function distinctOperator(op: Nodes['DistinctOperator'], input: Plan, env: Env, c: Compiler): Plan {
  const out = outputColumns(op, c);
  for (const e of elementsOf(op.Expressions)) {
    const kind = kindOf(e);
    if (kind !== 'NameReference' && kind !== 'StarExpression') throw c.src.unsupported('distinct of an expression', e.TextStart);
  }
  const scope = withLayout({ c, layout: input.layout, env }, input.layout);
  const readers = out.map((col) => columnScalar(scope, col.name, op).fn);
  return pipe(input, out, out.map((col) => col.name), (rows, ctx) => {
    const seen = new Set<string>();
    const result: Row[] = [];
    for (const row of rows) {
      const values = readers.map((r) => r(row, ctx));
      const key = values.map(keyOf).join('\u0001');
      if (seen.has(key)) continue;
      seen.add(key);
      result.push(values);
    }
    return result;
  });
}

