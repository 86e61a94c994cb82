/**
 * `mv-expand` and `mv-apply`. Each expanded value yields one row per array element (a property bag one per
 * property, as a one-property bag or, with `kind=array`, a [key, value] pair); several expressions expand in
 * parallel, the shorter padded with nulls. An empty array or bag yields no row; a null yields one row holding null
 * (https://learn.microsoft.com/kusto/query/mv-expand-operator). `mv-apply` runs its subquery on each row's
 * expansion and appends the subquery's columns to the row's other columns; a row whose expansion is empty has no
 * subtable, so it yields nothing (https://learn.microsoft.com/kusto/query/mv-apply-operator).
 */
import { castDynamic, isBag } from '../dynamic.ts';
import { compileScalar } from '../scalar.ts';
import { indexOfColumn, pipe, type Compiler, type Env } from '../scope.ts';
import { elementsOf, kindOf, namedParameters, scalarTypeOfName, type Nodes, type SyntaxNode } from '../syntax.ts';
import type { Column, KType, Plan, Row, RunContext, ScalarFn } from '../types.ts';
import { outputColumns, splitNamed } from './columns.ts';

interface Expansion {
  layout: Column[];
  full: string[];
  /** The rows one input row expands to. */
  expand(row: Row, ctx: RunContext): Row[];
}

type ExpandNode = Nodes['MvExpandOperator'] | Nodes['MvApplyOperator'];

/**
 * The expansion part shared by both operators. `out` names the resulting columns as the analyser does (for
 * `mv-apply`, the subquery input is not reported, so names come from the expressions themselves).
 */
function expansion(op: ExpandNode, input: Plan, env: Env, c: Compiler, out: Column[] | undefined): Expansion {
  let bagAsArray = false;
  let indexName: string | undefined;
  for (const [name, { text, node }] of namedParameters(op.Parameters)) {
    if (name === 'kind' || name === 'bagexpansion') bagAsArray = text.toLowerCase() === 'array';
    else if (name === 'with_itemindex') indexName = text;
    else throw c.src.unsupported(`${name} parameter`, node.TextStart);
  }
  if (kindOf(op) === 'MvApplyOperator' && (op as Nodes['MvApplyOperator']).ContextIdClause) throw c.src.unsupported('mv-apply id=', op.TextStart);
  const limitNode = op.RowLimitClause?.RowLimit;
  const limit = limitNode ? compileScalar(limitNode, { c, layout: [], env }) : undefined;

  const layout = [...input.layout];
  const full = [...input.full];
  const targets: Array<{ index: number; fn: ScalarFn; type: KType }> = [];
  const scope = { c, layout: input.layout, env };
  for (const e of elementsOf<SyntaxNode>(op.Expressions)) {
    const item = e as Nodes['MvExpandExpression'];
    let [name, valueNode] = splitNamed(item.Expression!, c);
    if (name === undefined && kindOf(valueNode) === 'NameReference') name = (valueNode as Nodes['NameReference']).SimpleName ?? undefined;
    if (name === undefined) name = out?.[full.length]?.name;
    if (name === undefined) throw c.src.unsupported('an expansion without a name', e.TextStart);
    const typeNode = elementsOf(item.ToTypeOf?.TypeOf?.Types)[0];
    const type: KType | undefined = typeNode ? scalarTypeOfName((typeNode.toString() ?? '').trim()) : 'dynamic';
    if (!type) throw c.src.unsupported(`to typeof(${(typeNode!.toString() ?? '').trim()})`, typeNode!.TextStart);
    const value = compileScalar(valueNode, scope);
    if (value.type !== 'dynamic') throw c.src.unsupported(`expanding a ${value.type}`, valueNode.TextStart);
    if (!full.includes(name)) full.push(name);
    let index = indexOfColumn(layout, name);
    if (index < 0) index = layout.push({ name, type }) - 1;
    else layout[index] = { name, type };
    targets.push({ index, fn: value.fn, type });
  }
  let itemIndex = -1;
  if (indexName) {
    full.push(indexName);
    itemIndex = layout.push({ name: indexName, type: 'long' }) - 1;
  }
  if (out && full.join('\u0001') !== out.map((col) => col.name).join('\u0001')) throw c.src.unsupported(`${kindOf(op)} column naming`, op.TextStart);

  const elements = (v: unknown): unknown[] => {
    if (v === null || v === undefined) return [null];
    if (Array.isArray(v)) return v;
    if (isBag(v)) return Object.entries(v).map(([k, x]) => (bagAsArray ? [k, x] : { [k]: x }));
    return [v];
  };
  return {
    layout,
    full,
    expand: (row, ctx) => {
      const lists = targets.map((t) => elements(t.fn(row, ctx)));
      let n = 0;
      for (const l of lists) n = Math.max(n, l.length);
      if (limit) {
        const max = limit.fn([], ctx);
        if (typeof max === 'number') n = Math.min(n, Math.max(0, max));
      }
      const rows: Row[] = [];
      for (let i = 0; i < n; i++) {
        const r = row.slice();
        targets.forEach((t, j) => {
          const v = lists[j][i];
          r[t.index] = castDynamic(v === undefined ? null : v, t.type);
        });
        if (itemIndex >= 0) r[itemIndex] = i;
        rows.push(r);
      }
      return rows;
    },
  };
}

/** `mv-expand`: each input row becomes its expansion's rows. */
export function mvExpandOperator(op: Nodes['MvExpandOperator'], input: Plan, env: Env, c: Compiler): Plan {
  const x = expansion(op, input, env, c, outputColumns(op, c));
  return pipe(input, x.layout, x.full, (rows, ctx) => {
    const result: Row[] = [];
    for (const row of rows) for (const r of x.expand(row, ctx)) result.push(r);
    return result;
  });
}

/** `mv-apply`: the subquery over each row's expansion, its columns added to the row's others. */
export function mvApplyOperator(op: Nodes['MvApplyOperator'], input: Plan, env: Env, c: Compiler): Plan {
  const x = expansion(op, input, env, c, undefined);
  const subInput: Plan = { layout: x.layout, full: x.full, run: (_ctx, rows) => rows ?? [] };
  const sub = c.tabular(op.Subquery!.Expression!, env, subInput);
  const out = outputColumns(op, c);
  const sources = out
    .map((col) => {
      const fromSub = indexOfColumn(sub.layout, col.name);
      if (fromSub >= 0) return { col, sub: true, index: fromSub };
      const fromOuter = indexOfColumn(input.layout, col.name);
      return fromOuter >= 0 ? { col, sub: false, index: fromOuter } : undefined;
    })
    .filter((s) => s !== undefined);
  const layout = sources.map((s) => ({ name: s.col.name, type: s.sub ? sub.layout[s.index].type : input.layout[s.index].type }));
  return pipe(input, layout, out.map((col) => col.name), (rows, ctx) => {
    const result: Row[] = [];
    for (const row of rows) {
      const subtable = x.expand(row, ctx);
      if (!subtable.length) continue;
      for (const s of sub.run(ctx, subtable)) result.push(sources.map((src) => (src.sub ? s[src.index] : row[src.index])));
    }
    return result;
  });
}
