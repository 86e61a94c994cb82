/**
 * Syntax check of a query with Kusto.Language's parser. Semantic analysis against table schemas builds on
 * the same parse (see analyze.ts when present); this is the floor every query must clear before it ships.
 */
import { kusto, toArray } from './kusto.ts';

export interface KustoDiagnostic {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  /** 1-based line and column in the query text. */
  line: number;
  column: number;
  /** Character offset and length in the query text. */
  start: number;
  length: number;
}

/** Syntax errors of a query, positioned in its text. */
export function syntaxDiagnostics(text: string): KustoDiagnostic[] {
  const K = kusto();
  const code = K.KustoCode.Parse(text, K.GlobalState.Default)!;
  return toArray(code.GetSyntaxDiagnostics()).map((d) => {
    const { line, column } = lineAndColumn(text, d.Start);
    return {
      code: d.Code ?? 'KS000',
      severity: d.Severity === 'Error' ? 'error' : 'warning',
      message: d.Message ?? '',
      line, column, start: d.Start, length: d.Length,
    };
  });
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
