/**
 * `sentinel-forge import` on hand-made inputs: passthrough of fields the model lacks, escaping into the `kql`
 * literal, re-imports (refused, then --force keeping id and version), id collisions, both ARM resource forms and
 * several rules per template, bad inputs reported per file, usage errors; and the model side: ruleId and
 * passthrough checks.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { dump, load } from 'js-yaml';
import { resolveString, UnresolvedExpression } from '../../src/import/arm-expressions.ts';
import { comparableYamlRule, ruleDifferences } from '../../src/import/round-trip.ts';
import { slugify } from '../../src/import/detection-ids.ts';
import { loadDetections } from '../../src/load/load-detections.ts';
import { ruleGuid } from '../../src/model/rule-id.ts';
import { detectionSource } from '../helpers.ts';
import { formatted, importProject, jsonDiagnostics } from './support.ts';

type Json = Record<string, any>;

const QUERY = 'AuditLogs\n| where OperationName =~ "Add member to role"\n| extend Actor = tostring(InitiatedBy.user.userPrincipalName)\n| project TimeGenerated, Actor, OperationName\n';

/** An Azure-Sentinel YAML rule; `fields` replace or add keys (undefined removes one). */
function yamlRule(fields: Json = {}): string {
  const rule: Json = {
    id: '5d6c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b', name: 'Role member added', description: 'Identifies a member added to a role.', severity: 'Medium',
    requiredDataConnectors: [{ connectorId: 'AzureActiveDirectory', dataTypes: ['AuditLogs'] }],
    queryFrequency: '1h', queryPeriod: '1h', triggerOperator: 'gt', triggerThreshold: 0, tactics: ['Persistence'], relevantTechniques: ['T1098'],
    query: QUERY,
    entityMappings: [{ entityType: 'Account', fieldMappings: [{ identifier: 'FullName', columnName: 'Actor' }] }],
    version: '1.2.3', kind: 'Scheduled',
    ...fields,
  };
  return dump(Object.fromEntries(Object.entries(rule).filter(([, v]) => v !== undefined)), { lineWidth: -1 });
}

/** An ARM template holding the given resources. */
function armTemplate(resources: Json[], extra: Json = {}): string {
  return JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '2.1.0.0', parameters: { workspace: { type: 'string' } }, ...extra, resources }, null, 2);
}

function armRule(properties: Json, resource: Json = {}): Json {
  return {
    type: 'Microsoft.OperationalInsights/workspaces/providers/alertRules', apiVersion: '2023-02-01', kind: 'Scheduled',
    name: "[concat(parameters('workspace'),'/Microsoft.SecurityInsights/0b5e0e0e-1a1a-4b4b-8c8c-9d9d9d9d9d9d')]",
    ...resource,
    properties: {
      displayName: 'ARM role member added', description: 'Identifies a member added to a role.', severity: 'Low', enabled: true, query: QUERY,
      queryFrequency: 'PT1H', queryPeriod: 'PT2H', triggerOperator: 'GreaterThan', triggerThreshold: 2, suppressionDuration: 'PT5H', suppressionEnabled: false,
      tactics: ['Persistence'], techniques: ['T1098'],
      ...properties,
    },
  };
}

test('a field the model lacks is kept in passthrough, named in a warning, and written back (ARM-escaped)', async () => {
  const p = importProject({
    'rules/custom.yaml': yamlRule({ tags: ['Demo'], customField: { nested: [1, 'x'] }, sentinelEntitiesMappings: [{ columnName: 'Actor' }], alertRuleTemplateName: '[not an expression]' }),
  });
  try {
    const imported = await p.cli(['import', 'rules', '--format', 'json']);
    assert.is(imported.code, 0, imported.stdout);
    const warning = jsonDiagnostics(imported).find((d) => d.code === 'SF8005');
    assert.ok(warning, imported.stdout);
    assert.is(warning!.severity, 'warning');
    assert.is(warning!.file, 'rules/custom.yaml');
    assert.match(warning!.message, /the model has no field for tags, customField, sentinelEntitiesMappings, alertRuleTemplateName; kept in passthrough\.yaml and passthrough\.arm/);
    const source = p.read('detections/imported/role-member-added.ts');
    assert.ok(source.includes("tags: ['Demo']") && source.includes("customField: { nested: [1, 'x'] }"), source);

    const loaded = await loadDetections(p.path('detections'), p.dir, { fresh: true });
    assert.equal(loaded.detections[0].detection.passthrough, {
      yaml: { tags: ['Demo'], customField: { nested: [1, 'x'] }, sentinelEntitiesMappings: [{ columnName: 'Actor' }], alertRuleTemplateName: '[not an expression]' },
      arm: { sentinelEntitiesMappings: [{ columnName: 'Actor' }], alertRuleTemplateName: '[not an expression]' },
    });
    const built = await p.cli(['build', '--quiet']);
    assert.is(built.code, 0, built.stdout);
    const yaml = load(p.read('dist/sentinel/yaml/role-member-added.yaml')) as Json;
    assert.equal([yaml.tags, yaml.customField, yaml.alertRuleTemplateName], [['Demo'], { nested: [1, 'x'] }, '[not an expression]']);
    assert.is(Object.keys(yaml).pop(), 'version', 'version stays last');
    const properties = JSON.parse(p.read('dist/sentinel/arm/role-member-added.json')).resources[0].properties;
    assert.is(properties.alertRuleTemplateName, '[[not an expression]', 'ARM-escaped');
    assert.equal(properties.sentinelEntitiesMappings, [{ columnName: 'Actor' }]);
    assert.not.ok('tags' in properties || 'customField' in properties, 'YAML-only fields stay out of the ARM rule');
  } finally {
    p.cleanup();
  }
});

test('an ARM passthrough value keeps its meaning: [[ unescaped on import, escaped again on build', async () => {
  const p = importProject({ 'rules/arm.json': armTemplate([armRule({ futureProperty: '[[literal]', templateVersion: '1.4.0', alertRuleTemplateName: '6f4e9b1a-1b2c-4d3e-8f9a-0b1c2d3e4f5a' })]) });
  try {
    const imported = await p.cli(['import', 'rules', '--format', 'json']);
    assert.is(imported.code, 0, imported.stdout);
    const source = p.read('detections/imported/arm-role-member-added.ts');
    assert.ok(source.includes("futureProperty: '[literal]'"), source);
    assert.ok(source.includes("version: '1.4.0'"), 'templateVersion is the version');
    const built = await p.cli(['build', '--quiet']);
    assert.is(built.code, 0, built.stdout);
    const properties = JSON.parse(p.read('dist/sentinel/arm/arm-role-member-added.json')).resources[0].properties;
    assert.equal([properties.futureProperty, properties.templateVersion, properties.triggerThreshold, properties.queryPeriod], ['[[literal]', '1.4.0', 2, 'PT2H']);
  } finally {
    p.cleanup();
  }
});

test('every field the model knows round-trips: YAML → detection → YAML, and its ARM rule → detection → ARM', async () => {
  const full = yamlRule({
    queryFrequency: '30m', queryPeriod: '90m', triggerOperator: 'GreaterThan', triggerThreshold: 3, enabled: false,
    tactics: ['Persistence', 'PrivilegeEscalation'], relevantTechniques: ['T1098', 'T1078.004'],
    entityMappings: [{ entityType: 'Account', fieldMappings: [{ identifier: 'FullName', columnName: 'Actor' }] }],
    customDetails: { Operation: 'OperationName' },
    alertDetailsOverride: { alertDisplayNameFormat: '{{Actor}} changed a role', alertDescriptionFormat: 'By {{Actor}}', alertDynamicProperties: [{ alertProperty: 'ProductName', value: 'OperationName' }] },
    eventGroupingSettings: { aggregationKind: 'AlertPerResult' },
    incidentConfiguration: { createIncident: true, groupingConfiguration: { enabled: true, reopenClosedIncident: true, lookbackDuration: 'PT2H', matchingMethod: 'Selected', groupByEntities: ['Account'], groupByAlertDetails: ['DisplayName'], groupByCustomDetails: ['Operation'] } },
    suppressionEnabled: true, suppressionDuration: 'PT2H',
  });
  const p = importProject({ 'rules/full.yaml': full });
  try {
    const imported = await p.cli(['import', 'rules', '--format', 'json']);
    assert.is(imported.code, 0, imported.stdout);
    const source = p.read('detections/imported/role-member-added.ts');
    for (const text of ["suppression: '2h'", "eventGrouping: 'AlertPerResult'", "lookback: '2h'", "matchingMethod: 'Selected'", "operator: 'gt'", "frequency: '30m', period: '90m'", 'enabled: false', "column: 'OperationName'"]) {
      assert.ok(source.includes(text), `${text} in\n${source}`);
    }
    assert.is((await p.cli(['build', '--quiet'])).code, 0);
    const yaml = load(p.read('dist/sentinel/yaml/role-member-added.yaml')) as Json;
    assert.equal(ruleDifferences(comparableYamlRule(load(full) as Json, formatted), comparableYamlRule(yaml, formatted)), []);

    // The ARM rule just built, as a portal export: importing it gives the same properties back.
    const built = JSON.parse(p.read('dist/sentinel/arm/role-member-added.json'));
    const q = importProject({ 'rules/exported.json': JSON.stringify(built) });
    try {
      const again = await q.cli(['import', 'rules', '--format', 'json']);
      assert.is(again.code, 0, again.stdout);
      assert.is((await q.cli(['build', '--quiet'])).code, 0);
      const rebuilt = JSON.parse(q.read('dist/sentinel/arm/role-member-added.json'));
      assert.equal(rebuilt.resources[0].properties, built.resources[0].properties);
      assert.is(rebuilt.resources[0].name, built.resources[0].name, 'the same rule GUID');
    } finally {
      q.cleanup();
    }
  } finally {
    p.cleanup();
  }
});

test('a nested key the model cannot hold is named: not imported (SF8006), and the round-trip check sees the loss (SF8008)', async () => {
  const p = importProject({ 'rules/nested.yaml': yamlRule({ entityMappings: [{ entityType: 'Account', fieldMappings: [{ identifier: 'FullName', columnName: 'Actor', weight: 2 }] }] }) });
  try {
    const imported = await p.cli(['import', 'rules', '--format', 'json']);
    assert.is(imported.code, 0, imported.stdout);
    const found = jsonDiagnostics(imported).filter((d) => d.code === 'SF8006' || d.code === 'SF8008').map((d) => `${d.code} ${d.message}`);
    assert.equal(found, [
      "SF8006 rule 'Role member added': entityMappings[0].fieldMappings[0].weight is not part of the entityMappings.fieldMappings format the model writes; not imported (value 2).",
      "SF8008 rule 'Role member added': building the detection would change entityMappings[0].fieldMappings[0].weight: 2 ≠ absent.",
    ]);
  } finally {
    p.cleanup();
  }
});

test('backticks, ${ and backslashes in a query and a description survive the kql literal exactly', async () => {
  const query = 'AuditLogs\n// a `quoted` note, a ${placeholder} and C:\\temp\\n\n| where OperationName == "a\\\\b" or OperationName matches regex @"\\d+`"\n| extend Actor = tostring(InitiatedBy.user.userPrincipalName)\n| project TimeGenerated, Actor\n';
  const description = 'Line one with `code` and ${x}\nline two with a \\ backslash';
  const p = importProject({ 'rules/escape.yaml': yamlRule({ query, description }) });
  try {
    const imported = await p.cli(['import', 'rules', '--format', 'json']);
    assert.is(imported.code, 0, imported.stdout);
    const loaded = await loadDetections(p.path('detections'), p.dir, { fresh: true });
    const d = loaded.detections[0].detection;
    assert.is(d.query.kind === 'kql' ? d.query.text : '', '\n' + query);
    assert.is(d.description, description);
  } finally {
    p.cleanup();
  }
});

test('re-importing refuses to overwrite; --force replaces the file and keeps its id and version', async () => {
  const p = importProject({ 'rules/rule.yaml': yamlRule() });
  try {
    assert.is((await p.cli(['import', 'rules', '--quiet'])).code, 0);
    const file = 'detections/imported/role-member-added.ts';
    p.write(file, p.read(file).replace("version: '1.2.3'", "version: '2.0.0'"));
    const before = p.read(file);

    const again = await p.cli(['import', 'rules', '--format', 'json']);
    assert.is(again.code, 1);
    const refused = jsonDiagnostics(again).filter((d) => d.severity === 'error');
    assert.is(refused.length, 1);
    assert.is(refused[0].code, 'SF8007');
    assert.match(refused[0].message, /rule 5d6c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b is already imported as 'role-member-added' in detections\/imported\/role-member-added\.ts; not overwritten/);
    assert.match(refused[0].hint ?? '', /--force/);
    assert.is(p.read(file), before, 'the file is left as it was');

    // The rule was renamed upstream: --force still writes the same file, with the id and version it had.
    p.write('rules/rule.yaml', yamlRule({ name: 'Role member added (v2)', version: '1.3.0', triggerThreshold: 5 }));
    const forced = await p.cli(['import', 'rules', '--force']);
    assert.is(forced.code, 0, forced.stdout + forced.stderr);
    assert.match(forced.stderr, /→ detections\/imported\/role-member-added\.ts \(replaced\)/);
    assert.equal(readdirSync(p.path('detections/imported')), ['role-member-added.ts']);
    const after = p.read(file);
    assert.ok(after.includes("id: 'role-member-added'") && after.includes("version: '2.0.0'") && after.includes("title: 'Role member added (v2)'") && after.includes('threshold: 5'), after);
  } finally {
    p.cleanup();
  }
});

test('ids are slugs of the rule names; a taken id gets a suffix; a GUID equal to the derived one needs no ruleId', async () => {
  const p = importProject({
    'detections/own.ts': detectionSource({ id: `'role-member-added'` }),
    'rules/a.yaml': yamlRule(),
    'rules/b.yaml': yamlRule({ id: '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a' }),
    'rules/c.yaml': yamlRule({ id: ruleGuid('derived-guid-rule'), name: 'Derived GUID rule' }),
  });
  try {
    const imported = await p.cli(['import', 'rules', '--quiet']);
    assert.is(imported.code, 0, imported.stdout);
    assert.equal(readdirSync(p.path('detections/imported')).sort(), ['derived-guid-rule.ts', 'role-member-added-2.ts', 'role-member-added-3.ts']);
    assert.ok(p.read('detections/imported/role-member-added-2.ts').includes("ruleId: '5d6c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b'"));
    assert.not.ok(p.read('detections/imported/derived-guid-rule.ts').includes('ruleId'));
    const built = await p.cli(['build', '--quiet']);
    assert.is(built.code, 0, built.stdout);
    const manifest = JSON.parse(p.read('dist/manifest.json')).detections as Json[];
    assert.equal(manifest.map((e) => [e.id, e.ruleGuid]), [
      ['derived-guid-rule', ruleGuid('derived-guid-rule')],
      ['role-member-added', ruleGuid('role-member-added')],
      ['role-member-added-2', '5d6c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b'],
      ['role-member-added-3', '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a'],
    ]);
  } finally {
    p.cleanup();
  }
});

test('both ARM resource forms, several rules in one template, parameters and sub-techniques', async () => {
  const template = armTemplate(
    [
      armRule({ displayName: 'Legacy form' }, { name: "[concat(parameters('workspace'), '/Microsoft.SecurityInsights/', parameters('ruleId'))]" }),
      armRule(
        { displayName: 'Extension form', techniques: ['T1098', 'T1078'], subTechniques: ['T1078.004'], tactics: ['Persistence', 'PrivilegeEscalation'], queryFrequency: undefined, queryPeriod: undefined, triggerOperator: undefined, triggerThreshold: undefined },
        { type: 'Microsoft.SecurityInsights/alertRules', kind: 'NRT', apiVersion: '2024-01-01-preview', scope: "[format('Microsoft.OperationalInsights/workspaces/{0}', parameters('workspace'))]", name: '3a2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d' },
      ),
    ],
    { parameters: { workspace: { type: 'string' }, ruleId: { type: 'string', defaultValue: 'c0ffee00-1111-4222-8333-444455556666' } } },
  );
  const p = importProject({ 'rules/two.json': template.replace(/"(queryFrequency|queryPeriod|triggerOperator|triggerThreshold)": null,?/g, '') });
  try {
    const imported = await p.cli(['import', 'rules', '--quiet']);
    assert.is(imported.code, 0, imported.stdout);
    const legacy = p.read('detections/imported/legacy-form.ts');
    const extension = p.read('detections/imported/extension-form.ts');
    assert.ok(legacy.includes("ruleId: 'c0ffee00-1111-4222-8333-444455556666'") && legacy.includes("version: '2.1.0'"), legacy);
    assert.ok(extension.includes("ruleId: '3a2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d'") && extension.includes("kind: 'NRT'") && extension.includes("techniques: ['T1098', 'T1078.004']"), extension);
    const built = await p.cli(['build', '--quiet']);
    assert.is(built.code, 0, built.stdout);
    const nrt = JSON.parse(p.read('dist/sentinel/arm/extension-form.json')).resources[0].properties;
    assert.equal([nrt.techniques, nrt.subTechniques], [['T1098', 'T1078'], ['T1078.004']]);
  } finally {
    p.cleanup();
  }
});

test('bad inputs: one clear message per file, the other files still import, exit 1', async () => {
  const p = importProject({
    'rules/good.yaml': yamlRule(),
    'rules/broken.yaml': 'id: 1\nname: [unclosed\nquery: x\n',
    'rules/storage.json': armTemplate([{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-01-01', name: 'st', location: 'westeurope', kind: 'StorageV2', sku: { name: 'Standard_LRS' } }]),
    'rules/fusion.json': armTemplate([{ type: 'Microsoft.SecurityInsights/alertRules', apiVersion: '2023-02-01', kind: 'Fusion', name: 'BuiltInFusion', properties: { alertRuleTemplateName: 'f71aba3d-28fb-450b-b192-4e76a83015c8', enabled: true } }]),
    'rules/incidents.yaml': yamlRule({ kind: 'MicrosoftSecurityIncidentCreation' }),
    'rules/hunting.yaml': dump({ id: 'x', name: 'Hunting', query: 'AuditLogs' }),
  });
  try {
    const imported = await p.cli(['import', 'rules', 'rules/missing.yaml', '--format', 'json']);
    assert.is(imported.code, 1);
    const errors = jsonDiagnostics(imported).filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line} ${d.code} ${d.message}`);
    assert.equal(errors, [
      'rules/broken.yaml:3 SF8001 not valid YAML: deficient indentation.',
      'rules/fusion.json:14 SF8003 resources[0]: rule (no name): Fusion rules cannot be imported: sentinel-forge builds Scheduled and NRT rules only.',
      'rules/hunting.yaml:1 SF8002 not an analytic rule: it has a query but no kind or severity (a hunting query?).',
      "rules/incidents.yaml:28 SF8003 rule 'Role member added': MicrosoftSecurityIncidentCreation rules cannot be imported: sentinel-forge builds Scheduled and NRT rules only.",
      'rules/missing.yaml:1 SF8001 no such file or folder.',
      'rules/storage.json:1 SF8002 the ARM template holds no analytic rule (no alertRules or AlertRuleTemplates resource).',
    ]);
    assert.equal(readdirSync(p.path('detections/imported')), ['role-member-added.ts']);
  } finally {
    p.cleanup();
  }
});

test('usage errors exit 2; import needs no detections folder', async () => {
  const p = importProject({ 'rules/good.yaml': yamlRule() });
  try {
    const none = await p.cli(['import']);
    assert.is(none.code, 2);
    assert.match(none.stderr, /import needs at least one rule file or folder/);
    assert.is((await p.cli(['check', '--force'])).code, 2);
    assert.not.ok(existsSync(p.path('detections')));
    const custom = await p.cli(['import', 'rules', '--out', 'detections/from-sentinel', '--quiet']);
    assert.is(custom.code, 0, custom.stdout);
    assert.ok(existsSync(p.path('detections/from-sentinel/role-member-added.ts')));
  } finally {
    p.cleanup();
  }
});

test('two sources of one rule in one import: the second is refused', async () => {
  const p = importProject({ 'rules/a.yaml': yamlRule(), 'rules/b.yaml': yamlRule({ name: 'Same rule, other copy' }) });
  try {
    const imported = await p.cli(['import', 'rules', '--format', 'json']);
    assert.is(imported.code, 1);
    const errors = jsonDiagnostics(imported).filter((d) => d.severity === 'error');
    assert.equal(errors.map((d) => [d.file, d.code]), [['rules/b.yaml', 'SF8007']]);
    assert.match(errors[0].message, /comes twice in this import: it is also in rules\/a\.yaml/);
  } finally {
    p.cleanup();
  }
});

test('ruleId must be a GUID and two detections may not deploy to one rule; passthrough holds JSON and may not replace a model field', async () => {
  const guid = `'5d6c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b'`;
  const p = importProject({
    'detections/a.ts': detectionSource({ id: `'first'`, ruleId: guid }),
    'detections/b.ts': detectionSource({ id: `'second'`, ruleId: guid }),
    'detections/c.ts': detectionSource({ id: `'third'`, ruleId: `'not-a-guid'` }),
    'detections/d.ts': detectionSource({ id: `'fourth'`, passthrough: `{ yaml: { query: 'x', tags: ['ok'] }, arm: { displayName: 'x' } }` }),
    'detections/e.ts': detectionSource({ id: `'fifth'`, passthrough: `{ yaml: { tags: null, when: new Date(0) }, json: {} }` }),
  });
  try {
    const checked = await p.cli(['check', '--format', 'json']);
    const errors = jsonDiagnostics(checked).filter((d) => d.severity === 'error').map((d) => `${d.file} ${d.code} ${d.field}`);
    assert.ok(errors.includes('detections/b.ts SF0003 ruleId'), errors.join('\n'));
    assert.ok(errors.includes('detections/c.ts SF1007 ruleId'), errors.join('\n'));
    assert.ok(errors.includes('detections/d.ts SF1016 passthrough.yaml.query'), errors.join('\n'));
    assert.ok(errors.includes('detections/d.ts SF1016 passthrough.arm.displayName'), errors.join('\n'));
    for (const field of ['passthrough.yaml.tags', 'passthrough.yaml.when', 'passthrough.json']) assert.ok(errors.includes(`detections/e.ts SF1016 ${field}`), errors.join('\n'));
    assert.not.ok(errors.some((e) => e.includes('passthrough.yaml.tags') && e.startsWith('detections/d.ts')), 'a key the model lacks is fine');
  } finally {
    p.cleanup();
  }
});

test('ARM expressions: parameters, variables with members, concat and format; the rest is unresolved', () => {
  const scope = { parameters: { ws: { defaultValue: 'w1' }, id: { type: 'string' } }, variables: { o: { guid: '[toLower(\'ABC\')]', other: "[resourceGroup().location]" } } };
  assert.is(resolveString("[concat(parameters('ws'), '/x/', variables('o').guid)]", scope), 'w1/x/abc');
  assert.is(resolveString("[format('{0}-{1}', 'a', 'it''s')]", scope), "a-it's");
  assert.is(resolveString('[[literal]', scope), '[literal]');
  assert.throws(() => resolveString("[variables('o').other]", scope), (e: unknown) => e instanceof UnresolvedExpression);
  assert.is(resolveString("[concat(parameters('id'), '/r')]", scope, true), '«id»/r');
});

test('slugs: lower-case words joined by hyphens, diacritics dropped, long names cut at a word', () => {
  assert.is(slugify('Azure RBAC (Elevate Access)'), 'azure-rbac-elevate-access');
  assert.is(slugify('Réunion — accès privilégié'), 'reunion-acces-privilegie');
  assert.is(slugify('!!!'), 'imported-rule');
  const long = slugify('Admin promotion after Role Management Application Permission Grant to a service principal in the tenant');
  assert.ok(long.length <= 80 && !long.endsWith('-') && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(long), long);
});

test.run();
