/**
 * The catalogue of broken detections: each is reported with Kusto's (or our) code at the line and column of the
 * offending token in the .ts file, the fixed query passes, and a failed build writes nothing.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../../src/diagnostics.ts';
import { SCHEMA_VERSION } from '../../src/schema/tables.ts';
import { detectionSource, makeProject, runCli } from '../helpers.ts';

const QUERY_HEAD = 'AuditLogs\n    | extend Actor = tostring(InitiatedBy.user.userPrincipalName), ActorIpAddress = tostring(InitiatedBy.user.ipAddress)';

interface Case {
  name: string;
  /** Overrides for detectionSource(). */
  broken: Record<string, string>;
  fixed: Record<string, string>;
  code: string;
  /** The text whose first occurrence in the file the diagnostic must point at. */
  at: string;
  field?: string;
  config?: string;
}

const kqlQuery = (tail: string) => ({ query: 'kql`' + QUERY_HEAD + '\n    ' + tail + '`' });

const CASES: Case[] = [
  { name: 'unknown column', broken: kqlQuery('| where OperationNam == "x"'), fixed: kqlQuery('| where OperationName == "x"'), code: 'KS142', at: 'OperationNam ==' },
  { name: 'unknown table', broken: { query: 'kql`AuditLogz\n    | project Actor = "a"`' }, fixed: { query: 'kql`AuditLogs\n    | project Actor = "a"`' }, code: 'KS204', at: 'AuditLogz' },
  { name: 'syntax error', broken: kqlQuery('| wher Category == "x"'), fixed: kqlQuery('| where Category == "x"'), code: 'KS176', at: 'wher ' },
  { name: 'where on a non-boolean', broken: kqlQuery('| where Category'), fixed: kqlQuery('| where isnotempty(Category)'), code: 'KS141', at: 'Category`' },
  { name: 'unknown function', broken: kqlQuery('| extend X = parse_jsonn(AdditionalDetails)'), fixed: kqlQuery('| extend X = parse_json(AdditionalDetails)'), code: 'KS211', at: 'parse_jsonn' },
  { name: 'ago() with a string', broken: kqlQuery('| where TimeGenerated > ago("1d")'), fixed: kqlQuery('| where TimeGenerated > ago(1d)'), code: 'KS107', at: '"1d"' },
  {
    name: 'entity mapping to a column the query drops',
    broken: { ...kqlQuery('| project TimeGenerated, Actor'), entityMappings: `[{ entityType: 'Account', fieldMappings: [{ identifier: 'FullName', columnName: 'Actor' }] }, { entityType: 'IP', fieldMappings: [{ identifier: 'Address', columnName: 'ActorIpAddress' }] }]` },
    fixed: { ...kqlQuery('| project TimeGenerated, Actor, ActorIpAddress'), entityMappings: `[{ entityType: 'Account', fieldMappings: [{ identifier: 'FullName', columnName: 'Actor' }] }, { entityType: 'IP', fieldMappings: [{ identifier: 'Address', columnName: 'ActorIpAddress' }] }]` },
    code: 'SF4002', at: `'ActorIpAddress' }] }]`, field: 'entityMappings[1].fieldMappings[0].columnName',
  },
  {
    name: 'placeholder naming a missing column',
    broken: { ...kqlQuery('| project TimeGenerated, Actor'), alertDetails: `{ displayNameFormat: '{{Actor}} changed {{RoleName}}' }` },
    fixed: { ...kqlQuery('| project TimeGenerated, Actor, RoleName = "r"'), alertDetails: `{ displayNameFormat: '{{Actor}} changed {{RoleName}}' }` },
    code: 'SF4002', at: `'{{Actor}} changed`, field: 'alertDetails.displayNameFormat',
  },
  {
    name: 'custom _CL table used without being declared',
    broken: { query: 'kql`MyApp_CL\n    | project Actor = User_s`' },
    fixed: { query: 'kql`MyApp_CL\n    | project Actor = User_s`' },
    code: 'KS204', at: 'MyApp_CL',
    config: JSON.stringify({ tables: { MyApp_CL: { TimeGenerated: 'datetime', User_s: 'string' } } }),
  },
  {
    name: 'entity mapping to a dynamic column',
    broken: { ...kqlQuery('| project TimeGenerated, Actor = InitiatedBy.user.userPrincipalName') },
    fixed: { ...kqlQuery('| project TimeGenerated, Actor = tostring(InitiatedBy.user.userPrincipalName)') },
    code: 'SF4003', at: `'Actor' }] }]`, field: 'entityMappings[0].fieldMappings[0].columnName',
  },
];

function positionOf(source: string, needle: string): { line: number; column: number } {
  const at = source.indexOf(needle);
  assert.ok(at >= 0, `'${needle}' occurs in the source`);
  const before = source.slice(0, at);
  return { line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
}

async function buildJson(dir: string): Promise<{ code: number; diagnostics: Diagnostic[] }> {
  const { code, stdout } = await runCli(['build', '--json'], dir);
  return { code, diagnostics: JSON.parse(stdout) as Diagnostic[] };
}

for (const c of CASES) {
  test(`${c.name}: ${c.code} at the offending token; the fixed query passes`, async () => {
    const source = detectionSource(c.broken);
    const { dir, cleanup } = makeProject({ 'detections/a.ts': source });
    try {
      const { code, diagnostics } = await buildJson(dir);
      assert.is(code, 1, 'the build fails');
      const found = diagnostics.find((d) => d.code === c.code);
      assert.ok(found, `expected ${c.code}, got ${diagnostics.map((d) => d.code).join(', ')}`);
      assert.is(found.file, 'detections/a.ts');
      assert.equal({ line: found.line, column: found.column }, positionOf(source, c.at));
      if (c.field) assert.is(found.field, c.field);
      assert.ok(found.schemaVersion?.startsWith(SCHEMA_VERSION), 'the schema version travels with the result');
      assert.not.ok(existsSync(path.join(dir, 'dist')), 'a failed build writes nothing');

      const files = { 'detections/a.ts': detectionSource(c.fixed), ...(c.config ? { 'sentinel-forge.config.json': c.config } : {}) };
      const fixed = makeProject(files);
      try {
        const result = await buildJson(fixed.dir);
        assert.equal(result.diagnostics.filter((d) => d.severity === 'error'), []);
        assert.is(result.code, 0);
      } finally {
        fixed.cleanup();
      }
    } finally {
      cleanup();
    }
  });
}

test('an error in a structured filter points at the query field and names the generated line', async () => {
  const source = detectionSource({ query: `template('audit-activity', { categories: ['RoleManagement'], operations: ['x'], project: ['NoSuchColumn' as 'Identity'] })` }, 'defineDetection, template');
  const { dir, cleanup } = makeProject({ 'detections/a.ts': source });
  try {
    const { diagnostics } = await buildJson(dir);
    const found = diagnostics.find((d) => d.code === 'KS142');
    assert.ok(found, JSON.stringify(diagnostics));
    assert.equal({ line: found.line, column: found.column }, positionOf(source, "template('audit-activity'"));
    assert.match(found.message, /generated query line \d+/);
    assert.match(found.hint ?? '', /NoSuchColumn/);
  } finally {
    cleanup();
  }
});

test('workspace("…").Table is checked against the local table schema', async () => {
  const good = makeProject({ 'detections/a.ts': detectionSource({ query: 'kql`union AuditLogs, workspace("other").AuditLogs\n    | project Actor = Identity`', entityMappings: '[]' }) });
  const bad = makeProject({ 'detections/a.ts': detectionSource({ query: 'kql`union AuditLogs, workspace("other").AuditLogz\n    | project Actor = Identity`', entityMappings: '[]' }) });
  try {
    assert.is((await buildJson(good.dir)).code, 0);
    const { diagnostics } = await buildJson(bad.dir);
    assert.equal(diagnostics.filter((d) => d.severity === 'error').map((d) => d.code), ['KS204']);
  } finally {
    good.cleanup();
    bad.cleanup();
  }
});

test('best-practice lints are warnings; --strict makes them errors', async () => {
  const source = detectionSource(kqlQuery('| join (AuditLogs | project CorrelationId) on CorrelationId'));
  const { dir, cleanup } = makeProject({ 'detections/a.ts': source });
  try {
    const lenient = await buildJson(dir);
    assert.is(lenient.code, 0);
    assert.ok(lenient.diagnostics.some((d) => d.code === 'KS508' && d.severity === 'warning'), 'join without kind is a warning');
    const { code, stdout } = await runCli(['check', '--strict', '--json'], dir);
    assert.is(code, 1);
    assert.ok((JSON.parse(stdout) as Diagnostic[]).some((d) => d.code === 'KS508' && d.severity === 'error'));
  } finally {
    cleanup();
  }
});

test('human output shows file:line:col, the code, the query line and a caret', async () => {
  const source = detectionSource(kqlQuery('| where OperationNam == "x"'));
  const { dir, cleanup } = makeProject({ 'detections/a.ts': source });
  try {
    const { code, stdout } = await runCli(['check'], dir);
    assert.is(code, 1);
    const { line, column } = positionOf(source, 'OperationNam ==');
    assert.ok(stdout.includes(`detections/a.ts:${line}:${column}: error KS142:`), stdout);
    assert.match(stdout, /\| where OperationNam == "x"\n\s+\^{12}/);
    const github = await runCli(['check', '--format', 'github'], dir);
    assert.ok(github.stdout.includes(`::error file=detections/a.ts,line=${line},col=${column},title=KS142::`), github.stdout);
  } finally {
    cleanup();
  }
});

test('an invalid project config is reported at its line', async () => {
  const config = '{\n  "tables": {\n    "MyApp_CL": { "User_s": "text" }\n  }\n}\n';
  const { dir, cleanup } = makeProject({ 'detections/a.ts': detectionSource(), 'sentinel-forge.config.json': config });
  try {
    const { code, diagnostics } = await buildJson(dir);
    assert.is(code, 1);
    const found = diagnostics.find((d) => d.code === 'SF2001');
    assert.ok(found);
    assert.is(found.file, 'sentinel-forge.config.json');
    assert.is(found.line, 3);
  } finally {
    cleanup();
  }
});

test.run();
