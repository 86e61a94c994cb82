/**
 * The `.ts` file of an imported detection, generated with ts-morph and formatted by TypeScript's formatter: an
 * import of `defineDetection` and `kql`, then `export default defineDetection({ … })` with the query as a `kql`
 * template literal. One in-memory ts-morph project serves every file (toolchain-notes §4).
 */
import { IndentationText, Project, QuoteKind } from 'ts-morph';
import type { Detection } from '../model/detection.ts';

let project: Project | undefined;

/** The formatted source of a detection file; `header` lines become its leading comment. */
export function detectionSource(detection: Detection, header: readonly string[]): string {
  project ??= new Project({ useInMemoryFileSystem: true, manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Single } });
  const file = project.createSourceFile('imported.ts', '', { overwrite: true });
  try {
    file.addImportDeclaration({ namedImports: ['defineDetection', 'kql'], moduleSpecifier: 'sentinel-forge' });
    file.addStatements(`export default defineDetection(${expression(detection, '')});`);
    file.formatText({ indentSize: 2, convertTabsToSpaces: true });
    // Added last: ts-morph puts an import above an existing leading comment (toolchain-notes §4).
    const comment = ['/**', ...header.map((line) => ` * ${line.replace(/\*\//g, '*\\/')}`.trimEnd()), ' */', ''].join('\n');
    return (comment + file.getFullText()).replace(/;\n(export default)/, ';\n\n$1');
  } finally {
    project.removeSourceFile(file);
  }
}

/** A value as a TypeScript expression: the query as a `kql` literal, text as quoted or template strings. */
function expression(value: unknown, indent: string, key?: string): string {
  const inner = indent + '  ';
  if (key === 'query' && isKql(value)) return `kql\`${value.text.startsWith('\n') ? '' : '\n'}${templateText(value.text)}\``;
  if (typeof value === 'string') return value.includes('\n') ? `\`${templateText(value)}\`` : quoted(value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((v) => expression(v, inner));
    return oneLine(`[${items.join(', ')}]`, indent) ?? `[\n${items.map((i) => inner + i).join(',\n')},\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => `${propertyName(k)}: ${expression(v, inner, k)}`);
  if (entries.length === 0) return '{}';
  return oneLine(`{ ${entries.join(', ')} }`, indent) ?? `{\n${entries.map((e) => inner + e).join(',\n')},\n${indent}}`;
}

/** Short lists and objects (tactics, a schedule, a field mapping) read best on one line. */
function oneLine(text: string, indent: string): string | undefined {
  return !text.includes('\n') && indent.length + text.length <= 100 ? text : undefined;
}

function isKql(value: unknown): value is { kind: 'kql'; text: string } {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'kql' && typeof (value as { text?: unknown }).text === 'string';
}

/**
 * Text inside a template literal: backslashes, backticks and `${` escaped, so the cooked value is the text itself;
 * a carriage return escaped too, since a raw one in a template literal reads as a line feed.
 */
export function templateText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${').replace(/\r/g, '\\r');
}

/** A single-quoted string literal. */
function quoted(text: string): string {
  const escaped = text.replace(/[\\'\u0000-\u001f\u2028\u2029\u007f]/g, (ch) => {
    if (ch === '\\') return '\\\\';
    if (ch === "'") return "\\'";
    if (ch === '\t') return '\\t';
    if (ch === '\r') return '\\r';
    return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return `'${escaped}'`;
}

function propertyName(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : quoted(key);
}
