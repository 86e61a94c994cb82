/**
 * Every generated `sentinel/yaml/*.yaml`, re-loaded as Azure-Sentinel's tooling reads it, against the checks
 * Microsoft's CI runs (shared/reference/sentinel-facts.md §1.3), the repository format rules (§1.1: version
 * last, query as a literal block, unique ids), and against the ARM template of the same detection.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { load } from 'js-yaml';
import { SHARED } from '../helpers.ts';
import { buildGeneratedOutput, type GeneratedOutput } from '../support/generated-output.ts';
import { armUnescape, clone } from '../support/arm-schemas.ts';
import { isoMinutes } from '../support/arm-limits.ts';
import { ciProblems, ciTimespanMinutes } from '../support/sentinel-ci.ts';

type Json = Record<string, any>;
interface Rule { file: string; id: string; text: string; doc: Json }
let out: GeneratedOutput | undefined;
let rules: Rule[] = [];
let building: Promise<void> | undefined;

/** Build once, on first use, so that a failing build is reported by the tests (uvu hides errors thrown in hooks). */
const ready = () => (building ??= buildGeneratedOutput().then((o) => {
  out = o;
  rules = o.select(/^sentinel\/yaml\/[^/]+\.yaml$/).map(([file, text]) => ({ file, id: path.basename(file, '.yaml'), text, doc: load(text) as Json }));
}));
test.after(() => out?.cleanup());

function expectNone(problems: string[], what: string): void {
  assert.ok(problems.length === 0, `${problems.length} ${what}:\n  ${problems.join('\n  ')}`);
}

/** Format rules of the Azure-Sentinel repository that the CI model does not check. */
function formatProblems(text: string, doc: Json): string[] {
  const problems: string[] = [];
  const keys = Object.keys(doc);
  if (keys[keys.length - 1] !== 'version') problems.push(`the last key is ${keys[keys.length - 1]}, not version`);
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (!/^version: /.test(lines[lines.length - 1] ?? '')) problems.push(`the last line is ${JSON.stringify(lines[lines.length - 1])}, not version`);
  if (!/^query: \|[1-9]?[-+]?$/m.test(text)) problems.push('the query is not a literal block (query: |)');
  if (/\r/.test(text)) problems.push('CR line endings');
  if (String(doc.kind).toLowerCase() === 'nrt') {
    for (const key of ['queryFrequency', 'queryPeriod', 'triggerOperator', 'triggerThreshold']) if (key in doc) problems.push(`an NRT rule carries ${key}`);
  }
  return problems;
}

test('the YAML files cover Scheduled and NRT rules, one per Sentinel ARM template', async () => {
  await ready();
  const kinds = new Set(rules.map((r) => r.doc.kind));
  assert.ok(kinds.has('Scheduled') && kinds.has('NRT'), `kinds generated: ${[...kinds].join(', ')}`);
  assert.equal(rules.map((r) => r.id), out!.select(/^sentinel\/arm\//).map(([f]) => path.basename(f, '.json')));
  assert.is(rules.length, (JSON.parse(out!.files['manifest.json']) as { detections: unknown[] }).detections.length);
});

test('every generated YAML passes the Azure-Sentinel CI schema checks', async () => {
  await ready();
  expectNone(rules.flatMap((r) => ciProblems(r.doc).map((p) => `${r.file} ${p}`)), 'CI check failures');
});

test('every generated YAML follows the repository format (version last, literal query block)', async () => {
  await ready();
  expectNone(rules.flatMap((r) => formatProblems(r.text, r.doc).map((p) => `${r.file}: ${p}`)), 'format problems');
});

test('every YAML id is unique across files', async () => {
  await ready();
  const seen = new Map<string, string>();
  const duplicates: string[] = [];
  for (const r of rules) {
    const previous = seen.get(String(r.doc.id).toLowerCase());
    if (previous) duplicates.push(`${r.file} repeats the id ${r.doc.id} of ${previous}`);
    seen.set(String(r.doc.id).toLowerCase(), r.file);
  }
  expectNone(duplicates, 'duplicate ids');
});

test("the CI checks accept Microsoft's own rules and catch the known defect in one of them", () => {
  const dir = path.join(SHARED, 'reference', 'sentinel-rules');
  const found = readdirSync(dir).filter((f) => f.endsWith('.yaml')).flatMap((f) => ciProblems(load(readFileSync(path.join(dir, f), 'utf8')) as Json).map((p) => `${f} ${p}`));
  // sentinel-rules/README.md: PrivilegedAccountPermissionsChanged.yaml maps the Name identifier twice.
  const expected = ['PrivilegedAccountPermissionsChanged.yaml entityMappings[0].fieldMappings[1]: identifier Name repeated', 'PrivilegedAccountPermissionsChanged.yaml entityMappings[2].fieldMappings[1]: identifier Name repeated'];
  assert.equal(found, expected);
});

const TRIGGER_NAMES: Record<string, string> = { gt: 'GreaterThan', lt: 'LessThan', eq: 'Equal', ne: 'NotEqual' };
const API_VERSION: Record<string, string> = { Scheduled: '2025-09-01', NRT: '2025-07-01-preview' };

test('the YAML and the ARM template of each detection describe the same rule', async () => {
  await ready();
  const problems: string[] = [];
  for (const { id, doc: y } of rules) {
    const content = out!.files[`sentinel/arm/${id}.json`];
    if (!content) { problems.push(`${id}: no sentinel/arm/${id}.json`); continue; }
    const template = JSON.parse(content);
    const r = template.resources[0];
    const p = armUnescape(r.properties);
    const same = (field: string, yaml: unknown, arm: unknown) => { if (!isDeepStrictEqual(yaml, arm)) problems.push(`${id} ${field}: yaml ${JSON.stringify(yaml)} ≠ arm ${JSON.stringify(arm)}`); };
    const guid = /^\[concat\(parameters\('workspace'\), '\/Microsoft\.SecurityInsights\/', '([0-9a-f-]{36})'\)\]$/.exec(r.name)?.[1];
    same('id / GUID in the ARM resource name', y.id, guid);
    same('id / metadata.ruleGuid', y.id, template.metadata?.ruleGuid);
    same('version / metadata.version', y.version, template.metadata?.version);
    same('version / contentVersion', `${y.version}.0`, template.contentVersion);
    same('kind', y.kind, r.kind);
    same('apiVersion for the kind', API_VERSION[y.kind], r.apiVersion);
    same('name / displayName', y.name, p.displayName);
    same('description', y.description, p.description);
    same('severity', y.severity, p.severity);
    same('query', typeof y.query === 'string' ? y.query.replace(/\n$/, '') : y.query, p.query);
    same('tactics', y.tactics, p.tactics);
    const techniques: string[] = y.relevantTechniques ?? [];
    same('relevantTechniques / techniques', [...new Set(techniques.map((t) => t.split('.')[0]))], p.techniques);
    same('relevantTechniques / subTechniques', r.apiVersion.endsWith('-preview') ? techniques.filter((t) => t.includes('.')) : [], p.subTechniques ?? []);
    for (const key of ['entityMappings', 'customDetails', 'alertDetailsOverride', 'eventGroupingSettings', 'incidentConfiguration', 'suppressionDuration', 'suppressionEnabled', 'enabled']) same(key, y[key], p[key]);
    if (y.kind === 'Scheduled') {
      same('queryFrequency (minutes)', ciTimespanMinutes(y.queryFrequency), isoMinutes(p.queryFrequency));
      same('queryPeriod (minutes)', ciTimespanMinutes(y.queryPeriod), isoMinutes(p.queryPeriod));
      same('triggerOperator', TRIGGER_NAMES[y.triggerOperator], p.triggerOperator);
      same('triggerThreshold', y.triggerThreshold, p.triggerThreshold);
    }
  }
  expectNone(problems, 'disagreements between YAML and ARM');
});

const SCHEDULED = 'variant-selected-grouping';
const NRT = 'variant-nrt-role-assignment';
type Mutation = { name: string; rule: string; expect: RegExp; mutate?: (doc: Json) => void; text?: (text: string) => string };

/** Broken copies of generated rules, each with the problem the checks must report. */
const MUTATIONS: Mutation[] = [
  { name: 'id not a GUID', rule: SCHEDULED, expect: /^id:/, mutate: (d) => { d.id = 'variant-selected-grouping'; } },
  { name: 'kind "Hourly"', rule: SCHEDULED, expect: /^kind:/, mutate: (d) => { d.kind = 'Hourly'; } },
  { name: 'name of 257 characters', rule: SCHEDULED, expect: /^name:/, mutate: (d) => { d.name = 'x'.repeat(257); } },
  { name: 'description of 5001 characters', rule: NRT, expect: /^description:/, mutate: (d) => { d.description = 'x'.repeat(5001); } },
  { name: 'severity "Critical"', rule: SCHEDULED, expect: /^severity:/, mutate: (d) => { d.severity = 'Critical'; } },
  { name: 'empty query', rule: NRT, expect: /^query:/, mutate: (d) => { d.query = ''; } },
  { name: 'version "1.0"', rule: SCHEDULED, expect: /^version:/, mutate: (d) => { d.version = '1.0'; } },
  { name: 'tactic PreAttack (not in the CI enum)', rule: SCHEDULED, expect: /^tactics\[1\]/, mutate: (d) => { d.tactics.push('PreAttack'); } },
  { name: 'technique without a matching tactic', rule: SCHEDULED, expect: /^relevantTechniques\[0\]: T1078\.004 belongs to/, mutate: (d) => { d.tactics = ['Impact']; } },
  { name: 'technique "T1078.4"', rule: NRT, expect: /^relevantTechniques\[0\]/, mutate: (d) => { d.relevantTechniques[0] = 'T1078.4'; } },
  { name: '21 custom details', rule: SCHEDULED, expect: /^customDetails: 21/, mutate: (d) => { d.customDetails.Extra = 'Actor'; } },
  { name: 'custom detail key starting with a digit', rule: SCHEDULED, expect: /^customDetails\.1st/, mutate: (d) => { d.customDetails['1st'] = 'Actor'; delete d.customDetails.Operation; } },
  { name: '11 entity mappings', rule: SCHEDULED, expect: /^entityMappings: 1 to 10/, mutate: (d) => { d.entityMappings.push(d.entityMappings[1]); } },
  { name: '4 field mappings', rule: NRT, expect: /fieldMappings: 4 field mappings/, mutate: (d) => { d.entityMappings[0].fieldMappings.push({ identifier: 'Sid', columnName: 'Actor' }); } },
  { name: 'repeated identifier', rule: NRT, expect: /identifier Name repeated/, mutate: (d) => { d.entityMappings[0].fieldMappings[2].identifier = 'Name'; } },
  { name: 'identifier not allowed for the entity', rule: SCHEDULED, expect: /HostName is not an identifier of IP/, mutate: (d) => { d.entityMappings[1].fieldMappings[0].identifier = 'HostName'; } },
  { name: 'Account without a required identifier', rule: SCHEDULED, expect: /^entityMappings\[0\]: no required identifier set/, mutate: (d) => { d.entityMappings[0].fieldMappings[0].identifier = 'UPNSuffix'; } },
  { name: 'four placeholders', rule: SCHEDULED, expect: /alertDisplayNameFormat: 4/, mutate: (d) => { d.alertDetailsOverride.alertDisplayNameFormat += ' {{Result}}'; } },
  { name: 'Scheduled rule without requiredDataConnectors', rule: SCHEDULED, expect: /^requiredDataConnectors: required/, mutate: (d) => { delete d.requiredDataConnectors; } },
  { name: 'connector without dataTypes', rule: SCHEDULED, expect: /dataTypes required/, mutate: (d) => { delete d.requiredDataConnectors[0].dataTypes; } },
  { name: 'queryFrequency "2H"', rule: SCHEDULED, expect: /^queryFrequency: "2H"/, mutate: (d) => { d.queryFrequency = '2H'; } },
  { name: 'queryPeriod 15d', rule: SCHEDULED, expect: /^queryPeriod: 15d outside/, mutate: (d) => { d.queryPeriod = '15d'; } },
  { name: 'period shorter than frequency', rule: SCHEDULED, expect: /shorter than queryFrequency/, mutate: (d) => { d.queryPeriod = '10m'; } },
  { name: '2-day period with a 30-minute frequency', rule: SCHEDULED, expect: /under 1h with a period of 2 days/, mutate: (d) => { d.queryPeriod = '2d'; } },
  { name: 'triggerOperator "above"', rule: SCHEDULED, expect: /^triggerOperator/, mutate: (d) => { d.triggerOperator = 'above'; } },
  { name: 'triggerThreshold 10001', rule: SCHEDULED, expect: /^triggerThreshold/, mutate: (d) => { d.triggerThreshold = 10001; } },
  { name: 'unmapped AccountCustomEntity', rule: SCHEDULED, expect: /AccountCustomEntity/, mutate: (d) => { d.query += '| extend AccountCustomEntity = Actor\n'; } },
  { name: 'version not the last key', rule: NRT, expect: /last key is kind/, text: (t) => t.replace(/^(version: .*)\n/m, '').replace(/^kind: /m, (m) => `${t.match(/^version: .*$/m)![0]}\n${m}`) },
  { name: 'query as a quoted string', rule: NRT, expect: /not a literal block/, text: (t) => t.replace(/^query: \|\n((?: {2}.*\n)+)/m, (_, body: string) => `query: ${JSON.stringify(body.replace(/^ {2}/gm, ''))}\n`) },
];

test('the checks reject mutated copies of generated YAML', async () => {
  await ready();
  const missed: string[] = [];
  for (const { name, rule, expect, mutate, text } of MUTATIONS) {
    const original = rules.find((r) => r.id === rule);
    if (!original) { missed.push(`${name}: ${rule} was not generated`); continue; }
    const check = (t: string, d: Json) => [...ciProblems(d), ...formatProblems(t, d)];
    const before = new Set(check(original.text, original.doc));
    const mutatedText = text ? text(original.text) : original.text;
    const doc = text ? (load(mutatedText) as Json) : clone(original.doc);
    mutate?.(doc);
    const added = check(mutatedText, doc).filter((p) => !before.has(p));
    if (!added.some((p) => expect.test(p))) missed.push(`${name} (${rule}): expected ${expect}, got ${JSON.stringify(added)}`);
  }
  expectNone(missed, 'mutations the checks did not catch');
});

test.run();
