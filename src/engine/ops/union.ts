/**
 * `union` (piped or as a source): the rows of every leg in order, columns matched by name and missing ones null.
 * `isfuzzy=true` skips legs the analyser could not resolve. Legs that disagree on a column's type are refused:
 * Kusto would split the column into `A_string`, `A_long`, which the analyser does not model.
 */
import { type Compiler, type Env } from '../scope.ts';
import { columnsOfType, elementsOf, namedParameters, type Nodes } from '../syntax.ts';
import { nullOf, type Column, type Plan, type Row } from '../types.ts';
import { outputColumns } from './columns.ts';

/** Compiles a `union`; `input` is the piped leg, null when the union starts the query. */
export function unionOperator(op: Nodes['UnionOperator'], input: Plan | null, env: Env, c: Compiler): Plan {
  const params = namedParameters(op.Parameters);
  let fuzzy = false;
  let inner = false;
  for (const [name, { text, node }] of params) {
    if (name === 'isfuzzy') fuzzy = text.toLowerCase() === 'true';
    else if (name === 'kind') inner = text.toLowerCase() === 'inner';
    else throw c.src.unsupported(`union parameter ${name}`, node.TextStart);
  }
  const legs: Plan[] = input ? [input] : [];
  for (const e of elementsOf(op.Expressions)) {
    if (fuzzy && !columnsOfType(e.ResultType)) continue;
    legs.push(c.tabular(e, env));
  }
  const out = outputColumns(op, c);
  for (const leg of legs) {
    for (const col of leg.layout) {
      const target = out.find((o) => o.name === col.name);
      const split = !target && !inner && out.some((o) => o.name.startsWith(col.name + '_'));
      if (split || (target && target.type !== col.type)) throw c.src.unsupported(`union of column '${col.name}' with types ${target?.type ?? 'other'} and ${col.type}`, op.TextStart);
    }
  }
  const layout: Column[] = out.filter((o) => legs.some((leg) => leg.layout.some((col) => col.name === o.name)));
  const maps = legs.map((leg) => layout.map((o) => leg.layout.findIndex((col) => col.name === o.name)));
  const nulls = layout.map((o) => nullOf(o.type));
  return {
    layout,
    full: out.map((o) => o.name),
    run: (ctx, implicit) => {
      const result: Row[] = [];
      legs.forEach((leg, l) => {
        const map = maps[l];
        for (const row of leg.run(ctx, l === 0 && input ? implicit : null)) result.push(map.map((i, k) => (i < 0 ? nulls[k] : row[i])));
      });
      return result;
    },
  };
}
