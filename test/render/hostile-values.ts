/**
 * Strings that break naive escaping in KQL, ARM JSON or YAML, shared by the escaping and target tests.
 * `text: false` marks values the model rightly refuses as a title or description (blank), so they are only
 * used where any string is allowed (query literals).
 */
import { kusto, toArray } from '../../src/kql/kusto.ts';

export interface Hostile {
  name: string;
  value: string;
  text: boolean;
}

const table: Array<[name: string, value: string, text?: boolean]> = [
  ['quotes', `it's "quoted"`],
  ['backslashes', 'C:\\temp\\x'],
  ['trailing backslash', 'ends with a backslash \\'],
  ['ARM expression', "[parameters('x')]"],
  ['already ARM-escaped', '[[not twice]'],
  ['bracket, not an expression', '[notAnExpression'],
  ['handlebars', '{{x}}'],
  ['yaml 1.1 true', 'yes'],
  ['yaml 1.1 on', 'on'],
  ['yaml 1.1 false', 'no'],
  ['null word', 'null'],
  ['null tilde', '~'],
  ['octal-looking', '012'],
  ['float-looking', '1e3'],
  ['date-looking', '2024-01-01'],
  ['list marker', '- list'],
  ['mapping', 'key: value'],
  ['comment', '#comment'],
  ['alias and tag', '*alias !tag &anchor'],
  ['KQL injection', 'x" or OperationName != "'],
  ['KQL keyword text', 'union * is only text here'],
  ['KQL pipe and comment', 'a | where b // not a comment'],
  ['multi-line with leading spaces', '  first line\n    indented second\nthird'],
  ['multi-line ending in a blank line', 'first paragraph\n\n'],
  ['unicode', 'Ünïcødé 漢字 🚀'],
  ['tab', 'before\tafter'],
  ['only spaces', '   ', false],
];

export const HOSTILE: Hostile[] = table.map(([name, value, text = true]) => ({ name, value, text }));

/**
 * What ARM makes of a JSON string value (template-expressions.md, "Escape characters"): `[…]` is an
 * expression, `[[…]` the literal `[…]`, anything else the string as written.
 */
export function armValue(json: unknown): string {
  if (typeof json !== 'string') throw new Error(`expected a string, got ${JSON.stringify(json)}`);
  if (!(json.startsWith('[') && json.endsWith(']'))) return json;
  if (json.startsWith('[[')) return json.slice(1);
  throw new Error(`ARM would evaluate ${JSON.stringify(json)} as an expression`);
}

/** The values of the string literals of a query, in source order, and its syntax errors, as Kusto's parser reads them. */
export function kqlStringLiterals(text: string): { literals: string[]; errors: string[] } {
  const K = kusto();
  const code = K.KustoCode.Parse(text, K.GlobalState.Default)!;
  const literals: string[] = [];
  K.Syntax.SyntaxElement.WalkNodes(code.Syntax, (node) => {
    if (Bridge.is(node, K.Syntax.LiteralExpression) && node.Kind === K.Syntax.SyntaxKind.StringLiteralExpression) {
      literals.push((node as Kusto.Language.Syntax.LiteralExpression).LiteralValue as string);
    }
  });
  const errors = toArray(code.GetSyntaxDiagnostics()).map((d) => `${d.Code} ${d.Message} @${d.Start}`);
  return { literals, errors };
}
