/**
 * `summarize … by …`: groups by the by-expressions (nested maps, one level per key, so no key strings are built
 * per row) and feeds each group's aggregate states. Output: the by columns, then the aggregates' columns, named
 * as the analyser names them. Without `by`, an empty input still yields one row of default values; with `by`, none
 * (https://learn.microsoft.com/kusto/query/summarize-operator). Groups come out in order of first appearance.
 */
import { compileAggregate, type Aggregate } from '../aggregates.ts';
import { keyOf } from '../dynamic.ts';
import { coerce } from '../functions.ts';
import { compileScalar } from '../scalar.ts';
import { pipe, type Compiler, type Env, type Scope } from '../scope.ts';
import { columnsOfType, elementsOf, namedParameters, type Nodes } from '../syntax.ts';
import type { Plan, Row, RunContext } from '../types.ts';
import { outputColumns, splitNamed } from './columns.ts';

interface Group {
  keys: unknown[];
  states: unknown[];
}

/** Compiles a `summarize`. */
export function summarizeOperator(op: Nodes['SummarizeOperator'], input: Plan, env: Env, c: Compiler): Plan {
  if (namedParameters(op.Parameters).size) throw c.src.unsupported('summarize parameters', op.TextStart);
  const out = outputColumns(op, c);
  const scope: Scope = { c, layout: input.layout, env };
  let position = 0;
  const keys = elementsOf(op.ByClause?.Expressions).map((e) => {
    const column = out[position++];
    const value = coerce(compileScalar(splitNamed(e, c)[1], scope), column.type);
    return { fn: value.fn, dynamic: column.type === 'dynamic' };
  });
  const aggregates: Aggregate[] = elementsOf(op.Aggregates).map((e) => {
    const node = splitNamed(e, c)[1];
    const width = columnsOfType(node.ResultType)?.length ?? 1;
    const aggregate = compileAggregate(node, scope, out.slice(position, position + width));
    if (aggregate.width !== width) throw c.src.unsupported('this aggregate', node.TextStart);
    position += width;
    return aggregate;
  });
  if (position !== out.length) throw c.src.unsupported('summarize with these columns', op.TextStart);

  const emit = (group: Group): Row => {
    const row = new Array<unknown>(out.length);
    for (let i = 0; i < group.keys.length; i++) row[i] = group.keys[i];
    let at = group.keys.length;
    for (let i = 0; i < aggregates.length; i++) {
      aggregates[i].emit(group.states[i], row, at);
      at += aggregates[i].width;
    }
    return row;
  };
  const newGroup = (values: unknown[]): Group => ({ keys: values, states: aggregates.map((a) => a.init()) });
  const step = (group: Group, row: Row, ctx: RunContext) => {
    for (let i = 0; i < aggregates.length; i++) aggregates[i].step(group.states[i], row, ctx);
  };

  return pipe(input, out, out.map((col) => col.name), (rows, ctx) => {
    if (keys.length === 0) {
      const group = newGroup([]);
      for (const row of rows) step(group, row, ctx);
      return [emit(group)];
    }
    const root = new Map<unknown, unknown>();
    const groups: Group[] = [];
    const last = keys.length - 1;
    const values = new Array<unknown>(keys.length);
    for (const row of rows) {
      let level = root;
      let group: Group | undefined;
      for (let k = 0; k <= last; k++) {
        const v = keys[k].fn(row, ctx);
        values[k] = v;
        const key = keys[k].dynamic ? keyOf(v) : v;
        let next = level.get(key);
        if (next === undefined) {
          next = k === last ? newGroup(values.slice()) : new Map<unknown, unknown>();
          level.set(key, next);
          if (k === last) groups.push(next as Group);
        }
        if (k === last) group = next as Group;
        else level = next as Map<unknown, unknown>;
      }
      step(group!, row, ctx);
    }
    return groups.map(emit);
  });
}
