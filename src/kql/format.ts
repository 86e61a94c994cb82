/**
 * The canonical layout of every query that ships: Kusto's own formatter, one operator per line, LF endings,
 * run until the text stops changing (one pass is not always a fixpoint, toolchain-notes §1.4). A query in
 * canonical form is what reviewers diff, so the same logic always gives the same bytes.
 */
import { kusto } from './kusto.ts';

const MAX_PASSES = 4;

let options: Kusto.Language.Editor.FormattingOptions | undefined;

function formattingOptions(): Kusto.Language.Editor.FormattingOptions {
  if (!options) {
    const E = kusto().Editor;
    options = E.FormattingOptions.Default!.WithIndentationSize(4)!.WithPipeOperatorStyle(E.PlacementStyle.NewLine)!;
  }
  return options;
}

/**
 * Format a query; returns undefined if the formatter does not reach a fixpoint. `analysed` is the query's
 * already-parsed code, when the caller has it: the first pass then reuses its syntax tree instead of parsing again.
 */
export function formatQuery(text: string, analysed?: Kusto.Language.KustoCode): string | undefined {
  const K = kusto();
  const service = (code: string) => new K.Editor.KustoCodeService.$ctor1(code, K.GlobalState.Default);
  let current = normalise((analysed ? new K.Editor.KustoCodeService.ctor(analysed) : service(text)).GetFormattedText(formattingOptions())!.Text ?? '');
  for (let pass = 1; pass < MAX_PASSES; pass++) {
    const next = normalise(service(current).GetFormattedText(formattingOptions())!.Text ?? '');
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
