/**
 * What compiling one expression sees: the row layout at that point of the pipeline, the let/parameter bindings in
 * force, and the query-wide compiler (errors with positions, tabular sub-expressions, pruned columns). Also the
 * helpers that build scalars from scalars while folding constants.
 */
import { columnReader } from './convert.ts';
import type { QuerySource } from './errors.ts';
import type { NeededColumns } from './prune.ts';
import type { KSymbol, SyntaxNode } from './syntax.ts';
import type { Column, KType, Plan, Row, RunContext, Scalar } from './types.ts';

/** What a let or parameter is bound to. */
export type Binding =
  | { kind: 'scalar'; scalar: Scalar }
  | { kind: 'tabular'; plan: Plan }
  | { kind: 'function'; decl: Kusto.Language.Syntax.FunctionDeclaration; env: Env };

/** Let and parameter bindings, keyed by the analyser's symbol objects (a name can be shadowed). */
export class Env {
  private readonly bindings = new Map<KSymbol, Binding>();
  constructor(private readonly parent?: Env) {}

  bind(symbol: KSymbol, binding: Binding): void {
    this.bindings.set(symbol, binding);
  }

  lookup(symbol: KSymbol): Binding | undefined {
    return this.bindings.get(symbol) ?? this.parent?.lookup(symbol);
  }

  child(): Env {
    return new Env(this);
  }
}

/** Query-wide compile state and the entry points the expression compilers share. */
export interface Compiler {
  src: QuerySource;
  /** The input columns the query can observe (see prune.ts). */
  needed: NeededColumns;
  /** Compiles a tabular expression; `input` is the implicit source of an `mv-apply` subquery. */
  tabular(expr: SyntaxNode, env: Env, input?: Plan): Plan;
  /** Binds the let statements of a query or function body into `env`. */
  bindLets(statements: SyntaxNode[], env: Env): void;
}

/** Where an expression is compiled: the compiler, the row layout, the bindings. */
export interface Scope {
  c: Compiler;
  layout: Column[];
  env: Env;
}

/** A plan applying `f` to the rows of `input`. */
export function pipe(input: Plan, layout: Column[], full: string[], f: (rows: Row[], ctx: RunContext) => Row[]): Plan {
  return { layout, full, run: (ctx, implicit) => f(input.run(ctx, implicit), ctx) };
}

/** A scope with another row layout (the same bindings). */
export function withLayout(scope: Scope, layout: Column[]): Scope {
  return { c: scope.c, layout, env: scope.env };
}

/** A column's position in a layout, or -1. */
export function indexOfColumn(layout: Column[], name: string): number {
  for (let i = 0; i < layout.length; i++) if (layout[i].name === name) return i;
  return -1;
}

/** A scalar reading a column of the scope's layout; a column the engine did not keep is an error, never null. */
export function columnScalar(scope: Scope, name: string, node: SyntaxNode): Scalar {
  const i = indexOfColumn(scope.layout, name);
  if (i < 0) throw scope.c.src.unsupported(`reference to column '${name}'`, node.TextStart);
  const type = scope.layout[i].type;
  return { fn: columnReader(i, type), type, rowFree: false };
}

const NO_ROW: Row = [];
const NO_RUN: RunContext = { now: 0, tables: {}, cache: new Map() };

/** Evaluates a scalar that needs neither row nor run, at compile time. */
function fold(fn: (row: Row, ctx: RunContext) => unknown, type: KType): Scalar {
  const value = fn(NO_ROW, NO_RUN);
  return { fn: () => value, type, rowFree: true, constant: { value } };
}

/** A scalar computed by `fn` from `args`; folded at compile time when every argument is a constant. */
export function derived(args: Scalar[], type: KType, fn: (row: Row, ctx: RunContext) => unknown): Scalar {
  return args.every((a) => a.constant) ? fold(fn, type) : { fn, type, rowFree: args.every((a) => a.rowFree) };
}

/** `f(a)`; folded when `a` is a constant. */
export function map1(a: Scalar, type: KType, f: (x: unknown) => unknown): Scalar {
  const fa = a.fn;
  const fn = (row: Row, ctx: RunContext) => f(fa(row, ctx));
  return a.constant ? fold(fn, type) : { fn, type, rowFree: a.rowFree };
}

/** `f(a, b)`; folded when both are constants. */
export function map2(a: Scalar, b: Scalar, type: KType, f: (x: unknown, y: unknown) => unknown): Scalar {
  const fa = a.fn;
  const fb = b.fn;
  const fn = (row: Row, ctx: RunContext) => f(fa(row, ctx), fb(row, ctx));
  return a.constant && b.constant ? fold(fn, type) : { fn, type, rowFree: a.rowFree && b.rowFree };
}

/** `f(...args)`; folded when all are constants. */
export function mapN(args: Scalar[], type: KType, f: (xs: unknown[]) => unknown): Scalar {
  const fns = args.map((a) => a.fn);
  const fn = (row: Row, ctx: RunContext) => f(fns.map((g) => g(row, ctx)));
  return args.every((a) => a.constant) ? fold(fn, type) : { fn, type, rowFree: args.every((a) => a.rowFree) };
}

/** A scalar that needs the run but no row, computed once per run. */
export function perRun(s: Scalar): Scalar {
  if (s.constant || !s.rowFree) return s;
  const key = {};
  const f = s.fn;
  const fn = (row: Row, ctx: RunContext) => {
    if (ctx.cache.has(key)) return ctx.cache.get(key);
    const v = f(row, ctx);
    ctx.cache.set(key, v);
    return v;
  };
  return { fn, type: s.type, rowFree: true };
}
