/**
 * Built-in scalar functions, each specialised at compile time on its arguments' static types. A function missing
 * here is reported as `unsupported: <name>` while compiling.
 */
import { toBool, toDateTimeOf, toLong, toReal, toStringOf, toTimespanOf } from './convert.ts';
import { binDateTime, formatDateTimeWith, TICKS_PER_DAY } from './datetime.ts';
import { castDynamic, dynamicEquals, dynamicToString, isBag, keyOf, toDynamic } from './dynamic.ts';
import { asString } from './operators.ts';
import { derived, map1, map2, mapN, type Scope } from './scope.ts';
import { compileRegex } from './strings.ts';
import { elementsOf, kindOf, scalarTypeOfName, type SyntaxNode } from './syntax.ts';
import { NUMERIC, nullOf, type KType, type Row, type RunContext, type Scalar } from './types.ts';

/** A built-in function call being compiled: its arguments compiled and as syntax. */
export interface Call {
  node: Kusto.Language.Syntax.FunctionCallExpression;
  name: string;
  args: Scalar[];
  argNodes: SyntaxNode[];
  /** The analyser's result type. */
  type: KType;
  scope: Scope;
}

type Builtin = (call: Call) => Scalar;

/** A value converted to `to` (the analyser's type of an `iff`/`case`/`coalesce` result). */
export function coerce(s: Scalar, to: KType): Scalar {
  const from = s.type;
  if (from === to || (NUMERIC.has(from) && NUMERIC.has(to))) return { ...s, type: to };
  if (to === 'dynamic') return map1(s, 'dynamic', (v) => toDynamic(v, from));
  if (to === 'string') return map1(s, 'string', (v) => (from === 'dynamic' ? dynamicToString(v) : toStringOf(v, from)));
  if (from === 'dynamic') return map1(s, to, (v) => (NUMERIC.has(to) ? (typeof v === 'number' ? v : null) : castDynamic(v, to)));
  return { ...s, type: to };
}

function regexArg(call: Call, index: number): (pattern: unknown) => RegExp {
  const at = call.argNodes[index].TextStart;
  const make = (p: unknown) => {
    try {
      return compileRegex(String(p));
    } catch (e) {
      throw call.scope.c.src.queryError(`invalid regular expression: ${(e as Error).message}`, at);
    }
  };
  const c = call.args[index].constant;
  if (c) {
    const re = make(c.value);
    return () => re;
  }
  return make;
}

/** The type named by a `typeof(T)` argument. */
function typeOfArg(node: SyntaxNode | undefined): KType | undefined {
  if (!node || kindOf(node) !== 'TypeOfLiteralExpression') return undefined;
  const first = elementsOf((node as Kusto.Language.Syntax.TypeOfLiteralExpression).Types)[0];
  return scalarTypeOfName((first?.toString() ?? "").trim());
}

/** Converts the text an `extract()` captured to the requested type. */
function fromText(text: string | null, type: KType): unknown {
  if (text === null) return nullOf(type);
  switch (type) {
    case 'string': return text;
    case 'long': case 'int': return toLong(text);
    case 'real': case 'decimal': return toReal(text);
    case 'bool': return toBool(text);
    case 'datetime': return toDateTimeOf(text, 'string');
    case 'timespan': return toTimespanOf(text, 'string');
    case 'dynamic': return text;
    case 'guid': return text.toLowerCase();
  }
}

function arrays(values: unknown[]): unknown[][] | null {
  return values.every(Array.isArray) ? (values as unknown[][]) : null;
}

function distinct(values: unknown[]): unknown[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const k = keyOf(v);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const tostring: Builtin = ({ args: [a] }) => map1(a, 'string', (v) => toStringOf(v, a.type));
/** Datetimes count ticks from 0001-01-01 in Kusto, not from the engine's origin: refused rather than wrong. */
function refuseDateTime(call: Call): void {
  if (call.args[0].type === 'datetime') throw call.scope.c.src.unsupported(`${call.name}(datetime)`, call.node.TextStart);
}
const tolong: Builtin = (call) => {
  refuseDateTime(call);
  const a = call.args[0];
  return map1(a, call.type, (v) => (a.type === 'timespan' ? v : a.type === 'guid' ? null : toLong(v)));
};
const toreal: Builtin = (call) => {
  refuseDateTime(call);
  const a = call.args[0];
  return map1(a, 'real', (v) => (a.type === 'timespan' ? v : a.type === 'guid' ? null : toReal(v)));
};
const tobool: Builtin = ({ args: [a] }) => map1(a, 'bool', toBool);
const todynamic: Builtin = ({ args: [a] }) =>
  map1(a, 'dynamic', (v) => {
    if (a.type !== 'string') return toDynamic(v, a.type);
    try {
      return JSON.parse(v as string);
    } catch {
      // https://learn.microsoft.com/kusto/query/parse-json-function: text that is not JSON stays a string.
      return v;
    }
  });
const iff: Builtin = ({ args: [p, a, b], type }) => {
  const [fp, fa, fb] = [p.fn, coerce(a, type).fn, coerce(b, type).fn];
  return derived([p, a, b], type, (row, ctx) => (fp(row, ctx) === true ? fa(row, ctx) : fb(row, ctx)));
};
const isempty: Builtin = ({ args: [a] }) => map1(a, 'bool', (v) => v === null || v === undefined || v === '');

/** The built-in scalar functions by name. */
export const BUILTINS: Record<string, Builtin> = {
  tostring,
  toint: tolong,
  tolong,
  todouble: toreal,
  toreal,
  todecimal: toreal,
  tobool,
  toboolean: tobool,
  todatetime: ({ args: [a] }) => map1(a, 'datetime', (v) => (a.type === 'dynamic' ? toDateTimeOf(typeof v === 'string' ? v : null, 'string') : toDateTimeOf(v, a.type))),
  totimespan: ({ args: [a] }) => map1(a, 'timespan', (v) => (a.type === 'dynamic' ? toTimespanOf(typeof v === 'string' ? v : null, 'string') : toTimespanOf(v, a.type))),
  todynamic,
  parse_json: todynamic,
  tolower: ({ args: [a] }) => map1(asString(a), 'string', (v) => (v as string).toLowerCase()),
  toupper: ({ args: [a] }) => map1(asString(a), 'string', (v) => (v as string).toUpperCase()),
  strlen: ({ args: [a] }) => map1(asString(a), 'long', (v) => (v as string).length),
  strcat: ({ args }) => mapN(args.map(asString), 'string', (xs) => xs.join('')),
  substring: ({ args }) =>
    mapN([asString(args[0]), ...args.slice(1)], 'string', ([s, start, length]) => {
      if (start === null || length === null) return '';
      const text = s as string;
      const from = Math.max(0, Math.min(text.length, start as number));
      return length === undefined ? text.slice(from) : text.slice(from, from + Math.max(0, length as number));
    }),
  isempty,
  isnotempty: (call) => map1(isempty(call), 'bool', (v) => !v),
  isnull: ({ args: [a] }) => map1(a, 'bool', (v) => a.type !== 'string' && (v === null || v === undefined)),
  isnotnull: ({ args: [a] }) => map1(a, 'bool', (v) => a.type === 'string' || (v !== null && v !== undefined)),
  not: ({ args: [a] }) => map1(a, 'bool', (v) => (v === null ? null : !v)),
  iff,
  iif: iff,
  case: ({ args, type }) => {
    const branches = args.map((a, i) => (i % 2 === 1 || i === args.length - 1 ? coerce(a, type) : a)).map((a) => a.fn);
    return derived(args, type, (row, ctx) => {
      let i = 0;
      for (; i + 1 < branches.length; i += 2) if (branches[i](row, ctx) === true) return branches[i + 1](row, ctx);
      return branches[i](row, ctx);
    });
  },
  // https://learn.microsoft.com/kusto/query/coalesce-function: the first non-null, or for strings non-empty, value.
  coalesce: ({ args, type }) => {
    const fns = args.map((a) => coerce(a, type).fn);
    const empty = type === 'string' ? '' : null;
    return derived(args, type, (row, ctx) => {
      for (const f of fns) {
        const v = f(row, ctx);
        if (v !== null && v !== undefined && v !== empty) return v;
      }
      return empty;
    });
  },
  split: ({ args }) =>
    mapN([asString(args[0]), asString(args[1]), ...args.slice(2)], 'dynamic', ([s, d, index]) => {
      const parts = (s as string).split(d as string);
      if (index === undefined) return parts;
      if (index === null) return null;
      const i = index as number;
      return i >= 0 && i < parts.length ? [parts[i]] : [];
    }),
  extract: (call) => {
    const [, group, text] = call.args;
    const regex = regexArg(call, 0);
    const target = typeOfArg(call.argNodes[3]) ?? 'string';
    const pattern = call.args[0].fn;
    const [fg, ft] = [group.fn, asString(text).fn];
    return derived(call.args.slice(0, 3), call.type, (row, ctx) => {
      const g = fg(row, ctx) as number | null;
      const m = regex(pattern(row, ctx)).exec(ft(row, ctx) as string);
      return fromText(g === null || !m ? null : (m[g] ?? null), target);
    });
  },
  // https://learn.microsoft.com/kusto/query/trim-function: removes leading and trailing matches of a regex.
  trim: (call) => trimmer(call, true, true),
  trim_start: (call) => trimmer(call, true, false),
  trim_end: (call) => trimmer(call, false, true),
  replace_string: ({ args }) =>
    mapN(args.map(asString), 'string', ([text, lookup, rewrite]) => (lookup === '' ? text : (text as string).split(lookup as string).join(rewrite as string))),
  replace_regex: (call) => {
    const regex = regexArg(call, 1);
    const [text, pattern, rewrite] = call.args.map(asString).map((a) => a.fn);
    return derived(call.args, 'string', (row, ctx) => {
      const re = regex(pattern(row, ctx));
      const global = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
      const replacement = (rewrite(row, ctx) as string).replace(/\$/g, '$$$$').replace(/\\(\d)/g, '$$$1');
      return (text(row, ctx) as string).replace(global, replacement);
    });
  },
  array_length: ({ args: [a] }) => map1(a, 'long', (v) => (Array.isArray(v) ? v.length : null)),
  set_intersect: ({ args }) =>
    mapN(args, 'dynamic', (xs) => {
      const all = arrays(xs);
      if (!all) return null;
      const others = all.slice(1).map((a) => new Set(a.map(keyOf)));
      return distinct(all[0]).filter((v) => others.every((s) => s.has(keyOf(v))));
    }),
  set_union: ({ args }) => mapN(args, 'dynamic', (xs) => (arrays(xs) ? distinct(xs.flat()) : null)),
  set_difference: ({ args }) =>
    mapN(args, 'dynamic', (xs) => {
      const all = arrays(xs);
      if (!all) return null;
      const others = new Set(all.slice(1).flat().map(keyOf));
      return distinct(all[0]).filter((v) => !others.has(keyOf(v)));
    }),
  set_has_element: ({ args: [a, b] }) => map2(a, b, 'bool', (arr, v) => (Array.isArray(arr) ? arr.some((e) => dynamicEquals(e, toDynamic(v, b.type))) : null)),
  bag_keys: ({ args: [a] }) => map1(a, 'dynamic', (v) => (isBag(v) ? Object.keys(v) : null)),
  pack_array: ({ args }) => mapN(args, 'dynamic', (xs) => xs.map((v, i) => toDynamic(v, args[i].type))),
  bag_pack: (call) => pack(call),
  pack: (call) => pack(call),
  now: ({ args }) => {
    const offset = args[0]?.fn;
    return { fn: (row: Row, ctx: RunContext) => (offset ? addTicks(ctx.now, offset(row, ctx)) : ctx.now), type: 'datetime', rowFree: !args[0] || args[0].rowFree };
  },
  ago: ({ args: [a] }) => {
    const f = a.fn;
    return { fn: (row: Row, ctx: RunContext) => addTicks(ctx.now, f(row, ctx), -1), type: 'datetime', rowFree: a.rowFree };
  },
  bin: binFunction,
  floor: binFunction,
  startofday: (call) => {
    if (call.args.length > 1) throw call.scope.c.src.unsupported('startofday() with an offset', call.node.TextStart);
    return map1(call.args[0], 'datetime', (v) => (v === null ? null : binDateTime(v as number, TICKS_PER_DAY)));
  },
  format_datetime: ({ args: [d, f] }) => map2(d, asString(f), 'string', (v, fmt) => (v === null ? '' : formatDateTimeWith(v as number, fmt as string))),
  abs: ({ args: [a], type }) => map1(a, type, (v) => (v === null ? null : Math.abs(v as number))),
};

function addTicks(base: number, delta: unknown, sign = 1): number | null {
  return delta === null || delta === undefined ? null : base + sign * (delta as number);
}

function pack({ args }: Call): Scalar {
  return mapN(args, 'dynamic', (xs) => {
    const bag: Record<string, unknown> = {};
    for (let i = 0; i + 1 < xs.length; i += 2) bag[toStringOf(xs[i], args[i].type)] = toDynamic(xs[i + 1], args[i + 1].type);
    return bag;
  });
}

function trimmer(call: Call, start: boolean, end: boolean): Scalar {
  const regex = regexArg(call, 0);
  const [pattern, text] = [call.args[0].fn, asString(call.args[1]).fn];
  const cache = new Map<RegExp, [RegExp, RegExp]>();
  return derived(call.args, 'string', (row, ctx) => {
    const re = regex(pattern(row, ctx));
    let pair = cache.get(re);
    if (!pair) {
      const flags = re.flags.replace('g', '');
      pair = [new RegExp(`^(?:${re.source})+`, flags), new RegExp(`(?:${re.source})+$`, flags)];
      cache.set(re, pair);
    }
    let s = text(row, ctx) as string;
    if (start) s = s.replace(pair[0], '');
    if (end) s = s.replace(pair[1], '');
    return s;
  });
}

/** `bin(value, size)`: datetimes align to 0001-01-01 like Kusto; numbers and timespans round down to multiples. */
function binFunction({ args: [value, size], type }: Call): Scalar {
  if (value.type === 'datetime') return map2(value, size, 'datetime', (v, s) => (v === null || s === null ? null : binDateTime(v as number, s as number)));
  return map2(value, size, type, (v, s) => {
    if (v === null || s === null || !((s as number) > 0)) return null;
    return Math.floor((v as number) / (s as number)) * (s as number);
  });
}
