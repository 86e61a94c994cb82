/**
 * Finds the `version: '1.2.3'` string literal a detection's version comes from, with TypeScript's parser, so
 * `version --bump` can rewrite exactly those characters. Looked for, in order: an object literal in the detection's
 * file with the detection's `id` and a `version` (a `defineDetection({...})` call, or a factory's argument); then
 * the factory that object is passed to, in the same file or imported from a relative module, when that factory's
 * `defineDetection({...})` holds the literal (shared by every detection it builds); then the file's only
 * `defineDetection({...})` call. A version computed or held in a variable is not found.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { LoadedDetection } from '../model/detection.ts';

type Ts = typeof import('ts-morph').ts;
type Node = import('ts-morph').ts.Node;
type SourceFile = import('ts-morph').ts.SourceFile;

export interface VersionLiteral {
  /** Absolute path of the file holding the literal. */
  file: string;
  /** Offsets of the literal, quotes included. */
  start: number;
  end: number;
}

export class VersionLocator {
  private readonly parsed = new Map<string, SourceFile>();
  private constructor(private readonly ts: Ts) {}

  static async create(): Promise<VersionLocator> {
    const { ts } = await import('ts-morph');
    return new VersionLocator(ts);
  }

  /** The literal holding `loaded.detection.version`, or undefined when it cannot be pinned down. */
  find(loaded: LoadedDetection): VersionLiteral | undefined {
    const { ts } = this;
    const { id, version } = loaded.detection;
    const source = this.parse(loaded.absoluteFile);
    if (!source) return undefined;
    const withId = objectLiterals(ts, source).filter((o) => stringProperty(ts, o, 'id') === id);
    for (const object of withId) {
      const literal = versionLiteral(ts, object, version);
      if (literal) return this.at(source, literal);
    }
    for (const object of withId) {
      const call = object.parent;
      if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression)) continue;
      const found = this.inFactory(source, call.expression.text, version);
      if (found) return found;
    }
    const calls = defineDetectionCalls(ts, source);
    if (calls.length === 1) {
      const literal = versionLiteral(ts, calls[0], version);
      if (literal) return this.at(source, literal);
    }
    return undefined;
  }

  /** The version literal of the `defineDetection({...})` inside the function `name`, declared in or imported into `source`. */
  private inFactory(source: SourceFile, name: string, version: string): VersionLiteral | undefined {
    const { ts } = this;
    let declaring: SourceFile | undefined = source;
    let declared = findFunction(ts, source, name);
    if (!declared) {
      const imported = importedFrom(ts, source, name);
      if (!imported || !imported.module.startsWith('.')) return undefined;
      const file = path.resolve(path.dirname(source.fileName), imported.module);
      declaring = this.parse(file) ?? this.parse(file + '.ts');
      declared = declaring && findFunction(ts, declaring, imported.name);
    }
    if (!declaring || !declared) return undefined;
    const calls = defineDetectionCalls(ts, declared);
    if (calls.length !== 1) return undefined;
    const literal = versionLiteral(ts, calls[0], version);
    return literal && this.at(declaring, literal);
  }

  private at(source: SourceFile, literal: Node): VersionLiteral {
    return { file: source.fileName, start: literal.getStart(source), end: literal.getEnd() };
  }

  private parse(file: string): SourceFile | undefined {
    let source = this.parsed.get(file);
    if (!source) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
      source = this.ts.createSourceFile(file, text, this.ts.ScriptTarget.Latest, true);
      this.parsed.set(file, source);
    }
    return source;
  }
}

/** `text` with each literal replaced by `'<version>'`, keeping the quote character it had. */
export function rewriteVersions(text: string, edits: ReadonlyArray<{ start: number; end: number; version: string }>): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    const quote = out[edit.start];
    out = out.slice(0, edit.start) + quote + edit.version + quote + out.slice(edit.end);
  }
  return out;
}

function objectLiterals(ts: Ts, root: Node): import('ts-morph').ts.ObjectLiteralExpression[] {
  const out: import('ts-morph').ts.ObjectLiteralExpression[] = [];
  const visit = (node: Node) => {
    if (ts.isObjectLiteralExpression(node)) out.push(node);
    ts.forEachChild(node, visit);
  };
  visit(root);
  return out;
}

function defineDetectionCalls(ts: Ts, root: Node): import('ts-morph').ts.ObjectLiteralExpression[] {
  return objectLiterals(ts, root).filter((o) => {
    const call = o.parent;
    return ts.isCallExpression(call) && ts.isIdentifier(call.expression) && call.expression.text === 'defineDetection' && call.arguments[0] === o;
  });
}

function property(ts: Ts, object: import('ts-morph').ts.ObjectLiteralExpression, name: string): import('ts-morph').ts.Expression | undefined {
  for (const p of object.properties) {
    if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === name) return p.initializer;
  }
  return undefined;
}

function stringProperty(ts: Ts, object: import('ts-morph').ts.ObjectLiteralExpression, name: string): string | undefined {
  const value = property(ts, object, name);
  return value && ts.isStringLiteralLike(value) ? value.text : undefined;
}

/** The object's `version` initializer when it is a plain string literal holding `version`. */
function versionLiteral(ts: Ts, object: import('ts-morph').ts.ObjectLiteralExpression, version: string): Node | undefined {
  const value = property(ts, object, 'version');
  return value && (ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value)) && value.text === version ? value : undefined;
}

/** A function declaration, or a `const name = (…) => …` / `function` expression, at the top level. */
function findFunction(ts: Ts, source: SourceFile, name: string): Node | undefined {
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name?.text === name) return statement;
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.name.text === name && d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))) return d.initializer;
      }
    }
  }
  return undefined;
}

/** Where `name` is imported from, and its name in that module. */
function importedFrom(ts: Ts, source: SourceFile, name: string): { module: string; name: string } | undefined {
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) {
      if (element.name.text === name) return { module: statement.moduleSpecifier.text, name: (element.propertyName ?? element.name).text };
    }
  }
  return undefined;
}
