/**
 * The import against real content: the 14 Azure-Sentinel rules in shared/reference/sentinel-rules and the ARM
 * templates in shared/reference/arm-examples (a portal export, Microsoft's Repositories sample, a Content Hub
 * package) import, type-check, pass the KQL check (once the one real defect is fixed and the one custom table is
 * declared, both as the import reports them) and build; each builds back to the same rule.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { comparableArmProperties, comparableYamlRule, ruleDifferences } from '../../src/import/round-trip.ts';
import { armUnescape, schemaProblems } from '../support/arm-schemas.ts';
import { ARM_EXAMPLES, formatted, importProject, jsonDiagnostics, printedConfig, REFERENCE_RULES, typeCheck, type Cli } from './support.ts';

type Json = Record<string, any>;
type Project = ReturnType<typeof importProject>;
interface Imported {
  project: Project;
  imported: Cli;
  built: Cli;
  /** Source file name → id of the detection generated from it. */
  ids: Map<string, string>;
}

const YAML_SOURCES = readdirSync(REFERENCE_RULES).filter((f) => f.endsWith('.yaml')).sort();
const ARM_SOURCES = readdirSync(ARM_EXAMPLES).filter((f) => f.endsWith('.json')).sort();
const DEFECTIVE = 'PrivilegedAccountPermissionsChanged.yaml';

/** Source file name → id, read from each generated file's header. */
function generatedIds(project: Project): Map<string, string> {
  const dir = project.path('detections/imported');
  const ids = new Map<string, string>();
  for (const file of readdirSync(dir)) {
    const text = readFileSync(path.join(dir, file), 'utf8');
    ids.set(path.basename(/from (\S+?)(?: \(|,)/.exec(text)![1]), path.basename(file, '.ts'));
  }
  return ids;
}

let yamlRun: Promise<Imported> | undefined;
let armRun: Promise<Imported> | undefined;
const cleanups: Array<() => void> = [];
test.after(() => cleanups.forEach((c) => c()));

/** The YAML rules imported, the reported defect fixed as its hint says, then built. */
const yamlImported = () => (yamlRun ??= (async () => {
  const project = importProject();
  cleanups.push(project.cleanup);
  const imported = await project.cli(['import', REFERENCE_RULES, '--format', 'json']);
  const ids = generatedIds(project);
  const file = `detections/imported/${ids.get(DEFECTIVE)}.ts`;
  // The rule maps Name twice in two Account mappings (fixed upstream in a later version): the target's UPN is its
  // FullName, and the initiator's second Name is an exact repeat.
  const fixed = project.read(file)
    .replace("{ identifier: 'Name', columnName: 'TargetUserPrincipalName' }", "{ identifier: 'FullName', columnName: 'TargetUserPrincipalName' }")
    .replace("        { identifier: 'Name', columnName: 'InitiatingAccountName' },\n        { identifier: 'Name', columnName: 'InitiatingAccountName' },\n", "        { identifier: 'Name', columnName: 'InitiatingAccountName' },\n");
  project.write(file, fixed);
  const built = await project.cli(['build', '--quiet']);
  return { project, imported, built, ids };
})());

/** The ARM examples imported, the table the import asks for declared as it prints it, then built. */
const armImported = () => (armRun ??= (async () => {
  const project = importProject();
  cleanups.push(project.cleanup);
  const imported = await project.cli(['import', ARM_EXAMPLES]);
  project.write('sentinel-forge.config.json', printedConfig(imported.stdout));
  const built = await project.cli(['build', '--quiet']);
  return { project, imported, built, ids: generatedIds(project) };
})());

test('the 14 reference YAML rules import; the one real defect (Name mapped twice) is reported', async () => {
  const { imported, ids } = await yamlImported();
  assert.is(YAML_SOURCES.length, 14);
  assert.equal([...ids.keys()].sort(), YAML_SOURCES);
  assert.is(imported.code, 1, 'exit 1: an imported detection has an error to fix');
  const errors = jsonDiagnostics(imported).filter((d) => d.severity === 'error');
  const defective = `detections/imported/${ids.get(DEFECTIVE)}.ts`;
  assert.equal(errors.map((d) => `${d.file} ${d.code} ${d.field}`), [
    `${defective} SF1009 entityMappings[0].fieldMappings[1].identifier`,
    `${defective} SF1009 entityMappings[2].fieldMappings[1].identifier`,
  ]);
  assert.match(errors[0].message, /identifier Name appears twice in one Account mapping/);
  assert.ok(errors.every((d) => d.line > 0), 'the errors point at lines of the generated file');
});

test('the ARM examples import: portal export, Repositories sample and Content Hub package; the custom table comes with its config entry', async () => {
  const { imported, ids, project } = await armImported();
  assert.equal([...ids.keys()].sort(), ARM_SOURCES);
  assert.is(imported.code, 1, 'exit 1 until Okta_CL is declared');
  assert.match(imported.stdout, /error KS204: The name 'Okta_CL' does not refer to any known table/);
  assert.match(imported.stdout, /warning SF8009: table 'Okta_CL' \(read by detections\/imported\/potential-password-spray-attack\.ts\)/);
  assert.equal(JSON.parse(printedConfig(imported.stdout)), {
    tables: {
      Okta_CL: {
        TimeGenerated: 'datetime', actor_alternateId_s: 'string', client_geographicalContext_city_s: 'string', client_geographicalContext_country_s: 'string',
        client_ipAddress_s: 'string', eventType_s: 'string', outcome_reason_s: 'string',
      },
    },
  });
  assert.match(imported.stdout, /SF8006: resources\[0\]: rule 'Rare subscription-level operations in Azure': ARM rules carry no requiredDataConnectors; \[\] is imported/);
  // Versions: templateVersion (portal export), the Content Hub template's contentVersion (an expression), contentVersion 1.0.0.0.
  const version = (source: string) => /version: '([^']+)'/.exec(project.read(`detections/imported/${ids.get(source)}.ts`))?.[1];
  assert.equal(ARM_SOURCES.map(version), ['1.0.4', '1.1.1', '1.0.0']);
});

test('every generated file type-checks with the repository compiler options', async () => {
  const yaml = await yamlImported();
  const arm = await armImported();
  const result = typeCheck(yaml.project.dir, ['detections/**/*.ts', `${path.relative(yaml.project.dir, arm.project.dir)}/detections/**/*.ts`]);
  assert.ok(result.ok, result.output);
});

test('once fixed as reported, every imported rule passes the checks and builds', async () => {
  const yaml = await yamlImported();
  const arm = await armImported();
  assert.is(yaml.built.code, 0, yaml.built.stdout + yaml.built.stderr);
  assert.is(arm.built.code, 0, arm.built.stdout + arm.built.stderr);
});

test('each YAML rule builds back to the same document (normalised; queries both through the formatter)', async () => {
  const { project, ids } = await yamlImported();
  const problems: string[] = [];
  for (const source of YAML_SOURCES) {
    const built = load(project.read(`dist/sentinel/yaml/${ids.get(source)}.yaml`)) as Json;
    const original = load(readFileSync(path.join(REFERENCE_RULES, source), 'utf8')) as Json;
    const differences = ruleDifferences(comparableYamlRule(original, formatted), comparableYamlRule(built, formatted));
    const expected = source === DEFECTIVE ? differences.filter((d) => /^entityMappings\[(0\]\.fieldMappings\[0\]\.identifier|2\]\.fieldMappings)/.test(d)) : [];
    if (source === DEFECTIVE) assert.is(expected.length, 2, differences.join('\n'));
    problems.push(...differences.filter((d) => !expected.includes(d)).map((d) => `${source}: ${d}`));
  }
  assert.equal(problems, []);
});

test('each ARM rule builds back to the same resource properties, and the template passes the official schemas', async () => {
  const { project, ids } = await armImported();
  const problems: string[] = [];
  for (const source of ARM_SOURCES) {
    const template = JSON.parse(project.read(`dist/sentinel/arm/${ids.get(source)}.json`)) as Json;
    const resource = template.resources[0];
    const original = JSON.parse(readFileSync(path.join(ARM_EXAMPLES, source), 'utf8')) as Json;
    const rule = original.resources[0].properties.mainTemplate?.resources[0] ?? original.resources[0];
    const differences = ruleDifferences(comparableArmProperties(rule.properties, rule.kind, formatted), comparableArmProperties(armUnescape(resource.properties), resource.kind, formatted));
    problems.push(...differences.map((d) => `${source}: ${d}`), ...schemaProblems(template).map((p) => `${source}: ${p}`));
  }
  assert.equal(problems, []);
});

test('every imported rule deploys to the GUID it has in Sentinel (manifest, ARM resource name, YAML id)', async () => {
  const yaml = await yamlImported();
  const arm = await armImported();
  const guids = new Map<Imported, Map<string, string>>([
    [yaml, new Map(YAML_SOURCES.map((source) => [yaml.ids.get(source)!, (load(readFileSync(path.join(REFERENCE_RULES, source), 'utf8')) as Json).id]))],
    [arm, new Map([
      [arm.ids.get('portal-export_Azure_Sentinel_analytic_rule.json')!, '17ff9acf-6a6e-4be0-b592-b63af486d381'],
      [arm.ids.get('repositories-sample_PasswordSpray.json')!, '227bc6a9-c410-4862-ac5a-dd3e2ff14a6f'],
      [arm.ids.get('contenthub-excerpt_MicrosoftEntraID_BulkChanges_contentTemplate.json')!, '218f60de-c269-457a-b882-9966632b9dc6'],
    ])],
  ]);
  const problems: string[] = [];
  let checked = 0;
  for (const [{ project }, expected] of guids) {
    for (const entry of JSON.parse(project.read('dist/manifest.json')).detections as Json[]) {
      checked++;
      const guid = expected.get(entry.id);
      if (entry.ruleGuid !== guid) problems.push(`${entry.id}: manifest ruleGuid ${entry.ruleGuid}, expected ${guid}`);
      const name = JSON.parse(project.read(`dist/sentinel/arm/${entry.id}.json`)).resources[0].name as string;
      if (!name.endsWith(`'${guid}')]`)) problems.push(`${entry.id}: ARM resource name ${name}`);
      if ((load(project.read(`dist/sentinel/yaml/${entry.id}.yaml`)) as Json).id !== guid) problems.push(`${entry.id}: YAML id`);
    }
  }
  assert.equal(problems, []);
  assert.is(checked, 17);
});

test('differences the formats force: template-only fields, ARM without connectors, sub-techniques in the stable API', async () => {
  const arm = await armImported();
  const yaml = await yamlImported();
  // A Content Hub rule template has requiredDataConnectors and status; an alertRules resource has neither, the YAML has both.
  const hub = arm.ids.get('contenthub-excerpt_MicrosoftEntraID_BulkChanges_contentTemplate.json')!;
  const hubArm = JSON.parse(arm.project.read(`dist/sentinel/arm/${hub}.json`)).resources[0].properties;
  const hubYaml = load(arm.project.read(`dist/sentinel/yaml/${hub}.yaml`)) as Json;
  assert.not.ok('requiredDataConnectors' in hubArm || 'status' in hubArm);
  assert.equal(hubYaml.requiredDataConnectors, [{ connectorId: 'AzureActiveDirectory', dataTypes: ['AuditLogs'] }]);
  assert.is(hubYaml.status, 'Available');
  assert.ok(arm.project.read(`detections/imported/${hub}.ts`).includes("passthrough: { yaml: { suppressionDuration: '1h', status: 'Available' }, arm: { suppressionDuration: 'PT1H' } },"));
  // An ARM alertRules resource carries no connectors: the YAML built from it lists none.
  const portal = arm.ids.get('portal-export_Azure_Sentinel_analytic_rule.json')!;
  assert.equal((load(arm.project.read(`dist/sentinel/yaml/${portal}.yaml`)) as Json).requiredDataConnectors, []);
  // relevantTechniques T1078.004: NRT (preview API) keeps the sub-technique in subTechniques, Scheduled (stable) cannot.
  const nrt = JSON.parse(yaml.project.read(`dist/sentinel/arm/${yaml.ids.get('NRT_PIMElevationRequestRejected.yaml')}.json`)).resources[0].properties;
  const scheduled = JSON.parse(yaml.project.read(`dist/sentinel/arm/${yaml.ids.get('PIMElevationRequestRejected.yaml')}.json`)).resources[0].properties;
  assert.equal([nrt.techniques, nrt.subTechniques], [['T1078'], ['T1078.004']]);
  assert.equal([scheduled.techniques, scheduled.subTechniques], [['T1078'], undefined]);
  assert.equal((load(yaml.project.read(`dist/sentinel/yaml/${yaml.ids.get('PIMElevationRequestRejected.yaml')}.yaml`)) as Json).relevantTechniques, ['T1078.004']);
});

test.run();
