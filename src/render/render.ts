/**
 * Handlebars rendering for query templates (`templates/query/*.hbs`) and artefact templates
 * (`templates/targets/*.hbs`). One isolated Handlebars environment, `noEscape` (HTML escaping would corrupt
 * KQL) and `strict` (a missing key throws); every value reaches the text through an escaping helper.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { dump } from 'js-yaml';
import { durationMinutes } from '../model/duration.ts';
import { armEscapeDeep, kqlDynamicArray, kqlList, kqlName, kqlScalar } from './escape.ts';

/** The bundled templates folder. */
export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

const hb = Handlebars.create();

/** A scalar (string, number, boolean) as a KQL literal. */
hb.registerHelper('kql', (value: unknown) => kqlScalar(requireValue('kql', value) as string | number | boolean));
/** A duration literal (`1h`) as a KQL timespan; anything else is refused, never spliced. */
hb.registerHelper('kqlTimespan', (value: unknown) => {
  if (durationMinutes(value) === undefined) throw new Error(`kqlTimespan: ${JSON.stringify(value)} is not a duration`);
  return value as string;
});
hb.registerHelper('kqlName', (value: unknown) => kqlName(requireValue('kqlName', value) as string));
hb.registerHelper('kqlList', (values: unknown) => kqlList(requireList('kqlList', values)));
hb.registerHelper('kqlDynamic', (values: unknown) => kqlDynamicArray(requireList('kqlDynamic', values)));
/** `{{json value indent}}`: ARM-escaped JSON, indented to sit at `indent` spaces in the surrounding text. */
hb.registerHelper('json', (value: unknown, indent: unknown) => {
  const text = JSON.stringify(armEscapeDeep(requireValue('json', value)), null, 2);
  const pad = ' '.repeat(typeof indent === 'number' ? indent : 0);
  return text.replace(/\n/g, '\n' + pad);
});
/**
 * `{{yamlEntry "key" value}}`: one top-level `key: value` entry of a YAML document, written by js-yaml as a
 * one-key mapping, so block scalars get the indentation indicators their position needs. js-yaml quotes anything
 * YAML 1.1 or 1.2 would misread (`yes`, `on`, `012`, `[x]`) and writes multi-line strings as literal `|` blocks.
 */
hb.registerHelper('yamlEntry', (key: unknown, value: unknown) => {
  if (typeof key !== 'string') throw new Error('yamlEntry: the key must be a string');
  const text = dump({ [key]: requireValue('yamlEntry', value) }, { lineWidth: -1, noRefs: true });
  // A keep-chomped block (`|+`) at the end of a document is closed with `...`; mid-document the next key closes it.
  return text.replace(/\n\.\.\.\n$/, '\n').replace(/\n$/, '');
});

function requireValue(helper: string, value: unknown): unknown {
  // strict mode catches absent keys only; a key present with `undefined` would render as ''.
  if (value === undefined || value === null) throw new Error(`${helper}: value is ${value}`);
  return value;
}

function requireList(helper: string, value: unknown): (string | number | boolean)[] {
  if (!Array.isArray(value) || value.length === 0) throw new Error(`${helper}: expected a non-empty list`);
  return value;
}

const compiled = new Map<string, Handlebars.TemplateDelegate>();

/** A template from `templates/`, compiled once per process. */
function loadTemplate(relativePath: string): Handlebars.TemplateDelegate {
  let template = compiled.get(relativePath);
  if (!template) {
    const source = readFileSync(TEMPLATES_DIR + relativePath, 'utf8');
    template = hb.compile(source, { noEscape: true, strict: true });
    compiled.set(relativePath, template);
  }
  return template;
}

let fingerprint: string | undefined;

/** A hash of every template file: artefacts cached under one fingerprint are not reused under another. */
export function templatesFingerprint(): string {
  if (!fingerprint) {
    const hash = createHash('sha256');
    const files = readdirSync(TEMPLATES_DIR, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name))
      .sort();
    for (const file of files) hash.update(path.relative(TEMPLATES_DIR, file)).update('\0').update(readFileSync(file));
    fingerprint = hash.digest('hex');
  }
  return fingerprint;
}

/** Render `templates/<relativePath>` with a plain-object context. */
export function renderTemplate(relativePath: string, context: object): string {
  return loadTemplate(relativePath)(stripUndefined(context));
}

/** Drop keys whose value is undefined, so `{{#if}}` sees them as absent and strict mode sees a real miss. */
function stripUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(stripUndefined) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, stripUndefined(v)])) as T;
  }
  return value;
}
