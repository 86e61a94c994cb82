/**
 * `sort`/`order by` and `top`. Kusto sorts descending unless told otherwise; nulls (and NaN) come first when
 * ascending and last when descending, unless `nulls first|last` says otherwise
 * (https://learn.microsoft.com/kusto/query/sort-operator). Strings compare ordinally; equal keys keep input order.
 */
import { compileScalar } from '../scalar.ts';
import { pipe, type Compiler, type Env } from '../scope.ts';
import { elementsOf, kindOf, type Nodes, type SyntaxNode } from '../syntax.ts';
import type { Plan, Row, RunContext, ScalarFn } from '../types.ts';

interface SortKey {
  fn: ScalarFn;
  descending: boolean;
  nullsFirst: boolean;
}

function sortKey(e: SyntaxNode, input: Plan, env: Env, c: Compiler): SortKey {
  let expr = e;
  let descending = true;
  let nulls: string | undefined;
  if (kindOf(e) === 'OrderedExpression') {
    const ordered = e as Nodes['OrderedExpression'];
    expr = ordered.Expression!;
    const direction = ordered.Ordering?.AscOrDescKeyword?.Text?.toLowerCase();
    if (direction) descending = direction === 'desc';
    nulls = ordered.Ordering?.NullsClause?.FirstOrLastKeyword?.Text?.toLowerCase();
  }
  const value = compileScalar(expr, { c, layout: input.layout, env });
  if (value.type === 'dynamic') throw c.src.unsupported('sorting by a dynamic value', expr.TextStart);
  const fn: ScalarFn = value.type === 'bool' ? (r, x) => { const v = value.fn(r, x); return v === null ? null : v ? 1 : 0; } : value.fn;
  return { fn, descending, nullsFirst: nulls ? nulls === 'first' : !descending };
}

const isNullish = (v: unknown) => v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));

function sorter(keys: SortKey[]): (rows: Row[], ctx: RunContext) => Row[] {
  return (rows, ctx) => {
    const decorated = rows.map((row, i) => ({ row, i, values: keys.map((k) => k.fn(row, ctx)) }));
    decorated.sort((a, b) => {
      for (let k = 0; k < keys.length; k++) {
        const x = a.values[k];
        const y = b.values[k];
        const nx = isNullish(x);
        const ny = isNullish(y);
        if (nx || ny) {
          if (nx && ny) continue;
          return nx === keys[k].nullsFirst ? -1 : 1;
        }
        if (x === y) continue;
        const less = (x as number) < (y as number);
        return less === keys[k].descending ? 1 : -1;
      }
      return a.i - b.i;
    });
    return decorated.map((d) => d.row);
  };
}

/** `sort by`/`order by`. */
export function sortOperator(op: Nodes['SortOperator'], input: Plan, env: Env, c: Compiler): Plan {
  const sort = sorter(elementsOf(op.Expressions).map((e) => sortKey(e, input, env, c)));
  return pipe(input, input.layout, input.full, sort);
}

/** `top N by`: sorted, then the first N. */
export function topOperator(op: Nodes['TopOperator'], input: Plan, env: Env, c: Compiler): Plan {
  const count = compileScalar(op.Expression!, { c, layout: [], env });
  const sort = sorter([sortKey(op.ByExpression!, input, env, c)]);
  return pipe(input, input.layout, input.full, (rows, ctx) => {
    const n = count.fn([], ctx);
    return sort(rows, ctx).slice(0, typeof n === 'number' && n > 0 ? Math.floor(n) : 0);
  });
}
