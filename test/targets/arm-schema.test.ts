/**
 * Every generated ARM template (`sentinel/arm/*.json`, `monitor/*.json`) against Microsoft's official
 * schemas (deploymentTemplate.json + RM schemas, and the swagger definitions), the limits those schemas do
 * not encode, and the ARM expression rule. Negative controls show each validator rejects a broken copy.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SHARED } from '../helpers.ts';
import { buildGeneratedOutput, type GeneratedOutput } from '../support/generated-output.ts';
import { clone, MONITOR_TYPE, rmSchemaProblems, SENTINEL_TYPES, swaggerProblems } from '../support/arm-schemas.ts';
import { expressionProblems, limitProblems } from '../support/arm-limits.ts';

type Json = Record<string, any>;
let out: GeneratedOutput | undefined;
let templates: Array<[string, Json]> = [];
let building: Promise<void> | undefined;

/** Build once, on first use, so that a failing build is reported by the tests (uvu hides errors thrown in hooks). */
const ready = () => (building ??= buildGeneratedOutput().then((o) => {
  out = o;
  templates = o.select(/^(sentinel\/arm|monitor)\/[^/]+\.json$/).map(([file, content]) => [file, JSON.parse(content)]);
}));
test.after(() => out?.cleanup());

/** Fail once, listing every offender. */
function expectNone(problems: string[], what: string): void {
  assert.ok(problems.length === 0, `${problems.length} ${what}:\n  ${problems.join('\n  ')}`);
}

function eachTemplate(check: (template: Json) => string[]): string[] {
  return templates.flatMap(([file, template]) => check(template).map((p) => `${file} ${p}`));
}

const resourcesOf = (type: string[]) => templates.flatMap(([file, t]) => (t.resources as Json[]).filter((r) => type.includes(r.type)).map((r) => [file, r] as const));

test('the build produces the templates and variants the validators must see', async () => {
  await ready();
  const sentinel = resourcesOf(SENTINEL_TYPES);
  const monitor = resourcesOf([MONITOR_TYPE]);
  const missing: string[] = [];
  const expect = (ok: boolean, what: string) => { if (!ok) missing.push(what); };
  // Every detection (bundled and variant) has a Sentinel template; all but the 14-day variant a Monitor one.
  const total = (JSON.parse(out!.files['manifest.json']) as { detections: unknown[] }).detections.length;
  expect(total >= 5, `the bundled detections and 4 variants, got ${total}`);
  expect(out!.select(/^sentinel\/arm\//).length === total, `${total} Sentinel templates, got ${out!.select(/^sentinel\/arm\//).length}`);
  expect(out!.select(/^monitor\//).length === total - 1, `${total - 1} Monitor templates (the 14-day variant opts out), got ${out!.select(/^monitor\//).length}`);
  expect(sentinel.some(([, r]) => r.kind === 'NRT' && r.apiVersion === '2025-07-01-preview' && r.properties.subTechniques?.includes('T1078.004')), 'an NRT rule (2025-07-01-preview) with subTechniques');
  expect(sentinel.some(([, r]) => r.kind === 'Scheduled' && r.apiVersion === '2025-09-01'), 'a Scheduled rule at 2025-09-01');
  expect(sentinel.some(([, r]) => r.properties.incidentConfiguration?.groupingConfiguration?.matchingMethod === 'Selected'), 'incident grouping Selected');
  expect(sentinel.some(([, r]) => r.properties.alertDetailsOverride?.alertDynamicProperties?.length === 3), 'alert details override with dynamic properties');
  expect(sentinel.some(([, r]) => r.properties.eventGroupingSettings?.aggregationKind === 'AlertPerResult' && r.properties.suppressionEnabled === true), 'AlertPerResult with suppression');
  expect(sentinel.some(([, r]) => r.properties.entityMappings?.length === 10 && Object.keys(r.properties.customDetails ?? {}).length === 20), '10 entity mappings and 20 custom details');
  expect(sentinel.some(([, r]) => r.properties.queryPeriod === 'P14D'), 'a 14-day query period');
  expect(sentinel.some(([, r]) => String(r.properties.displayName).startsWith('[[')), 'an ARM-escaped display name');
  expect(monitor.some(([, r]) => r.properties.criteria.allOf[0].dimensions?.length === 2 && r.properties.severity === 0 && r.properties.autoMitigate === true), 'Monitor dimensions, severity 0 and autoMitigate');
  expectNone(missing, 'expected variants missing from the build');
});

test('every template validates against deploymentTemplate.json and the RM schemas', async () => {
  await ready();
  expectNone(eachTemplate(rmSchemaProblems), 'RM schema violations');
});

test('every Scheduled Sentinel rule and every Monitor rule validates against the swagger definitions', async () => {
  await ready();
  expectNone(eachTemplate(swaggerProblems), 'swagger violations');
});

test('every template keeps the service limits the schemas do not encode', async () => {
  await ready();
  expectNone(eachTemplate(limitProblems), 'limit violations');
});

test('only the fields meant to be ARM expressions look like one, and they name declared parameters', async () => {
  await ready();
  expectNone(eachTemplate(expressionProblems), 'ARM expression problems');
  const sentinelParams = templates.filter(([f]) => f.startsWith('sentinel/')).filter(([, t]) => t.parameters?.workspace?.type !== 'string').map(([f]) => f);
  expectNone(sentinelParams, "Sentinel templates without the string parameter 'workspace' that Sentinel Repositories passes");
});

test("the validators accept Microsoft's validated example templates", () => {
  const dir = path.join(SHARED, 'reference', 'arm-schema-probe', 'examples');
  const problems = ['sentinel-scheduled.json', 'sqr-logalert.json'].flatMap((name) => {
    const t = JSON.parse(readFileSync(path.join(dir, name), 'utf8'));
    return [...rmSchemaProblems(t), ...swaggerProblems(t), ...limitProblems(t)].map((p) => `${name} ${p}`);
  });
  expectNone(problems, 'problems in the reference examples (the validators are too strict)');
});

type Check = (t: Json) => string[];
const RM: Check = rmSchemaProblems;
const SWAGGER: Check = swaggerProblems;
const LIMITS: Check = limitProblems;
const EXPRESSIONS: Check = expressionProblems;
const SCHEDULED = 'sentinel/arm/variant-selected-grouping.json';
const NRT = 'sentinel/arm/variant-nrt-role-assignment.json';
const MONITOR = 'monitor/variant-monitor-options.json';
const entity = { entityType: 'IP', fieldMappings: [{ identifier: 'Address', columnName: 'ActorIpAddress' }] };

/** Mutations of generated templates, each with the validator that must catch it and what it must say. */
const MUTATIONS: Array<{ name: string; file: string; check: Check; expect: RegExp; mutate: (r: Json) => void }> = [
  { name: 'Sentinel severity "Critical"', file: SCHEDULED, check: RM, expect: /properties\/severity/, mutate: (r) => { r.properties.severity = 'Critical'; } },
  { name: 'misspelled tactic', file: SCHEDULED, check: RM, expect: /properties\/tactics\/0/, mutate: (r) => { r.properties.tactics = ['Reconnaisance']; } },
  { name: 'kind NRT on stable 2025-09-01', file: SCHEDULED, check: RM, expect: /\/kind/, mutate: (r) => { r.kind = 'NRT'; } },
  { name: 'preview-only subTechniques on stable 2025-09-01', file: SCHEDULED, check: RM, expect: /additional properties 'subTechniques'/, mutate: (r) => { r.properties.subTechniques = ['T1078.004']; } },
  { name: 'misspelt property name', file: SCHEDULED, check: RM, expect: /additional properties 'supressionEnabled'/, mutate: (r) => { r.properties.supressionEnabled = r.properties.suppressionEnabled; delete r.properties.suppressionEnabled; } },
  { name: 'queryFrequency on an NRT rule', file: NRT, check: RM, expect: /additional properties 'queryFrequency'/, mutate: (r) => { r.properties.queryFrequency = 'PT1H'; } },
  { name: 'Monitor timeAggregation "Sum"', file: MONITOR, check: RM, expect: /timeAggregation/, mutate: (r) => { r.properties.criteria.allOf[0].timeAggregation = 'Sum'; } },
  { name: 'missing queryFrequency (the RM schema does not require it)', file: SCHEDULED, check: SWAGGER, expect: /required property 'queryFrequency'/, mutate: (r) => { delete r.properties.queryFrequency; } },
  { name: 'queryPeriod "1h" instead of ISO 8601', file: SCHEDULED, check: SWAGGER, expect: /queryPeriod: must match format "duration"/, mutate: (r) => { r.properties.queryPeriod = '1h'; } },
  { name: 'Monitor severity 5', file: MONITOR, check: SWAGGER, expect: /properties\/severity/, mutate: (r) => { r.properties.severity = 5; } },
  { name: 'Monitor without location', file: MONITOR, check: SWAGGER, expect: /required property 'location'/, mutate: (r) => { delete r.location; } },
  { name: 'Monitor windowSize PT7M', file: MONITOR, check: LIMITS, expect: /windowSize/, mutate: (r) => { r.properties.windowSize = 'PT7M'; } },
  { name: 'Monitor evaluationFrequency PT20M', file: MONITOR, check: LIMITS, expect: /evaluationFrequency/, mutate: (r) => { r.properties.evaluationFrequency = 'PT20M'; } },
  { name: 'Monitor seven dimensions', file: MONITOR, check: LIMITS, expect: /dimensions/, mutate: (r) => { const d = r.properties.criteria.allOf[0].dimensions; while (d.length < 7) d.push(d[0]); } },
  { name: 'sub-technique in stable techniques', file: SCHEDULED, check: LIMITS, expect: /techniques\/0/, mutate: (r) => { r.properties.techniques = ['T1078.004']; } },
  { name: 'queryFrequency P15D', file: SCHEDULED, check: LIMITS, expect: /queryFrequency: P15D outside/, mutate: (r) => { r.properties.queryFrequency = 'P15D'; } },
  { name: 'queryFrequency longer than queryPeriod', file: SCHEDULED, check: LIMITS, expect: /longer than queryPeriod/, mutate: (r) => { r.properties.queryFrequency = 'PT3H'; } },
  { name: 'queryPeriod P2D with a 30-minute frequency', file: SCHEDULED, check: LIMITS, expect: /under PT1H/, mutate: (r) => { r.properties.queryPeriod = 'P2D'; } },
  { name: 'eleven entity mappings', file: SCHEDULED, check: LIMITS, expect: /11 entity mappings/, mutate: (r) => { r.properties.entityMappings.push(entity); } },
  { name: 'four field mappings', file: NRT, check: LIMITS, expect: /4 field mappings/, mutate: (r) => { r.properties.entityMappings[0].fieldMappings.push({ identifier: 'Sid', columnName: 'Actor' }); } },
  { name: 'twenty-one custom details', file: SCHEDULED, check: LIMITS, expect: /21 custom details/, mutate: (r) => { r.properties.customDetails.Extra = 'Actor'; } },
  { name: 'four placeholders', file: SCHEDULED, check: LIMITS, expect: /4 \{\{…\}\} placeholders/, mutate: (r) => { r.properties.alertDetailsOverride.alertDisplayNameFormat += ' {{Result}}'; } },
  { name: 'display name of 257 characters', file: SCHEDULED, check: LIMITS, expect: /displayName: length 257/, mutate: (r) => { r.properties.displayName = 'x'.repeat(257); } },
  { name: 'query of 10001 characters', file: NRT, check: LIMITS, expect: /query: length 10001/, mutate: (r) => { r.properties.query = 'x'.repeat(10001); } },
  { name: 'unescaped literal "[Variant] …]"', file: SCHEDULED, check: EXPRESSIONS, expect: /displayName: literal/, mutate: (r) => { r.properties.displayName = r.properties.displayName.slice(1); } },
  { name: 'Sentinel rule name as a literal', file: SCHEDULED, check: EXPRESSIONS, expect: /\/resources\/0\/name: meant to be an ARM expression/, mutate: (r) => { r.name = 'ws/Microsoft.SecurityInsights/rule'; } },
  { name: 'scope referring to an undeclared parameter', file: MONITOR, check: EXPRESSIONS, expect: /undeclared parameter 'workspaceId'/, mutate: (r) => { r.properties.scopes = ["[parameters('workspaceId')]"]; } },
];

test('the validators reject mutated copies of generated templates', async () => {
  await ready();
  const missed: string[] = [];
  for (const { name, file, check, expect, mutate } of MUTATIONS) {
    const original = templates.find(([f]) => f === file)?.[1];
    if (!original) { missed.push(`${name}: ${file} was not generated`); continue; }
    const mutated = clone(original);
    mutate(mutated.resources[0]);
    const before = new Set(check(original));
    const added = check(mutated).filter((p) => !before.has(p));
    if (!added.some((p) => expect.test(p))) missed.push(`${name} (${file}): expected ${expect}, got ${JSON.stringify(added)}`);
  }
  expectNone(missed, 'mutations the validators did not catch');
});

test.run();
