/**
 * Which input columns a query can observe, so table scans read only those (a Sentinel table has 30+ columns; a
 * detection reads a handful). Conservative by construction: a column is kept when its name appears anywhere in the
 * query as a reference or declaration, in the result, or as the column of a tabular `in`/`toscalar` operand; a `*`
 * anywhere keeps every column. A pruned column is absent from the row layout, so a mistake here fails compilation
 * (a reference to a column the engine did not keep) instead of reading null.
 */
import { kusto } from '../kql/kusto.ts';
import { columnsOfType, elementsOf, kindOf, type SyntaxNode } from './syntax.ts';

/** Input columns a query can observe: every one, or those named. */
export interface NeededColumns {
  all: boolean;
  names: Set<string>;
}

/** Collects the observable column names of a query from its syntax tree and result. */
export function neededColumns(root: Kusto.Language.Syntax.SyntaxNode, resultNames: string[]): NeededColumns {
  const names = new Set<string>();
  let all = false;
  const addName = (name: string | null | undefined) => {
    if (!name) return;
    names.add(name);
    // join renames the right side's duplicate of `A` to `A1`: keep `A` when `A1` is observed.
    const base = name.replace(/\d+$/, '');
    if (base && base !== name) names.add(base);
  };
  const addColumnsOf = (node: SyntaxNode) => {
    for (const c of columnsOfType(node.ResultType) ?? []) addName(c.name);
  };
  resultNames.forEach(addName);
  kusto().Syntax.SyntaxElement.WalkNodes(root, (node: Kusto.Language.Syntax.SyntaxNode) => {
    const n = node as SyntaxNode;
    switch (kindOf(n)) {
      case 'StarExpression':
        all = true;
        break;
      case 'NameReference':
      case 'NameDeclaration':
        addName((n as unknown as { SimpleName: string | null }).SimpleName);
        break;
      case 'ToScalarExpression':
        addColumnsOf((n as Kusto.Language.Syntax.ToScalarExpression).Expression!);
        break;
      case 'InExpression':
      case 'InCsExpression':
      case 'NotInExpression':
      case 'NotInCsExpression':
      case 'HasAnyExpression':
      case 'HasAllExpression':
        for (const e of elementsOf((n as Kusto.Language.Syntax.InExpression).Right?.Expressions)) addColumnsOf(e);
        break;
    }
  }, null);
  return { all, names };
}
