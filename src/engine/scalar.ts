/**
 * Compiles a scalar expression of the syntax tree into a closure over (row, run). Names resolve through the
 * analyser's symbols: columns to their position in the current row layout, lets and parameters to their bindings;
 * calls of let-declared functions are inlined with their arguments.
 */
import { kusto } from '../kql/kusto.ts';
import { element, member } from './dynamic.ts';
import { BUILTINS, type Call } from './functions.ts';
import { dynamicLiteral, literalValue } from './literals.ts';
import { compileHasAny, compileIn } from './membership.ts';
import { compileBetween, compileBinary } from './operators.ts';
import { columnScalar, indexOfColumn, map1, map2, type Scope } from './scope.ts';
import { columnsOfType, elementsOf, kindOf, scalarTypeOf, symbolKindOf, type Nodes, type SyntaxNode } from './syntax.ts';
import { constantScalar, nullOf, type Row, type RunContext, type Scalar } from './types.ts';

type K = Nodes;

function is(node: SyntaxNode, cls: 'LiteralExpression' | 'InExpression' | 'BinaryExpression'): boolean {
  return Bridge.is(node, kusto().Syntax[cls]);
}

/** Aggregation functions: only meaningful inside `summarize`. */
export const AGGREGATE_NAMES = new Set([
  'count', 'countif', 'dcount', 'dcountif', 'make_set', 'make_set_if', 'make_list', 'make_list_if', 'min', 'max', 'minif', 'maxif',
  'sum', 'sumif', 'avg', 'avgif', 'arg_max', 'arg_min', 'take_any', 'take_anyif', 'any', 'anyif',
]);

/** Compiles a scalar expression in the given scope. */
export function compileScalar(expr: SyntaxNode, scope: Scope): Scalar {
  const compile = (e: SyntaxNode) => compileScalar(e, scope);
  const src = scope.c.src;
  const kind = kindOf(expr);
  switch (kind) {
    case 'ParenthesizedExpression':
      return compile((expr as K['ParenthesizedExpression']).Expression!);
    case 'NameReference':
      return nameReference(expr as K['NameReference'], scope);
    case 'PathExpression':
      return path(expr as K['PathExpression'], scope);
    case 'ElementExpression': {
      const e = expr as K['ElementExpression'];
      const target = compile(e.Expression!);
      const selector = (e.Selector as K['BracketedExpression']).Expression!;
      return map2(target, compile(selector), 'dynamic', (v, i) => element(v, i));
    }
    case 'DynamicExpression':
      return constantScalar(dynamicLiteral(expr as K['DynamicExpression'], src), 'dynamic');
    case 'TypeOfLiteralExpression':
      return constantScalar(null, 'dynamic');
    case 'UnaryMinusExpression':
    case 'UnaryPlusExpression': {
      const operand = compile((expr as K['PrefixUnaryExpression']).Expression!);
      if (kind === 'UnaryPlusExpression') return operand;
      return map1(operand, operand.type, (v) => (v === null ? null : -(v as number)));
    }
    case 'FunctionCallExpression':
      return call(expr as K['FunctionCallExpression'], scope);
    case 'ToScalarExpression':
      return toScalar(expr as K['ToScalarExpression'], scope);
    case 'BetweenExpression':
    case 'NotBetweenExpression':
      return compileBetween(expr as K['BetweenExpression'], scope, compile);
    case 'HasAnyExpression':
      return compileHasAny(expr as K['HasAnyExpression'], scope, compile, false);
    case 'HasAllExpression':
      return compileHasAny(expr as K['HasAllExpression'], scope, compile, true);
  }
  if (is(expr, 'LiteralExpression')) {
    const { value, type } = literalValue(expr, src);
    return constantScalar(value, type);
  }
  if (is(expr, 'InExpression')) return compileIn(expr as K['InExpression'], scope, compile);
  if (is(expr, 'BinaryExpression')) return compileBinary(expr as K['BinaryExpression'], scope, compile);
  throw src.unsupported(describe(expr), expr.TextStart);
}

/** A short name for an expression the engine does not implement. */
function describe(expr: SyntaxNode): string {
  const kind = kindOf(expr);
  return kind.replace(/Expression$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() + ' expression';
}

function nameReference(ref: K['NameReference'], scope: Scope): Scalar {
  const symbol = ref.ReferencedSymbol;
  const name = ref.SimpleName ?? '';
  if (!symbol) throw scope.c.src.unsupported(`name '${name}'`, ref.TextStart);
  const kind = symbolKindOf(symbol);
  if (kind === 'Column') return columnScalar(scope, symbol.Name ?? name, ref);
  const binding = scope.env.lookup(symbol);
  if (binding?.kind === 'scalar') return binding.scalar;
  throw scope.c.src.unsupported(`reference to ${kind.toLowerCase()} '${name}'`, ref.TextStart);
}

function path(expr: K['PathExpression'], scope: Scope): Scalar {
  const target = compileScalar(expr.Expression!, scope);
  const selector = expr.Selector!;
  if (target.type !== 'dynamic' || kindOf(selector) !== 'NameReference') throw scope.c.src.unsupported(`member access ${(expr.toString() ?? '').trim()}`, expr.TextStart);
  const name = (selector as K['NameReference']).SimpleName ?? '';
  return map1(target, 'dynamic', (v) => member(v, name));
}

function toScalar(expr: K['ToScalarExpression'], scope: Scope): Scalar {
  const inner = expr.Expression!;
  const plan = scope.c.tabular(inner, scope.env);
  const type = scalarTypeOf(expr);
  const first = columnsOfType(inner.ResultType)?.[0];
  const index = first ? indexOfColumn(plan.layout, first.name) : -1;
  if (!type || index < 0) throw scope.c.src.unsupported('toscalar() of this expression', expr.TextStart);
  const key = {};
  const fn = (_row: Row, ctx: RunContext) => {
    if (!ctx.cache.has(key)) {
      const rows = plan.run(ctx, null);
      ctx.cache.set(key, rows.length ? rows[0][index] : nullOf(type));
    }
    return ctx.cache.get(key);
  };
  return { fn, type, rowFree: true };
}

function call(expr: K['FunctionCallExpression'], scope: Scope): Scalar {
  const name = expr.Name?.SimpleName ?? '';
  const symbol = expr.ReferencedSymbol;
  const binding = symbol ? scope.env.lookup(symbol) : undefined;
  if (binding?.kind === 'function') return inlineCall(expr, binding.decl, binding.env, scope);
  const at = expr.Name?.TextStart ?? expr.TextStart;
  if (AGGREGATE_NAMES.has(name)) throw scope.c.src.unsupported(`${name}() outside summarize`, at);
  const builtin = Object.hasOwn(BUILTINS, name) ? BUILTINS[name] : undefined;
  const type = scalarTypeOf(expr);
  if (!builtin || !type) throw scope.c.src.unsupported(name, at);
  const argNodes = elementsOf(expr.ArgumentList?.Expressions);
  const args = argNodes.map((a) => compileScalar(a, scope));
  const c: Call = { node: expr, name, args, argNodes, type, scope };
  return builtin(c);
}

/** A call of a let-declared function: its body compiled with the parameters bound to the arguments. */
function inlineCall(expr: K['FunctionCallExpression'], decl: K['FunctionDeclaration'], declEnv: Scope['env'], scope: Scope): Scalar {
  const env = bindArguments(expr, decl, declEnv, scope);
  const body = decl.Body!;
  scope.c.bindLets(elementsOf(body.Statements), env);
  if (columnsOfType(body.Expression!.ResultType)) throw scope.c.src.unsupported('a tabular function call in a scalar context', expr.TextStart);
  return compileScalar(body.Expression!, { c: scope.c, layout: scope.layout, env });
}

/** The environment of a let-declared function's body: outer bindings plus each parameter bound to its argument. */
export function bindArguments(expr: K['FunctionCallExpression'], decl: K['FunctionDeclaration'], declEnv: Scope['env'], scope: Scope): Scope['env'] {
  const params = elementsOf<K['FunctionParameter']>(decl.Parameters?.Parameters);
  const args = elementsOf(expr.ArgumentList?.Expressions);
  if (args.length > params.length || args.some((a) => kindOf(a) === 'SimpleNamedExpression')) {
    throw scope.c.src.unsupported('named or extra arguments', expr.TextStart);
  }
  const env = declEnv.child();
  params.forEach((p, i) => {
    const symbol = p.NameAndType?.Name?.ReferencedSymbol;
    const arg = args[i];
    const fallback = p.DefaultValue?.Value;
    if (!symbol || (!arg && !fallback)) throw scope.c.src.unsupported('a call without all arguments', expr.TextStart);
    if (arg && columnsOfType(arg.ResultType)) {
      env.bind(symbol, { kind: 'tabular', plan: scope.c.tabular(arg, scope.env) });
      return;
    }
    const value = arg ? compileScalar(arg, scope) : compileScalar(fallback!, { c: scope.c, layout: [], env: declEnv });
    env.bind(symbol, { kind: 'scalar', scalar: value });
  });
  return env;
}
