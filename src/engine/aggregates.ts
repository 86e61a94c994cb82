/**
 * Aggregation functions of `summarize`, each a state per group: created empty, fed row by row, then written into
 * the output row. Nulls are ignored, and an empty group yields Kusto's defaults — 0 for the counts and `sum`, `[]`
 * for `make_list`/`make_set`, null (or "" for a string) for the others
 * (https://learn.microsoft.com/kusto/query/summarize-operator#default-values-of-aggregations).
 */
import { keyOf, toDynamic } from './dynamic.ts';
import { columnScalar, type Scope } from './scope.ts';
import { compileScalar } from './scalar.ts';
import { columnsOfType, elementsOf, kindOf, type Nodes, type SyntaxNode } from './syntax.ts';
import { nullOf, type Column, type KType, type Row, type RunContext, type Scalar } from './types.ts';

/** One aggregation of a summarize, as a per-group state machine. */
export interface Aggregate {
  /** How many output columns it fills (`arg_max(x, *)` fills many). */
  width: number;
  init(): unknown;
  step(state: unknown, row: Row, ctx: RunContext): void;
  emit(state: unknown, out: Row, at: number): void;
}

const DEFAULT_MAX_SIZE = 1_048_576;

interface AggregateCall {
  name: string;
  node: Nodes['FunctionCallExpression'];
  argNodes: SyntaxNode[];
  scope: Scope;
  /** The analyser's output columns for this aggregate. */
  out: Column[];
}

/** Compiles an aggregation call; `out` are the analyser's output columns for it. */
export function compileAggregate(expr: SyntaxNode, scope: Scope, out: Column[]): Aggregate {
  if (kindOf(expr) !== 'FunctionCallExpression') throw scope.c.src.unsupported('an aggregate that is not a function call', expr.TextStart);
  const node = expr as Nodes['FunctionCallExpression'];
  const name = node.Name?.SimpleName ?? '';
  const call: AggregateCall = { name, node, argNodes: elementsOf(node.ArgumentList?.Expressions), scope, out };
  const make = Object.hasOwn(AGGREGATES, name) ? AGGREGATES[name] : undefined;
  if (!make) throw scope.c.src.unsupported(`${name}()`, node.Name?.TextStart ?? node.TextStart);
  return make(call);
}

function arg(call: AggregateCall, i: number): Scalar {
  const node = call.argNodes[i];
  if (!node || kindOf(node) === 'StarExpression') throw call.scope.c.src.unsupported(`${call.name}() with these arguments`, call.node.TextStart);
  return compileScalar(node, call.scope);
}

/** A predicate argument (`countif`, `…if`): true counts, false and null do not. */
function predicate(call: AggregateCall, i: number): (row: Row, ctx: RunContext) => boolean {
  const f = arg(call, i).fn;
  return (row, ctx) => f(row, ctx) === true;
}

function maxSize(call: AggregateCall, i: number): number {
  if (!call.argNodes[i]) return DEFAULT_MAX_SIZE;
  const c = arg(call, i).constant;
  if (!c || typeof c.value !== 'number') throw call.scope.c.src.unsupported(`${call.name}() with a non-constant size`, call.argNodes[i].TextStart);
  return Math.min(c.value, DEFAULT_MAX_SIZE);
}

const always = () => true;

function counter(when: (row: Row, ctx: RunContext) => boolean): Aggregate {
  return {
    width: 1,
    init: () => ({ n: 0 }),
    step: (s, row, ctx) => {
      if (when(row, ctx)) (s as { n: number }).n++;
    },
    emit: (s, out, at) => {
      out[at] = (s as { n: number }).n;
    },
  };
}

function distinctCount(value: Scalar, when: (row: Row, ctx: RunContext) => boolean): Aggregate {
  const f = value.fn;
  return {
    width: 1,
    init: () => new Set<string>(),
    step: (s, row, ctx) => {
      if (!when(row, ctx)) return;
      const v = f(row, ctx);
      if (v !== null && v !== undefined) (s as Set<string>).add(keyOf(v));
    },
    emit: (s, out, at) => {
      out[at] = (s as Set<string>).size;
    },
  };
}

/** `make_set` unions the elements of array values (https://learn.microsoft.com/kusto/query/make-set-aggregation-function); `make_list` keeps them whole. */
function collector(value: Scalar, when: (row: Row, ctx: RunContext) => boolean, limit: number, unique: boolean): Aggregate {
  const f = value.fn;
  const type = value.type;
  type State = { items: unknown[]; seen: Set<string> };
  const add = (s: State, v: unknown) => {
    if (v === null || v === undefined || s.items.length >= limit) return;
    if (unique) {
      const k = keyOf(v);
      if (s.seen.has(k)) return;
      s.seen.add(k);
    }
    s.items.push(v);
  };
  return {
    width: 1,
    init: () => ({ items: [], seen: new Set<string>() }),
    step: (s, row, ctx) => {
      if (!when(row, ctx)) return;
      const v = toDynamic(f(row, ctx), type);
      if (unique && Array.isArray(v)) for (const x of v) add(s as State, x);
      else add(s as State, v);
    },
    emit: (s, out, at) => {
      out[at] = (s as State).items;
    },
  };
}

function extreme(value: Scalar, when: (row: Row, ctx: RunContext) => boolean, isMax: boolean, resultType: KType): Aggregate {
  const f = value.fn;
  return {
    width: 1,
    init: () => ({ v: null as unknown }),
    step: (s, row, ctx) => {
      if (!when(row, ctx)) return;
      const v = f(row, ctx);
      if (v === null || v === undefined) return;
      const st = s as { v: unknown };
      if (st.v === null || (isMax ? (v as number) > (st.v as number) : (v as number) < (st.v as number))) st.v = v;
    },
    emit: (s, out, at) => {
      const v = (s as { v: unknown }).v;
      out[at] = v === null ? nullOf(resultType) : v;
    },
  };
}

function summer(value: Scalar, when: (row: Row, ctx: RunContext) => boolean, average: boolean): Aggregate {
  const f = value.fn;
  return {
    width: 1,
    init: () => ({ sum: 0, n: 0 }),
    step: (s, row, ctx) => {
      if (!when(row, ctx)) return;
      const v = f(row, ctx);
      if (typeof v !== 'number') return;
      const st = s as { sum: number; n: number };
      st.sum += v;
      st.n++;
    },
    emit: (s, out, at) => {
      const st = s as { sum: number; n: number };
      out[at] = average ? (st.n ? st.sum / st.n : null) : st.sum;
    },
  };
}

/**
 * `take_any`/`take_anyif`: Kusto picks an arbitrary value but "attempts to return a non-null/non-empty value"
 * (https://learn.microsoft.com/kusto/query/take-anyif-aggregation-function); this takes the first such value in input
 * order, else the first value. With several expressions (or `*`) all come from the first row.
 */
function takeAny(values: Scalar[], when: (row: Row, ctx: RunContext) => boolean, out: Column[]): Aggregate {
  const fns = values.map((v) => v.fn);
  const single = fns.length === 1;
  type State = { row: unknown[] | null; good: boolean };
  return {
    width: fns.length,
    init: () => ({ row: null, good: false }),
    step: (s, row, ctx) => {
      const st = s as State;
      if (st.good || !when(row, ctx)) return;
      const vs = fns.map((f) => f(row, ctx));
      const good = !single || (vs[0] !== null && vs[0] !== undefined && vs[0] !== '');
      if (good || st.row === null) {
        st.row = vs;
        st.good = good;
      }
    },
    emit: (s, o, at) => {
      const st = s as State;
      for (let i = 0; i < fns.length; i++) o[at + i] = st.row ? st.row[i] : nullOf(out[i].type);
    },
  };
}

/**
 * `arg_max`/`arg_min`: the row where the first argument is largest (smallest) — the first such row on ties; rows where
 * it is null are skipped unless all are (https://learn.microsoft.com/kusto/query/arg-max-aggregation-function).
 */
function argExtreme(call: AggregateCall, isMax: boolean): Aggregate {
  const key = arg(call, 0);
  const rest = call.argNodes.slice(1);
  let returned: Scalar[];
  if (rest.some((n) => kindOf(n) === 'StarExpression')) {
    if (rest.length !== 1) throw call.scope.c.src.unsupported(`${call.name}() mixing * with expressions`, call.node.TextStart);
    const tuple = columnsOfType(call.node.ResultType) ?? [];
    returned = tuple.slice(1).map((c) => columnScalar(call.scope, c.name, call.node));
  } else {
    returned = rest.map((n) => compileScalar(n, call.scope));
  }
  const fk = key.fn;
  const fns = returned.map((r) => r.fn);
  type State = { best: unknown; values: unknown[] | null };
  return {
    width: 1 + fns.length,
    init: () => ({ best: null, values: null }),
    step: (s, row, ctx) => {
      const st = s as State;
      const k = fk(row, ctx);
      const isNull = k === null || k === undefined;
      if (isNull ? st.values !== null : st.best !== null && !(isMax ? (k as number) > (st.best as number) : (k as number) < (st.best as number))) return;
      st.best = isNull ? null : k;
      st.values = fns.map((f) => f(row, ctx));
    },
    emit: (s, out, at) => {
      const st = s as State;
      out[at] = st.best === null ? nullOf(call.out[0].type) : st.best;
      for (let i = 0; i < fns.length; i++) out[at + 1 + i] = st.values ? st.values[i] : nullOf(call.out[1 + i].type);
    },
  };
}

function ordered(call: AggregateCall, value: Scalar): Scalar {
  if (value.type === 'dynamic' || value.type === 'guid') throw call.scope.c.src.unsupported(`${call.name}() of a ${value.type}`, call.node.TextStart);
  if (value.type === 'bool') return { ...value, fn: (r, c) => { const v = value.fn(r, c); return v === null ? null : v ? 1 : 0; } };
  return value;
}

const AGGREGATES: Record<string, (call: AggregateCall) => Aggregate> = {
  count: (call) => {
    if (call.argNodes.length) throw call.scope.c.src.unsupported('count() with an argument', call.node.TextStart);
    return counter(always);
  },
  countif: (call) => counter(predicate(call, 0)),
  dcount: (call) => distinctCount(arg(call, 0), always),
  dcountif: (call) => distinctCount(arg(call, 0), predicate(call, 1)),
  make_set: (call) => collector(arg(call, 0), always, maxSize(call, 1), true),
  make_set_if: (call) => collector(arg(call, 0), predicate(call, 1), maxSize(call, 2), true),
  make_list: (call) => collector(arg(call, 0), always, maxSize(call, 1), false),
  make_list_if: (call) => collector(arg(call, 0), predicate(call, 1), maxSize(call, 2), false),
  min: (call) => extremeOf(call, false, always),
  max: (call) => extremeOf(call, true, always),
  minif: (call) => extremeOf(call, false, predicate(call, 1)),
  maxif: (call) => extremeOf(call, true, predicate(call, 1)),
  sum: (call) => summer(arg(call, 0), always, false),
  sumif: (call) => summer(arg(call, 0), predicate(call, 1), false),
  avg: (call) => summer(arg(call, 0), always, true),
  avgif: (call) => summer(arg(call, 0), predicate(call, 1), true),
  arg_max: (call) => argExtreme(call, true),
  arg_min: (call) => argExtreme(call, false),
  take_any: (call) => takeAny(takeAnyValues(call), always, call.out),
  any: (call) => takeAny(takeAnyValues(call), always, call.out),
  take_anyif: (call) => takeAny([arg(call, 0)], predicate(call, 1), call.out),
  anyif: (call) => takeAny([arg(call, 0)], predicate(call, 1), call.out),
};

function extremeOf(call: AggregateCall, isMax: boolean, when: (row: Row, ctx: RunContext) => boolean): Aggregate {
  const value = arg(call, 0);
  const agg = extreme(ordered(call, value), when, isMax, call.out[0].type);
  if (value.type !== 'bool') return agg;
  return { ...agg, emit: (s, out, at) => { agg.emit(s, out, at); out[at] = out[at] === null ? null : out[at] === 1; } };
}

function takeAnyValues(call: AggregateCall): Scalar[] {
  if (call.argNodes.length === 1 && kindOf(call.argNodes[0]) === 'StarExpression') {
    return (columnsOfType(call.node.ResultType) ?? []).map((c) => columnScalar(call.scope, c.name, call.node));
  }
  return call.argNodes.map((_, i) => arg(call, i));
}

