/**
 * Finds the analytic rules in import inputs: Azure-Sentinel YAML rules, and ARM templates in every shape Sentinel
 * content comes in — portal exports (`Microsoft.OperationalInsights/workspaces/providers/alertRules`), the extension
 * form (`Microsoft.SecurityInsights/alertRules` with `scope`), Repositories samples, templates holding several rules,
 * Content Hub packages (`contentTemplates` whose `mainTemplate` holds `Microsoft.SecurityInsights/AlertRuleTemplates`),
 * nested deployments, and REST responses (`{ value: [...] }`). Values are taken as deployed: ARM expressions are
 * evaluated where they can be, `[[` escapes undone. Problems are diagnostics, never throws.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { listFiles } from '../load/list-files.ts';
import { load } from 'js-yaml';
import type { Diagnostic } from '../diagnostics.ts';
import { resolveDeep, resolveString, UnresolvedExpression, type ExpressionScope } from './arm-expressions.ts';

/** One analytic rule found in an input file, its fields as its format spells them. */
export interface SourceRule {
  /** The input file as the user named it (relative to the working folder). */
  file: string;
  format: 'yaml' | 'arm';
  /** Where in the file, for messages: `resources[0]`, or '' for a YAML document. */
  where: string;
  /** The rule kind as written (`Scheduled`, `NRT`, `Fusion`, …). */
  kind: unknown;
  /** The rule GUID the source gives it (YAML `id`, the last segment of an ARM resource name), if any. */
  guid?: string;
  /** What the source names its rule id when that is not a GUID (kept for the message). */
  nonGuidName?: string;
  /** YAML: the whole document; ARM: the resource's `properties`, as deployed. */
  fields: Record<string, unknown>;
  /** ARM: the rule is a template (`AlertRuleTemplates`), whose properties differ from a rule's. */
  isTemplate?: boolean;
  /** ARM: the `contentVersion` of the template holding the rule, as deployed. */
  contentVersion?: string;
  /** Line (1-based) of a field of this rule in the file, for diagnostics; the rule's first line when not found. */
  lineOf(field?: string): number;
}

/** The rules of one file, and what was wrong with it. */
export interface ReadResult {
  rules: SourceRule[];
  diagnostics: Diagnostic[];
}

const RULE_EXTENSIONS = ['.yaml', '.yml', '.json'];
const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const WHOLE_GUID = new RegExp(`^${GUID.source}$`, 'i');

/** The rule files an argument names: the file itself, or every `.yaml`/`.yml`/`.json` below a folder (sorted). */
export function listInputFiles(absolute: string): string[] {
  if (!statSync(absolute).isDirectory()) return [absolute];
  return listFiles(absolute, (name) => RULE_EXTENSIONS.includes(path.extname(name).toLowerCase()));
}

/** Every analytic rule in one file; `shown` is the name messages use for it. */
export function readRuleFile(absolute: string, shown: string): ReadResult {
  let text: string;
  try {
    // Windows editors save with a BOM and CRLF; neither is part of any value.
    text = readFileSync(absolute, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  } catch (error) {
    return fail(shown, 'SF8001', `cannot read the file: ${(error as Error).message}`);
  }
  const json = path.extname(absolute).toLowerCase() === '.json' || /^\s*[[{]/.test(text);
  return json ? readArm(text, shown) : readYaml(text, shown);
}

function readYaml(text: string, file: string): ReadResult {
  let doc: unknown;
  try {
    doc = load(text);
  } catch (error) {
    const e = error as Error & { reason?: string; mark?: { line: number; column: number } };
    const where = e.mark ? { line: e.mark.line + 1, column: e.mark.column + 1 } : { line: 1, column: 1 };
    return fail(file, 'SF8001', `not valid YAML: ${e.reason ?? e.message.split('\n')[0]}.`, 'Azure-Sentinel rules are one YAML document each; fix the syntax at this line.', where.line, where.column);
  }
  if (!isObject(doc)) return fail(file, 'SF8002', 'not an analytic rule: the YAML is not a mapping of rule fields.');
  if (typeof doc.query !== 'string' || (doc.kind === undefined && doc.severity === undefined)) {
    const what = typeof doc.query === 'string' ? 'it has a query but no kind or severity (a hunting query?)' : 'it has no query';
    return fail(file, 'SF8002', `not an analytic rule: ${what}.`, 'The importer reads Azure-Sentinel analytic rules (Detections/, Solutions/*/Analytic Rules/).');
  }
  const lineOf = (field?: string) => (field ? lineMatching(text, new RegExp(`^${escapeRegExp(field.split(/[.[]/)[0])}\\s*:`, 'm')) : 1);
  const id = typeof doc.id === 'string' ? doc.id.trim() : undefined;
  return {
    rules: [{ file, format: 'yaml', where: '', kind: doc.kind, fields: doc, lineOf, ...(id && WHOLE_GUID.test(id) ? { guid: id } : id ? { nonGuidName: id } : {}) }],
    diagnostics: [],
  };
}

function readArm(text: string, file: string): ReadResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const offset = /position (\d+)/.exec(message);
    const line = offset ? text.slice(0, Number(offset[1])).split('\n').length : 1;
    return fail(file, 'SF8001', `not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}.`, undefined, line);
  }
  if (!isObject(json)) return fail(file, 'SF8002', 'not an ARM template: the JSON is not an object.');
  const found: Found[] = [];
  const problems: Diagnostic[] = [];
  if (Array.isArray(json.resources) || isObject(json.resources)) walkTemplate(json, json, 'resources', found);
  else if (Array.isArray(json.value)) json.value.forEach((r, i) => visitResource(r, json, json, `value[${i}]`, found));
  else if (typeof json.type === 'string') visitResource(json, json, json, '', found);
  else return fail(file, 'SF8002', 'not an ARM template: it has no resources.', 'Pass an ARM deployment template (a portal export, a Repositories template, a Content Hub package) or an Azure-Sentinel YAML rule.');
  if (found.length === 0) {
    return fail(file, 'SF8002', 'the ARM template holds no analytic rule (no alertRules or AlertRuleTemplates resource).', 'Export the rule from Sentinel (Analytics → select the rule → Export), or pass the template that deploys it.');
  }
  const rules: SourceRule[] = [];
  for (const f of found) {
    const scope: ExpressionScope = { parameters: merge(f.root.parameters, f.template.parameters), variables: merge(f.root.variables, f.template.variables) };
    const start = ruleLine(text, f.resource);
    const lineOf = (field?: string) => {
      if (!field) return start;
      const at = text.split('\n').slice(start - 1).findIndex((l) => l.includes(`"${field.split(/[.[]/)[0]}"`));
      return at < 0 ? start : start + at;
    };
    let properties: Record<string, unknown>;
    try {
      properties = resolveDeep(f.resource.properties ?? {}, scope) as Record<string, unknown>;
    } catch (error) {
      if (!(error instanceof UnresolvedExpression)) throw error;
      problems.push(diagnostic(file, 'SF8004', 'error', `${f.where}: a property is the ARM expression ${error.message}, which the importer cannot evaluate.`, 'Replace the expression with the value it deploys, or give its parameter a defaultValue.', start));
      continue;
    }
    const name = resolveString(String(f.resource.name ?? ''), scope, true) as string;
    const lastSegment = String(name).split('/').pop() ?? '';
    const guid = GUID.exec(lastSegment)?.[0];
    let contentVersion: string | undefined;
    try {
      contentVersion = typeof f.template.contentVersion === 'string' ? String(resolveString(f.template.contentVersion, scope)) : undefined;
    } catch {
      contentVersion = undefined;
    }
    rules.push({
      file, format: 'arm', where: f.where, kind: f.resource.kind, fields: properties, lineOf, contentVersion,
      isTemplate: /alertruletemplates$/i.test(String(f.resource.type)),
      ...(guid ? { guid } : { nonGuidName: String(name) }),
    });
  }
  return { rules, diagnostics: problems };
}

interface Found {
  resource: Record<string, unknown>;
  /** The template whose `resources` hold the rule, and the outermost one (a Content Hub mainTemplate is evaluated in the package's scope). */
  template: Record<string, unknown>;
  root: Record<string, unknown>;
  where: string;
}

function walkTemplate(template: Record<string, unknown>, root: Record<string, unknown>, where: string, found: Found[]): void {
  const resources = template.resources;
  // languageVersion 2.0 templates hold resources by symbolic name.
  const entries: Array<[string, unknown]> = Array.isArray(resources) ? resources.map((r, i) => [`${where}[${i}]`, r]) : Object.entries(resources as object).map(([k, r]) => [`${where}.${k}`, r]);
  for (const [at, resource] of entries) visitResource(resource, template, root, at, found);
}

function visitResource(resource: unknown, template: Record<string, unknown>, root: Record<string, unknown>, where: string, found: Found[]): void {
  if (!isObject(resource)) return;
  const type = String(resource.type ?? '').toLowerCase();
  const properties = isObject(resource.properties) ? resource.properties : {};
  if (/(^|\/)(alertrules|alertruletemplates)$/.test(type)) found.push({ resource, template, root, where });
  else if (isObject(properties.mainTemplate)) walkTemplate(properties.mainTemplate, root, `${where}.properties.mainTemplate.resources`, found);
  else if (isObject(properties.template)) walkTemplate(properties.template, root, `${where}.properties.template.resources`, found);
  // Child resources declared inside their parent.
  if (Array.isArray(resource.resources)) walkTemplate(resource, root, `${where}.resources`, found);
}

/** The line of a rule resource: where its displayName (else its name) is written. */
function ruleLine(text: string, resource: Record<string, unknown>): number {
  const properties = isObject(resource.properties) ? resource.properties : {};
  for (const [key, value] of [['displayName', properties.displayName], ['name', resource.name]] as const) {
    if (typeof value !== 'string') continue;
    const at = text.indexOf(`"${key}": ${JSON.stringify(value)}`);
    const loose = at >= 0 ? at : text.indexOf(JSON.stringify(value));
    if (loose >= 0) return text.slice(0, loose).split('\n').length;
  }
  return 1;
}

function merge(a: unknown, b: unknown): Record<string, unknown> {
  return { ...(isObject(a) ? a : {}), ...(isObject(b) ? b : {}) };
}

function lineMatching(text: string, pattern: RegExp): number {
  const match = pattern.exec(text);
  return match ? text.slice(0, match.index).split('\n').length : 1;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A diagnostic about an import input (not a detection file). */
export function diagnostic(file: string, code: string, severity: 'error' | 'warning', message: string, hint?: string, line = 1, column = 1, field?: string): Diagnostic {
  return { code, severity, file, line, column, message, ...(hint ? { hint } : {}), ...(field ? { field } : {}) };
}

function fail(file: string, code: string, message: string, hint?: string, line = 1, column = 1): ReadResult {
  return { rules: [], diagnostics: [diagnostic(file, code, 'error', message, hint, line, column)] };
}
