/**
 * How diagnostics look: `file:line:col: error CODE: message` with the hint indented below (tsc style, which
 * editors and terminals turn into links), a JSON array, or GitHub workflow commands that annotate the PR.
 */
import type { Diagnostic } from '../diagnostics.ts';

export const FORMATS = ['human', 'json', 'github'] as const;
export type OutputFormat = (typeof FORMATS)[number];

export function formatDiagnostic(d: Diagnostic): string {
  const head = `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}`;
  const field = d.field ? `\n    at ${d.field}` : '';
  const hint = d.hint ? '\n' + d.hint.split('\n').map((l) => '    ' + l).join('\n') : '';
  return head + field + hint;
}

export function formatDiagnostics(diagnostics: readonly Diagnostic[], format: OutputFormat): string {
  if (format === 'json') return JSON.stringify(diagnostics, null, 2);
  if (format === 'github') return diagnostics.map(githubAnnotation).join('\n');
  return diagnostics.map(formatDiagnostic).join('\n\n');
}

/** https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#setting-an-error-message */
function githubAnnotation(d: Diagnostic): string {
  const level = d.severity === 'error' ? 'error' : 'warning';
  const props = `file=${escapeProperty(d.file)},line=${d.line},col=${d.column},title=${escapeProperty(d.code)}`;
  const text = d.message + (d.field ? ` (at ${d.field})` : '') + (d.hint ? `\n${d.hint}` : '');
  return `::${level} ${props}::${escapeData(text)}`;
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
