/**
 * Scalar operators, specialised at compile time on the analyser's operand types: arithmetic (long vs real,
 * datetime/timespan), comparisons with Kusto's null rules, three-valued `and`/`or`, string predicates and
 * `matches regex`, `between`. Null semantics: `==` on one null gives false, `!=` true, two nulls give null; other
 * comparisons with a null give null, and `where` keeps only true
 * (https://learn.microsoft.com/kusto/query/scalar-data-types/null-values).
 */
import { dynamicEquals, toDynamic } from './dynamic.ts';
import { toStringOf } from './convert.ts';
import { derived, map1, map2, type Scope } from './scope.ts';
import { compileRegex, stringTest, type StringTest } from './strings.ts';
import { scalarTypeOf, type SyntaxNode } from './syntax.ts';
import { INTEGRAL, NUMERIC, type KType, type Row, type RunContext, type Scalar } from './types.ts';

type Family = 'num' | 'string' | 'bool' | 'datetime' | 'timespan' | 'dynamic' | 'guid';

/** Numeric types form one family; every other type is its own. */
export function familyOf(t: KType): Family {
  if (NUMERIC.has(t)) return 'num';
  return t as Family;
}

/** Normalised operator text: `matches regex`, `!has`, `in~`. */
export function operatorText(node: SyntaxNode): string {
  const op = (node as Kusto.Language.Syntax.BinaryExpression).Operator;
  return (op?.Text ?? '').toLowerCase().replace(/\s+/g, ' ');
}

/** A value of `type` as a string for the string operators (dynamic and other types through `tostring`). */
export function asString(s: Scalar): Scalar {
  if (s.type === 'string') return s;
  const type = s.type;
  return map1(s, 'string', (v) => toStringOf(v, type));
}

/** A dynamic operand as a number (its numeric value, else null) so it can meet a typed number. */
function dynamicAsNumber(s: Scalar): Scalar {
  return map1(s, 'real', (v) => (typeof v === 'number' ? v : null));
}

/** A binary operator (arithmetic, comparison, logical, string predicate, regex). */
export function compileBinary(node: Kusto.Language.Syntax.BinaryExpression, scope: Scope, compile: (e: SyntaxNode) => Scalar): Scalar {
  const op = operatorText(node);
  const left = compile(node.Left!);
  const right = compile(node.Right!);
  const src = scope.c.src;
  const at = node.Operator!.TextStart;
  switch (op) {
    case 'and': return logical(left, right, true);
    case 'or': return logical(left, right, false);
    case '+': case '-': case '*': case '/': case '%':
      return arithmetic(op, left, right, scalarTypeOf(node), () => src.queryError(`operator '${op}' cannot be applied to ${left.type} and ${right.type}`, at));
    case '==': case '!=': case '<': case '<=': case '>': case '>=':
      return compare(op, left, right, () => src.queryError(`cannot compare values of types ${left.type} and ${right.type}`, at));
    case '=~': return stringPredicate('=~', asString(left), asString(right), false);
    case '!~': return stringPredicate('=~', asString(left), asString(right), true);
    case 'matches regex': return matchesRegex(asString(left), asString(right), scope, at);
  }
  const negated = op.startsWith('!');
  const base = negated ? op.slice(1) : op;
  if (stringTest(base, '') === undefined || base === '==' || base === '=~') throw src.unsupported(`operator ${op}`, at);
  return stringPredicate(base, asString(left), asString(right), negated);
}

function logical(a: Scalar, b: Scalar, isAnd: boolean): Scalar {
  const fa = a.fn;
  const fb = b.fn;
  const fn = isAnd
    ? (row: Row, ctx: RunContext) => {
        const x = fa(row, ctx);
        if (x === false) return false;
        const y = fb(row, ctx);
        if (y === false) return false;
        return x === null || y === null ? null : true;
      }
    : (row: Row, ctx: RunContext) => {
        const x = fa(row, ctx);
        if (x === true) return true;
        const y = fb(row, ctx);
        if (y === true) return true;
        return x === null || y === null ? null : false;
      };
  return derived([a, b], 'bool', fn);
}

function stringPredicate(op: string, left: Scalar, right: Scalar, negate: boolean): Scalar {
  if (right.constant) {
    const test = stringTest(op, right.constant.value as string)!;
    return map1(left, 'bool', negate ? (h) => !test(h as string) : (h) => test(h as string));
  }
  let lastNeedle: string | undefined;
  let lastTest: StringTest = () => false;
  return map2(left, right, 'bool', (h, n) => {
    if (n !== lastNeedle) {
      lastNeedle = n as string;
      lastTest = stringTest(op, lastNeedle)!;
    }
    return lastTest(h as string) !== negate;
  });
}

function matchesRegex(left: Scalar, right: Scalar, scope: Scope, at: number): Scalar {
  const regex = (pattern: string) => {
    try {
      return compileRegex(pattern);
    } catch (e) {
      throw scope.c.src.queryError(`invalid regular expression: ${(e as Error).message}`, at);
    }
  };
  if (right.constant) {
    const re = regex(right.constant.value as string);
    return map1(left, 'bool', (h) => re.test(h as string));
  }
  return map2(left, right, 'bool', (h, p) => regex(p as string).test(h as string));
}

function arithmetic(op: string, a: Scalar, b: Scalar, resultType: KType | undefined, fail: () => Error): Scalar {
  let [x, y] = [a, b];
  if (x.type === 'dynamic') x = dynamicAsNumber(x);
  if (y.type === 'dynamic') y = dynamicAsNumber(y);
  const fx = familyOf(x.type);
  const fy = familyOf(y.type);
  const type = resultType ?? (fx === 'num' && fy === 'num' ? (INTEGRAL.has(x.type) && INTEGRAL.has(y.type) ? 'long' : 'real') : undefined);
  if (!type) throw fail();
  const integral = INTEGRAL.has(type);
  let f: ((p: number, q: number) => number | null) | undefined;
  if (fx === 'num' && fy === 'num') {
    if (op === '/') f = integral ? (p, q) => (q === 0 ? null : Math.trunc(p / q)) : (p, q) => p / q;
    else if (op === '%') f = (p, q) => (integral && q === 0 ? null : p % q);
    else f = op === '+' ? (p, q) => p + q : op === '-' ? (p, q) => p - q : (p, q) => p * q;
  } else if (fx === 'datetime' && fy === 'datetime' && op === '-') f = (p, q) => p - q;
  else if (fx === 'datetime' && fy === 'timespan' && (op === '+' || op === '-')) f = op === '+' ? (p, q) => p + q : (p, q) => p - q;
  else if (fx === 'timespan' && fy === 'datetime' && op === '+') f = (p, q) => p + q;
  else if (fx === 'timespan' && fy === 'timespan') {
    if (op === '+') f = (p, q) => p + q;
    else if (op === '-') f = (p, q) => p - q;
    else if (op === '/') f = (p, q) => p / q;
    else if (op === '%') f = (p, q) => (q === 0 ? null : p % q);
  } else if (fx === 'timespan' && fy === 'num' && (op === '*' || op === '/')) f = op === '*' ? (p, q) => Math.round(p * q) : (p, q) => (q === 0 ? null : Math.round(p / q));
  else if (fx === 'num' && fy === 'timespan' && op === '*') f = (p, q) => Math.round(p * q);
  if (!f) throw fail();
  const g = f;
  return map2(x, y, type, (p, q) => (p === null || q === null ? null : g(p as number, q as number)));
}

function compare(op: string, a: Scalar, b: Scalar, fail: () => Error): Scalar {
  const fa = familyOf(a.type);
  const fb = familyOf(b.type);
  if (op === '==' || op === '!=') {
    const eq = equality(a, b, fa, fb, fail);
    if (op === '==') return map2(a, b, 'bool', (x, y) => (x === null && y === null ? null : x === null || y === null ? false : eq(x, y)));
    return map2(a, b, 'bool', (x, y) => (x === null && y === null ? null : x === null || y === null ? true : !eq(x, y)));
  }
  let [x, y] = [a, b];
  if (fa === 'dynamic' && fb !== 'dynamic') x = fb === 'string' ? asString(a) : dynamicAsNumber(a);
  if (fb === 'dynamic' && fa !== 'dynamic') y = fa === 'string' ? asString(b) : dynamicAsNumber(b);
  const kx = familyOf(x.type);
  const ky = familyOf(y.type);
  if (kx !== ky && !(kx === 'num' && ky === 'num')) throw fail();
  if (kx === 'dynamic') throw fail();
  const cmp =
    op === '<' ? (p: unknown, q: unknown) => (p as number) < (q as number)
    : op === '<=' ? (p: unknown, q: unknown) => (p as number) <= (q as number)
    : op === '>' ? (p: unknown, q: unknown) => (p as number) > (q as number)
    : (p: unknown, q: unknown) => (p as number) >= (q as number);
  return map2(x, y, 'bool', (p, q) => (p === null || q === null ? null : cmp(p, q)));
}

function equality(a: Scalar, b: Scalar, fa: Family, fb: Family, fail: () => Error): (x: unknown, y: unknown) => boolean {
  if (fa === 'dynamic' || fb === 'dynamic') {
    const ta = a.type;
    const tb = b.type;
    return (x, y) => dynamicEquals(toDynamic(x, ta), toDynamic(y, tb));
  }
  if (fa === 'guid' || fb === 'guid') {
    if ((fa === 'guid' || fa === 'string') && (fb === 'guid' || fb === 'string')) return (x, y) => (x as string).toLowerCase() === (y as string).toLowerCase();
    throw fail();
  }
  if (fa !== fb) throw fail();
  return (x, y) => x === y;
}

/** `x between (a .. b)`, inclusive; for datetimes and timespans `b` may be a timespan counted from `a`. */
export function compileBetween(node: Kusto.Language.Syntax.BetweenExpression, scope: Scope, compile: (e: SyntaxNode) => Scalar): Scalar {
  const negated = operatorText(node).startsWith('!');
  let value = compile(node.Left!);
  let low = compile(node.Right!.First!);
  let high = compile(node.Right!.Second!);
  if (value.type === 'dynamic') value = dynamicAsNumber(value);
  const fv = familyOf(value.type);
  const relative = (fv === 'datetime' || fv === 'timespan') && familyOf(high.type) === 'timespan' && fv !== familyOf(high.type);
  if (familyOf(low.type) !== fv || (!relative && familyOf(high.type) !== fv) || !['num', 'datetime', 'timespan'].includes(fv)) {
    throw scope.c.src.queryError(`between expects bounds of the type of ${value.type}`, node.Operator!.TextStart);
  }
  if (relative) {
    const base = low;
    high = map2(base, high, fv === 'datetime' ? 'datetime' : 'timespan', (p, q) => (p === null || q === null ? null : (p as number) + (q as number)));
    low = base;
  }
  const fl = low.fn;
  const fh = high.fn;
  const fx = value.fn;
  const fn = (row: Row, ctx: RunContext) => {
    const v = fx(row, ctx) as number | null;
    const l = fl(row, ctx) as number | null;
    const h = fh(row, ctx) as number | null;
    if (v === null || l === null || h === null) return null;
    return (v >= l && v <= h) !== negated;
  };
  return derived([value, low, high], 'bool', fn);
}
