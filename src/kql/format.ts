/**
 * The canonical layout of every query that ships: Kusto's own formatter, one operator per line, LF endings,
 * run until the text stops changing (one pass is not always a fixpoint, toolchain-notes §1.4). A query in
 * canonical form is what reviewers diff, so the same logic always gives the same bytes.
 */
import { kusto } from './kusto.ts';

const MAX_PASSES = 4;

/** Format a query; returns undefined if the formatter could not reach a fixpoint. */
export function formatQuery(text: string): string | undefined {
  const K = kusto();
  const E = K.Editor;
  const options = E.FormattingOptions.Default!.WithIndentationSize(4)!.WithPipeOperatorStyle(E.PlacementStyle.NewLine)!;
  let current = normalise(text);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const service = new E.KustoCodeService.$ctor1(current, K.GlobalState.Default);
    const next = normalise(service.GetFormattedText(options)!.Text ?? '');
    if (next === current) return current;
    current = next;
  }
  return undefined;
}

/** LF endings, no trailing spaces, no leading or trailing blank lines. */
function normalise(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}
