/**
 * Reading the Kusto.Language syntax tree the analyser produced: node kinds by name, the elements of its lists,
 * the static types it inferred, and named query-operator parameters. Used only while compiling.
 */
import { kusto, toArray } from '../kql/kusto.ts';
import type { Column, KType } from './types.ts';

/** Any node; typed as an expression because the analyser attaches a result type to every node. */
export type SyntaxNode = Kusto.Language.Syntax.Expression;
/** Kusto.Language's syntax and symbol types, under short names. */
export type SyntaxElement = Kusto.Language.Syntax.SyntaxElement;
export type Expression = Kusto.Language.Syntax.Expression;
export type TypeSymbol = Kusto.Language.Symbols.TypeSymbol;
export type KSymbol = Kusto.Language.Symbols.Symbol;

/** Syntax node classes by name, for casts: `node as Nodes['FilterOperator']`. */
export interface Nodes {
  ParenthesizedExpression: Kusto.Language.Syntax.ParenthesizedExpression;
  NameReference: Kusto.Language.Syntax.NameReference;
  PathExpression: Kusto.Language.Syntax.PathExpression;
  ElementExpression: Kusto.Language.Syntax.ElementExpression;
  BracketedExpression: Kusto.Language.Syntax.BracketedExpression;
  DynamicExpression: Kusto.Language.Syntax.DynamicExpression;
  PrefixUnaryExpression: Kusto.Language.Syntax.PrefixUnaryExpression;
  FunctionCallExpression: Kusto.Language.Syntax.FunctionCallExpression;
  ToScalarExpression: Kusto.Language.Syntax.ToScalarExpression;
  BetweenExpression: Kusto.Language.Syntax.BetweenExpression;
  HasAnyExpression: Kusto.Language.Syntax.HasAnyExpression;
  HasAllExpression: Kusto.Language.Syntax.HasAllExpression;
  InExpression: Kusto.Language.Syntax.InExpression;
  BinaryExpression: Kusto.Language.Syntax.BinaryExpression;
  LiteralExpression: Kusto.Language.Syntax.LiteralExpression;
  FunctionDeclaration: Kusto.Language.Syntax.FunctionDeclaration;
  FunctionParameter: Kusto.Language.Syntax.FunctionParameter;
  FunctionBody: Kusto.Language.Syntax.FunctionBody;
  LetStatement: Kusto.Language.Syntax.LetStatement;
  ExpressionStatement: Kusto.Language.Syntax.ExpressionStatement;
  QueryBlock: Kusto.Language.Syntax.QueryBlock;
  PipeExpression: Kusto.Language.Syntax.PipeExpression;
  FilterOperator: Kusto.Language.Syntax.FilterOperator;
  ExtendOperator: Kusto.Language.Syntax.ExtendOperator;
  ProjectOperator: Kusto.Language.Syntax.ProjectOperator;
  ProjectAwayOperator: Kusto.Language.Syntax.ProjectAwayOperator;
  ProjectKeepOperator: Kusto.Language.Syntax.ProjectKeepOperator;
  ProjectRenameOperator: Kusto.Language.Syntax.ProjectRenameOperator;
  ProjectReorderOperator: Kusto.Language.Syntax.ProjectReorderOperator;
  SummarizeOperator: Kusto.Language.Syntax.SummarizeOperator;
  SummarizeByClause: Kusto.Language.Syntax.SummarizeByClause;
  JoinOperator: Kusto.Language.Syntax.JoinOperator;
  JoinOnClause: Kusto.Language.Syntax.JoinOnClause;
  UnionOperator: Kusto.Language.Syntax.UnionOperator;
  MvExpandOperator: Kusto.Language.Syntax.MvExpandOperator;
  MvExpandExpression: Kusto.Language.Syntax.MvExpandExpression;
  MvApplyOperator: Kusto.Language.Syntax.MvApplyOperator;
  MvApplyExpression: Kusto.Language.Syntax.MvApplyExpression;
  MvApplySubqueryExpression: Kusto.Language.Syntax.MvApplySubqueryExpression;
  SortOperator: Kusto.Language.Syntax.SortOperator;
  OrderedExpression: Kusto.Language.Syntax.OrderedExpression;
  OrderingClause: Kusto.Language.Syntax.OrderingClause;
  TopOperator: Kusto.Language.Syntax.TopOperator;
  TakeOperator: Kusto.Language.Syntax.TakeOperator;
  DistinctOperator: Kusto.Language.Syntax.DistinctOperator;
  CountOperator: Kusto.Language.Syntax.CountOperator;
  DataTableExpression: Kusto.Language.Syntax.DataTableExpression;
  RowSchema: Kusto.Language.Syntax.RowSchema;
  NameAndTypeDeclaration: Kusto.Language.Syntax.NameAndTypeDeclaration;
  SimpleNamedExpression: Kusto.Language.Syntax.SimpleNamedExpression;
  NamedParameter: Kusto.Language.Syntax.NamedParameter;
  MaterializeExpression: Kusto.Language.Syntax.MaterializeExpression;
  PrintOperator: Kusto.Language.Syntax.PrintOperator;
  ToTypeOfClause: Kusto.Language.Syntax.ToTypeOfClause;
  TypeOfLiteralExpression: Kusto.Language.Syntax.TypeOfLiteralExpression;
  ExpressionList: Kusto.Language.Syntax.ExpressionList;
  ExpressionCouple: Kusto.Language.Syntax.ExpressionCouple;
  JsonArrayExpression: Kusto.Language.Syntax.JsonArrayExpression;
  JsonObjectExpression: Kusto.Language.Syntax.JsonObjectExpression;
  JsonPair: Kusto.Language.Syntax.JsonPair;
  StarExpression: Kusto.Language.Syntax.StarExpression;
  NameDeclaration: Kusto.Language.Syntax.NameDeclaration;
}

/** Bridge.NET enums are plain objects of name → number; this inverts one. */
function enumNames(e: object): Map<number, string> {
  const names = new Map<number, string>();
  for (const [name, value] of Object.entries(e)) if (typeof value === 'number' && !names.has(value)) names.set(value, name);
  return names;
}

let syntaxKinds: Map<number, string> | undefined;
let symbolKinds: Map<number, string> | undefined;

/** The node's `SyntaxKind` name, e.g. `FilterOperator`, `EqualExpression`, `LongLiteralExpression`. */
export function kindOf(node: SyntaxElement): string {
  syntaxKinds ??= enumNames(kusto().Syntax.SyntaxKind);
  return syntaxKinds.get(node.Kind) ?? String(node.Kind);
}

/** The elements of a `SyntaxList` (unwrapping `SeparatedElement`s); [] for null. */
export function elementsOf<T extends SyntaxElement = SyntaxNode>(list: Kusto.Language.Syntax.SyntaxNode | null | undefined): T[] {
  const out: T[] = [];
  if (!list) return out;
  for (let i = 0; i < list.ChildCount; i++) {
    const child = list.GetChild(i);
    if (!child) continue;
    out.push((kindOf(child) === 'SeparatedElement' ? (child as Kusto.Language.Syntax.SeparatedElement).Element : child) as T);
  }
  return out;
}

const SCALAR_TYPES: Record<string, KType> = {
  string: 'string', long: 'long', int: 'int', real: 'real', double: 'real', decimal: 'decimal', bool: 'bool', boolean: 'bool',
  datetime: 'datetime', date: 'datetime', timespan: 'timespan', time: 'timespan', dynamic: 'dynamic', guid: 'guid', uniqueid: 'guid',
};

/** A Kusto type name as the engine's type; undefined for tables, tuples, `unknown`, `void`, errors. */
export function scalarTypeOfName(name: string | null | undefined): KType | undefined {
  return name ? SCALAR_TYPES[name] : undefined;
}

/** The analyser's scalar type of an expression, or undefined when it is not a known scalar type. */
export function scalarTypeOf(expr: SyntaxNode): KType | undefined {
  const t = expr.ResultType;
  if (!t || hasColumns(t)) return undefined;
  return scalarTypeOfName(t.Name);
}

function hasColumns(t: TypeSymbol): t is TypeSymbol & { Columns: unknown } {
  return (t as unknown as { Columns?: unknown }).Columns != null;
}

/**
 * The columns of a table or tuple type (a tabular expression's result, a multi-column aggregate), or undefined
 * for a scalar type. Columns of types the engine does not know come back with `type` undefined.
 */
export function columnsOfType(t: TypeSymbol | null | undefined): Array<{ name: string; type: KType | undefined }> | undefined {
  if (!t || !hasColumns(t)) return undefined;
  const columns = toArray((t as unknown as Kusto.Language.Symbols.TableSymbol).Columns);
  return columns.map((c) => ({ name: c.Name ?? '', type: scalarTypeOfName(c.Type?.Name) }));
}

/** Like `columnsOfType` for a node's result, requiring every column type to be known. */
export function tableColumnsOf(node: SyntaxNode): Column[] | undefined {
  const cols = columnsOfType(node.ResultType);
  if (!cols || cols.some((c) => c.type === undefined)) return undefined;
  return cols as Column[];
}

/** Named parameters of a query operator (`kind=inner`, `isfuzzy=true`) as lower-case name → value text. */
export function namedParameters(list: Kusto.Language.Syntax.SyntaxNode | null | undefined): Map<string, { text: string; node: Kusto.Language.Syntax.SyntaxNode }> {
  const out = new Map<string, { text: string; node: Kusto.Language.Syntax.SyntaxNode }>();
  for (const p of elementsOf<Kusto.Language.Syntax.NamedParameter>(list)) {
    const name = p.Name?.SimpleName?.toLowerCase() ?? '';
    out.set(name, { text: (p.Expression?.toString() ?? '').trim(), node: p });
  }
  return out;
}

/** The symbol kind name (`Column`, `Variable`, `Function`, `Parameter`, `Table`, …) of a referenced symbol. */
export function symbolKindOf(symbol: KSymbol): string {
  symbolKinds ??= enumNames(kusto().Symbols.SymbolKind);
  return symbolKinds.get(symbol.Kind) ?? '';
}
