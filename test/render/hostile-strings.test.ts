/**
 * Hostile strings through every target, read back the way each consumer reads it: ARM JSON (with ARM's
 * `[[` rule), YAML under both the 1.2 core schema and YAML 1.1, and KQL through Kusto's own parser. Each
 * value gets its own builds, so one escaping bug fails only the cases it concerns.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import path from 'node:path';
import { load, YAML11_SCHEMA } from 'js-yaml';
import { detectionSource, makeProject, runCli, snapshotTree } from '../helpers.ts';
import { armValue, HOSTILE, kqlStringLiterals } from './hostile-values.ts';

type Json = Record<string, any>;

/** Build a project; the build must succeed without a single error. Returns dist/ as path → content. */
async function build(files: Record<string, string>): Promise<Record<string, string>> {
  const { dir, cleanup } = makeProject(files);
  try {
    const { code, stdout, stderr } = await runCli(['build', '--json'], dir);
    const diagnostics: Json[] = stdout.trim() ? JSON.parse(stdout) : [];
    const errors = diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.field ?? ''}: ${d.message.split('\n')[0]}`);
    assert.equal(errors, [], 'the build reports no errors');
    assert.is(code, 0, stderr);
    return snapshotTree(path.join(dir, 'dist'));
  } finally {
    cleanup();
  }
}

/** The generated artefacts of one detection, parsed the way their consumers parse them. */
function artefacts(tree: Record<string, string>, id: string) {
  const read = (file: string) => {
    assert.type(tree[file], 'string', `${file} was not written`);
    return tree[file];
  };
  const armText = read(`sentinel/arm/${id}.json`);
  const yamlText = read(`sentinel/yaml/${id}.yaml`);
  return {
    armText,
    kql: read(`kql/${id}.kql`),
    arm: (JSON.parse(armText) as Json).resources[0].properties as Json,
    monitor: (JSON.parse(read(`monitor/${id}.json`)) as Json).resources[0].properties as Json,
    yaml12: load(yamlText) as Json,
    yaml11: load(yamlText, { schema: YAML11_SCHEMA }) as Json,
  };
}

const lit = (value: string) => JSON.stringify(value);

for (const { name, value, text } of HOSTILE) {
  if (text) {
    test(`free text: ${name} survives sentinel-arm, sentinel-yaml and monitor`, async () => {
      const tree = await build({
        'detections/a.ts': detectionSource({
          id: `'hostile-text'`,
          // Returns a column `x`, so the `{{x}}` value is a valid placeholder in alertDetails.
          query: 'kql`AuditLogs | extend Actor = tostring(InitiatedBy.user.userPrincipalName), x = OperationName | project TimeGenerated, Actor, x`',
          title: lit(value),
          description: lit(value),
          alertDetails: `{ displayNameFormat: ${lit(value)}, descriptionFormat: ${lit(value)} }`,
        }),
      });
      const out = artefacts(tree, 'hostile-text');

      const armFields = {
        'sentinel displayName': out.arm.displayName,
        'sentinel description': out.arm.description,
        'sentinel alertDisplayNameFormat': out.arm.alertDetailsOverride?.alertDisplayNameFormat,
        'sentinel alertDescriptionFormat': out.arm.alertDetailsOverride?.alertDescriptionFormat,
        'monitor displayName': out.monitor.displayName,
        'monitor description': out.monitor.description,
      };
      const bracketed = value.startsWith('[') && value.endsWith(']');
      for (const [field, json] of Object.entries(armFields)) {
        // Exactly the strings ARM would evaluate get one extra `[`; everything else is written as it is.
        assert.is(json, bracketed ? '[' + value : value, `${field} as written in the JSON`);
        assert.is(armValue(json), value, `${field} as ARM reads it`);
      }
      if (bracketed) assert.ok(out.armText.includes(JSON.stringify('[' + value)), 'the file text holds the [[ escape');

      for (const [schema, doc] of [['YAML 1.2', out.yaml12], ['YAML 1.1', out.yaml11]] as const) {
        const yamlFields = {
          name: doc.name,
          description: doc.description,
          alertDisplayNameFormat: doc.alertDetailsOverride?.alertDisplayNameFormat,
          alertDescriptionFormat: doc.alertDetailsOverride?.alertDescriptionFormat,
        };
        for (const [field, actual] of Object.entries(yamlFields)) {
          assert.type(actual, 'string', `${schema} ${field} is read as ${JSON.stringify(actual)}`);
          assert.is(actual, value, `${schema} ${field}`);
        }
      }
    });
  }

  test(`query literal: ${name} survives the kql tag and the audit-activity template in every target`, async () => {
    const tree = await build({
      'detections/k.ts': detectionSource({
        id: `'hostile-kql'`,
        query: 'kql`AuditLogs | where OperationName == ${' + lit(value) + '} | extend Actor = tostring(InitiatedBy.user.userPrincipalName) | project TimeGenerated, Actor, OperationName`',
      }),
      'detections/t.ts': detectionSource(
        { id: `'hostile-template'`, query: `template('audit-activity', { categories: ['RoleManagement'], operations: [${lit(value)}] })` },
        'defineDetection, template',
      ),
    });

    for (const id of ['hostile-kql', 'hostile-template']) {
      const out = artefacts(tree, id);
      const query = out.kql.replace(/\n$/, '');
      const { literals, errors } = kqlStringLiterals(query);
      assert.equal(errors, [], `${id}: the shipped query has syntax errors:\n${query}`);
      if (id === 'hostile-kql') assert.equal(literals, [value], `${id}: the only literal is the interpolated value`);
      else assert.equal(literals.slice(0, 2), ['RoleManagement', value], `${id}: categories then operations`);

      // Every target ships that same query, byte for byte once its own encoding is undone.
      assert.is(armValue(out.arm.query), query, `${id}: sentinel-arm query`);
      assert.is(armValue(out.monitor.criteria.allOf[0].query), query, `${id}: monitor query`);
      assert.is(out.yaml12.query, query + '\n', `${id}: YAML 1.2 query`);
      assert.is(out.yaml11.query, query + '\n', `${id}: YAML 1.1 query`);
    }
  });
}

test('the only-spaces value is refused as a title (so the free-text cases above skip it)', async () => {
  const { dir, cleanup } = makeProject({ 'detections/a.ts': detectionSource({ title: lit('   ') }) });
  try {
    const { code, stdout } = await runCli(['build', '--json'], dir);
    assert.is(code, 1);
    assert.equal(JSON.parse(stdout).map((d: Json) => [d.code, d.field]), [['SF1001', 'title']]);
  } finally {
    cleanup();
  }
});

test.run();
