/**
 * `in`, `in~`, `!in`, `!in~`, `has_any` and `has_all`: the right-hand list may mix scalars, dynamic arrays (their
 * elements count) and one-column tabular expressions. When the list does not depend on the row, its set is built
 * once — at compile time for literals, once per run for lets and subqueries — so each row costs one lookup.
 */
import { toStringOf } from './convert.ts';
import { dynamicToString, keyOf, toDynamic } from './dynamic.ts';
import { asString, familyOf, operatorText } from './operators.ts';
import { derived, indexOfColumn, type Scope } from './scope.ts';
import { stringTest, type StringTest } from './strings.ts';
import { columnsOfType, elementsOf, type SyntaxNode } from './syntax.ts';
import type { KType, Row, RunContext, Scalar } from './types.ts';

/** One list element: a scalar (a dynamic array contributes its elements) or a tabular expression's first column. */
type ListItem = { scalar: Scalar } | { values: (ctx: RunContext) => Array<{ v: unknown; type: KType }> };

function listItems(list: Kusto.Language.Syntax.ExpressionList, scope: Scope, compile: (e: SyntaxNode) => Scalar): ListItem[] {
  return elementsOf(list.Expressions).map((e): ListItem => {
    const columns = columnsOfType(e.ResultType);
    if (!columns) return { scalar: compile(e) };
    const plan = scope.c.tabular(e, scope.env);
    const first = columns[0];
    const index = first ? indexOfColumn(plan.layout, first.name) : -1;
    if (index < 0 || !first.type) throw scope.c.src.unsupported('a tabular operand without a single typed column', e.TextStart);
    const type = first.type;
    return { values: (ctx) => plan.run(ctx, null).map((row) => ({ v: row[index], type })) };
  });
}

/** Every element value of the list for one row, dynamic arrays flattened. */
function expand(items: ListItem[], row: Row, ctx: RunContext): Array<{ v: unknown; type: KType }> {
  const out: Array<{ v: unknown; type: KType }> = [];
  for (const item of items) {
    if ('values' in item) {
      out.push(...item.values(ctx));
      continue;
    }
    const v = item.scalar.fn(row, ctx);
    if (item.scalar.type === 'dynamic' && Array.isArray(v)) for (const x of v) out.push({ v: x, type: 'dynamic' });
    else out.push({ v, type: item.scalar.type });
  }
  return out;
}

/** Builds `make(values)` once when the list does not depend on the row (at compile time when it is constant). */
function listFunction<T>(items: ListItem[], make: (values: Array<{ v: unknown; type: KType }>) => T): (row: Row, ctx: RunContext) => T {
  const rowFree = items.every((i) => 'values' in i || i.scalar.rowFree);
  const constant = items.every((i) => 'scalar' in i && i.scalar.constant);
  if (constant) {
    const built = make(expand(items, [], undefined as never));
    return () => built;
  }
  if (rowFree) {
    const key = {};
    return (row, ctx) => {
      let built = ctx.cache.get(key) as T | undefined;
      if (built === undefined) {
        built = make(expand(items, row, ctx));
        ctx.cache.set(key, built);
      }
      return built;
    };
  }
  return (row, ctx) => make(expand(items, row, ctx));
}

/** The key under which a value of `type` is looked up among the list's values for a left operand of `left`. */
function keyFor(left: KType, caseInsensitive: boolean): (v: unknown, type: KType) => unknown {
  const family = familyOf(left);
  if (family === 'string' || family === 'guid') {
    return (v, type) => {
      if (v === null || v === undefined) return undefined;
      const s = type === 'dynamic' ? dynamicToString(v) : toStringOf(v, type);
      return caseInsensitive || family === 'guid' ? s.toLowerCase() : s;
    };
  }
  if (family === 'dynamic') {
    return (v, type) => {
      const d = toDynamic(v, type);
      if (d === null) return undefined;
      return keyOf(caseInsensitive && typeof d === 'string' ? d.toLowerCase() : d);
    };
  }
  return (v, type) => {
    if (v === null || v === undefined) return undefined;
    if (type === 'dynamic') return typeof v === 'number' || typeof v === 'boolean' ? v : undefined;
    return v;
  };
}

/** `in`, `in~`, `!in`, `!in~`: membership in the list, a lookup in a prebuilt set when it does not depend on the row. */
export function compileIn(node: Kusto.Language.Syntax.InExpression, scope: Scope, compile: (e: SyntaxNode) => Scalar): Scalar {
  const op = operatorText(node);
  const negated = op.startsWith('!');
  const caseInsensitive = op.endsWith('~');
  const left = compile(node.Left!);
  const items = listItems(node.Right!, scope, compile);
  const key = keyFor(left.type, caseInsensitive);
  const lt = left.type;
  const setOf = listFunction(items, (values) => {
    const set = new Set<unknown>();
    for (const { v, type } of values) {
      const k = key(v, type);
      if (k !== undefined) set.add(k);
    }
    return set;
  });
  const fl = left.fn;
  const fn = (row: Row, ctx: RunContext) => {
    const k = key(fl(row, ctx), lt);
    if (k === undefined) return negated;
    return setOf(row, ctx).has(k) !== negated;
  };
  return derived([left, ...items.map((i) => ('scalar' in i ? i.scalar : { fn: () => null, type: 'dynamic' as KType, rowFree: true }))], 'bool', fn);
}

/** `has_any` / `has_all`: term matches (as `has`) against each string of the list. */
export function compileHasAny(node: Kusto.Language.Syntax.HasAnyExpression, scope: Scope, compile: (e: SyntaxNode) => Scalar, all: boolean): Scalar {
  const left = asString(compile(node.Left!));
  const items = listItems(node.Right!, scope, compile);
  const testsOf = listFunction(items, (values) => {
    const tests: StringTest[] = [];
    for (const { v, type } of values) {
      if (v === null || v === undefined) continue;
      tests.push(stringTest('has', type === 'dynamic' ? dynamicToString(v) : toStringOf(v, type))!);
    }
    return tests;
  });
  const fl = left.fn;
  const fn = all
    ? (row: Row, ctx: RunContext) => {
        const h = fl(row, ctx) as string;
        return testsOf(row, ctx).every((t) => t(h));
      }
    : (row: Row, ctx: RunContext) => {
        const h = fl(row, ctx) as string;
        return testsOf(row, ctx).some((t) => t(h));
      };
  return derived([left, ...items.map((i) => ('scalar' in i ? i.scalar : { fn: () => null, type: 'dynamic' as KType, rowFree: true }))], 'bool', fn);
}
