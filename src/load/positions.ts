/**
 * Turns a diagnostic's field path (`schedule.frequency`, `entityMappings[2].fieldMappings[0].identifier`)
 * into the line and column of that value in the detection's `.ts` file, so an editor can jump to it.
 * TypeScript's parser is loaded only when there is something to report, and each file is parsed once.
 * A path that leaves the object literal (a value held in a variable) stops at the deepest node found; a file
 * that cannot be matched falls back to its `defineDetection(` call, never to "unknown".
 */
import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../diagnostics.ts';
import type { LoadedDetection } from '../model/detection.ts';

type Ts = typeof import('ts-morph').ts;
type Node = import('ts-morph').ts.Node;

/** Fill in `line`/`column` of diagnostics that have none. Returns new objects; the input is not changed. */
export async function resolvePositions(diagnostics: readonly Diagnostic[], detections: readonly LoadedDetection[]): Promise<Diagnostic[]> {
  if (!diagnostics.some((d) => d.line === 0)) return [...diagnostics];
  const { ts } = await import('ts-morph');
  const byFile = new Map(detections.map((l) => [l.file, l.absoluteFile]));
  const parsed = new Map<string, import('ts-morph').ts.SourceFile>();
  return diagnostics.map((d) => {
    const absolute = byFile.get(d.file);
    if (d.line !== 0 || !absolute) return d.line === 0 ? { ...d, line: 1, column: 1 } : d;
    let source = parsed.get(absolute);
    if (!source) {
      source = ts.createSourceFile(absolute, readFileSync(absolute, 'utf8'), ts.ScriptTarget.Latest, true);
      parsed.set(absolute, source);
    }
    const node = locate(ts, source, d.detectionId, d.field);
    const loaded = detections.find((l) => l.file === d.file && l.detection.id === d.detectionId);
    const query = loaded?.detection.query;
    const offset = d.queryOffset !== undefined && query?.kind === 'kql' && query.segments ? sourceOffsetInKql(ts, node, query.segments, d.queryOffset) : undefined;
    const { line, character } = source.getLineAndCharacterOfPosition(offset ?? node.getStart(source));
    return { ...d, line: line + 1, column: character + 1 };
  });
}

/** The node a field path names inside the detection's `defineDetection({...})` call. */
function locate(ts: Ts, source: import('ts-morph').ts.SourceFile, detectionId: string | undefined, field: string | undefined): Node {
  const calls: import('ts-morph').ts.CallExpression[] = [];
  const visit = (node: Node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'defineDetection') calls.push(node);
    ts.forEachChild(node, visit);
  };
  visit(source);
  const call = calls.find((c) => idOf(ts, c) === detectionId) ?? calls[0];
  if (!call) return source;
  let node: Node = call.arguments[0] ?? call;
  for (const segment of parsePath(field ?? '')) {
    const next = step(ts, node, segment);
    if (!next) break;
    node = next;
  }
  return node;
}

/**
 * The position in the .ts file of an offset in a `kql` query's text: inside a literal part of the template, the
 * character itself (escape sequences counted as the one character they stand for); inside an interpolated
 * value, the start of its `${…}` expression.
 */
function sourceOffsetInKql(ts: Ts, node: Node, segments: NonNullable<Extract<LoadedDetection['detection']['query'], { kind: 'kql' }>['segments']>, offset: number): number | undefined {
  if (!ts.isTaggedTemplateExpression(node)) return undefined;
  const template = node.template;
  const literals: Node[] = ts.isNoSubstitutionTemplateLiteral(template) ? [template] : [template.head, ...template.templateSpans.map((s) => s.literal)];
  for (let i = segments.length - 1; i >= 0; i--) {
    const { start, length } = segments[i];
    if (offset < start) continue;
    const literal = literals[i];
    if (!literal) return undefined;
    if (offset <= start + length) return literal.getStart() + 1 + rawIndex(literal.getText().slice(1), offset - start);
    // Between segment i and i + 1: inside the value interpolated by span i.
    return ts.isTemplateExpression(template) ? template.templateSpans[i]?.expression.getStart() : undefined;
  }
  return undefined;
}

/**
 * Index in the source text of a template part of its `cooked`-th cooked character: an escape (`\\n`, `\\x41`,
 * `\\u00e9`, `\\u{1F680}`) is one cooked character (two for an astral code point), a line continuation none,
 * and a CRLF line ending in the file one (template values always hold LF).
 */
function rawIndex(raw: string, cooked: number): number {
  let r = 0;
  let c = 0;
  while (c < cooked && r < raw.length) {
    if (raw[r] === '\r' && raw[r + 1] === '\n') {
      r += 2;
      c += 1;
    } else if (raw[r] !== '\\') {
      r += 1;
      c += 1;
    } else if (raw[r + 1] === '\r' || raw[r + 1] === '\n' || raw[r + 1] === '\u2028' || raw[r + 1] === '\u2029') {
      r += raw[r + 1] === '\r' && raw[r + 2] === '\n' ? 3 : 2;
    } else if (raw[r + 1] === 'u' && raw[r + 2] === '{') {
      const end = raw.indexOf('}', r);
      c += Number.parseInt(raw.slice(r + 3, end), 16) > 0xffff ? 2 : 1;
      r = end + 1;
    } else {
      r += raw[r + 1] === 'u' ? 6 : raw[r + 1] === 'x' ? 4 : 2;
      c += 1;
    }
  }
  return r;
}

function idOf(ts: Ts, call: import('ts-morph').ts.CallExpression): string | undefined {
  const arg = call.arguments[0];
  if (!arg || !ts.isObjectLiteralExpression(arg)) return undefined;
  const prop = arg.properties.find((p) => ts.isPropertyAssignment(p) && propertyName(ts, p) === 'id');
  if (prop && ts.isPropertyAssignment(prop) && ts.isStringLiteralLike(prop.initializer)) return prop.initializer.text;
  return undefined;
}

/** `a.b[2].c` → ['a', 'b', 2, 'c']. */
function parsePath(field: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(part[2] !== undefined ? Number(part[2]) : part[1]);
  return out;
}

function step(ts: Ts, node: Node, segment: string | number): Node | undefined {
  while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) node = node.expression;
  if (typeof segment === 'number') {
    return ts.isArrayLiteralExpression(node) ? node.elements[segment] : undefined;
  }
  if (ts.isObjectLiteralExpression(node)) {
    const prop = node.properties.find((p) => propertyName(ts, p) === segment);
    if (!prop) return undefined;
    if (ts.isPropertyAssignment(prop)) return prop.initializer;
    return prop;
  }
  // template('name', { ...params }): `template` is the first argument, `params` the second.
  if (ts.isCallExpression(node)) {
    if (segment === 'template') return node.arguments[0];
    if (segment === 'params') return node.arguments[1];
  }
  return undefined;
}

function propertyName(ts: Ts, prop: import('ts-morph').ts.ObjectLiteralElementLike): string | undefined {
  const name = prop.name;
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name)) return name.text;
  return undefined;
}
