/**
 * A table of bad definitions, each built through the CLI: the build must fail (exit 1) with exactly the
 * expected errors, each naming the detection file, the field path, and the line and column of the offending
 * value in the .ts file (found by searching the generated source, not hard-coded).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { detectionSource, makeProject, runCli, snapshotTree } from '../helpers.ts';

type Json = Record<string, any>;
const A = 'detections/a.ts';

/** 1-based line and column of the `nth` occurrence of `prefix + needle` in `source`, pointing at `needle`. */
function positionOf(source: string, needle: string, prefix = '', nth = 0): { line: number; column: number } {
  let index = -1;
  for (let i = 0; i <= nth; i++) {
    index = source.indexOf(prefix + needle, index + 1);
    assert.ok(index >= 0, `${JSON.stringify(prefix + needle)} (occurrence ${i}) not found in:\n${source}`);
  }
  const offset = index + prefix.length;
  const before = source.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/** Build a project with `--json`; returns exit code, parsed diagnostics and the files written. */
async function buildJson(files: Record<string, string>) {
  const { dir, cleanup } = makeProject(files);
  try {
    const { code, stdout, stderr } = await runCli(['build', '--json'], dir);
    return { code, stderr, diagnostics: JSON.parse(stdout) as Json[], entries: readdirSync(dir).sort() };
  } finally {
    cleanup();
  }
}

interface Expected {
  code: string;
  field: string;
  /** The diagnostic points at this text (after `prefix`, at its `nth` occurrence) in `file`. */
  at: string;
  prefix?: string;
  nth?: number;
  file?: string;
  /** Query diagnostics may point anywhere inside the query (e.g. at the offending token): `at` is then a span. */
  within?: boolean;
}

interface Case {
  name: string;
  files: Record<string, string>;
  errors: Expected[];
}

const one = (name: string, overrides: Record<string, string>, errors: Expected[], imports?: string): Case => ({ name, files: { [A]: detectionSource(overrides, imports) }, errors });
const account = `{ entityType: 'Account', fieldMappings: [{ identifier: 'FullName', columnName: 'Actor' }] }`;
const longTitle = `'${'A'.repeat(257)}'`;
const customDetails = `{ ${Array.from({ length: 21 }, (_, i) => `D${i}: 'Actor'`).join(', ')} }`;
const fourPlaceholders = `'{{Actor}} {{Actor}} {{OperationName}} {{TimeGenerated}}'`;
const auditTemplate = (extra: string) => `template('audit-activity', { categories: ['RoleManagement'], operations: ['Add member to role']${extra} })`;

const CASES: Case[] = [
  one('frequency below 5m', { schedule: `{ frequency: '3m', period: '1h' }` }, [
    { code: 'SF1004', field: 'schedule.frequency', at: `'3m'` },
    { code: 'SF1013', field: 'schedule.frequency', at: `'3m'` },
  ]),
  one('malformed duration', { schedule: `{ frequency: '1 hour', period: '1h' }` }, [{ code: 'SF1004', field: 'schedule.frequency', at: `'1 hour'` }]),
  one('unknown tactic', { tactics: `['Persistence', 'Sneaking']` }, [{ code: 'SF1003', field: 'tactics[1]', at: `'Sneaking'` }]),
  one('technique whose tactic is missing', { techniques: `['T1110']` }, [{ code: 'SF1008', field: 'techniques[0]', at: `'T1110'` }]),
  one('malformed technique', { techniques: `['T1098', 'T12']` }, [{ code: 'SF1008', field: 'techniques[1]', at: `'T12'` }]),
  one('11 entity mappings', { entityMappings: `[${Array(11).fill(account).join(', ')}]` }, [
    { code: 'SF1009', field: 'entityMappings[10]', at: account, nth: 10 },
  ]),
  one('identifier not allowed for its entity', { entityMappings: `[{ entityType: 'IP', fieldMappings: [{ identifier: 'FullName', columnName: 'ActorIpAddress' }] }]` }, [
    { code: 'SF1009', field: 'entityMappings[0].fieldMappings[0].identifier', at: `'FullName'` },
    { code: 'SF1009', field: 'entityMappings[0].fieldMappings', at: `[{ identifier: 'FullName'` },
  ]),
  one('required identifier set missing', { entityMappings: `[${account}, { entityType: 'Account', fieldMappings: [{ identifier: 'UPNSuffix', columnName: 'Actor' }] }]` }, [
    { code: 'SF1009', field: 'entityMappings[1].fieldMappings', at: `[{ identifier: 'UPNSuffix'` },
  ]),
  one('negative threshold', { trigger: `{ operator: 'gt', threshold: -1 }` }, [{ code: 'SF1006', field: 'trigger.threshold', at: '-1' }]),
  one('window Monitor rejects', { schedule: `{ frequency: '1h', period: '7h' }` }, [{ code: 'SF1013', field: 'schedule.period', at: `'7h'` }]),
  one('frequency longer than period', { schedule: `{ frequency: '2h', period: '1h' }` }, [
    { code: 'SF1005', field: 'schedule.frequency', at: `'2h'` },
    { code: 'SF1013', field: 'schedule.period', at: `'1h'`, prefix: 'period: ' },
  ]),
  one('period 3d with frequency 30m', { schedule: `{ frequency: '30m', period: '3d' }` }, [
    { code: 'SF1005', field: 'schedule.frequency', at: `'30m'` },
    { code: 'SF1013', field: 'schedule.period', at: `'3d'` },
  ]),
  one('21 custom details', { customDetails }, [{ code: 'SF1010', field: 'customDetails', at: customDetails }]),
  one('4 placeholders in displayNameFormat', { alertDetails: `{ displayNameFormat: ${fourPlaceholders} }` }, [
    { code: 'SF1011', field: 'alertDetails.displayNameFormat', at: fourPlaceholders },
  ]),
  one('id not kebab-case', { id: `'Not_Kebab'` }, [{ code: 'SF1002', field: 'id', at: `'Not_Kebab'` }]),
  one('title over 256 characters', { title: longTitle }, [{ code: 'SF1007', field: 'title', at: longTitle }]),
  one('trigger operator ne (Monitor)', { trigger: `{ operator: 'ne', threshold: 0 }` }, [{ code: 'SF1013', field: 'trigger.operator', at: `'ne'` }]),
  one('grouping by an unmapped entity', { incident: `{ create: true, grouping: { enabled: true, lookback: '5h', matchingMethod: 'Selected', groupByEntities: ['Host'] } }` }, [
    { code: 'SF1012', field: 'incident.grouping.groupByEntities[0]', at: `'Host'` },
  ]),
  one('template threshold count 0', { query: auditTemplate(`, threshold: { count: 0, window: '1h' }`) }, [
    { code: 'SF1006', field: 'query.params.threshold.count', at: '0', prefix: 'count: ' },
  ], 'defineDetection, template'),
  one('search * in the query', { query: 'kql`search * | where OperationName == "x"`' }, [
    { code: 'SF1014', field: 'query', at: 'kql`search * | where OperationName == "x"`', within: true },
  ]),
  {
    name: 'duplicate ids in two files',
    files: { [A]: detectionSource(), 'detections/b.ts': detectionSource({ title: `'Another title'` }) },
    errors: [{ code: 'SF0003', field: 'id', at: `'test-detection'`, file: 'detections/b.ts' }],
  },
];

for (const c of CASES) {
  test(`bad definition: ${c.name}`, async () => {
    const { code, diagnostics, entries } = await buildJson(c.files);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    const key = (d: Json | Expected) => `${d.file ?? A} ${d.code} ${d.field}`;
    assert.equal(errors.map(key).sort(), c.errors.map(key).sort(), 'the errors reported');
    assert.is(code, 1, 'exit code');
    assert.not.ok(entries.includes('dist'), 'nothing is written');
    for (const e of c.errors) {
      const d = errors.find((x) => key(x) === key(e))!;
      const source = c.files[e.file ?? A];
      const start = positionOf(source, e.at, e.prefix, e.nth);
      assert.type(d.message, 'string');
      assert.ok(d.message.length > 0, 'has a message');
      if (e.within) {
        const end = positionOf(source, e.at.slice(-1), e.at.slice(0, -1), e.nth);
        const inside = (d.line > start.line || (d.line === start.line && d.column >= start.column)) && (d.line < end.line || (d.line === end.line && d.column <= end.column));
        assert.ok(inside, `${key(e)} at ${d.line}:${d.column} lies inside ${start.line}:${start.column}–${end.line}:${end.column}`);
      } else {
        assert.equal({ line: d.line, column: d.column }, start, `${key(e)} position`);
      }
    }
  });
}

/** KQL syntax errors point at the offending token (`wher`) in the .ts file, wherever the template puts it. */
const KQL_ERRORS: Array<[name: string, source: string]> = [
  ['on one line', detectionSource({ query: 'kql`AuditLogs | wher x == 1`' })],
  ['after an interpolated value, on a later line', detectionSource({ query: 'kql`AuditLogs\n| where OperationName == ${"a\\tb"} | wher x == 1`' })],
  ['after a \\u escape in the template text', detectionSource({ query: 'kql`AuditLogs | where OperationName == "\\u00e9" | wher x == 1`' })],
  ['in a file with CRLF line endings', detectionSource({ query: 'kql`AuditLogs\n| where OperationName == "x"\n| wher x == 1`' }).replace(/\n/g, '\r\n')],
];

for (const [name, source] of KQL_ERRORS) {
  test(`a KQL syntax error ${name}: Kusto codes at the offending token`, async () => {
    const { code, diagnostics } = await buildJson({ [A]: source });
    assert.is(code, 1);
    assert.ok(diagnostics.length > 0, 'reported');
    for (const d of diagnostics) {
      assert.match(d.code, /^KS\d{3}$/);
      assert.equal([d.severity, d.file, d.field], ['error', A, 'query']);
    }
    const wher = positionOf(source, 'wher ');
    const found = diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`);
    assert.ok(diagnostics.some((d) => d.line === wher.line && d.column === wher.column), `one diagnostic at \`wher\` (${wher.line}:${wher.column}); got ${found.join(', ')}`);
  });
}

test('a Monitor-only problem passes once the detection opts out of the monitor target', async () => {
  const { dir, cleanup } = makeProject({
    [A]: detectionSource({ schedule: `{ frequency: '1h', period: '7h' }`, targets: `{ monitor: { skip: true, reason: 'Sentinel-only: 7h window' } }` }),
  });
  try {
    const { code, stdout } = await runCli(['build', '--json'], dir);
    assert.equal(JSON.parse(stdout), []);
    assert.is(code, 0);
    const tree = snapshotTree(path.join(dir, 'dist'));
    assert.not.ok('monitor/test-detection.json' in tree, 'no monitor artefact');
    assert.ok('sentinel/arm/test-detection.json' in tree);
    const entry = JSON.parse(tree['manifest.json']).detections[0];
    assert.equal(entry.outputs['monitor-arm'], { skipped: 'Sentinel-only: 7h window' });
  } finally {
    cleanup();
  }
});

test('all errors are collected: three problems in one definition, and problems in other files', async () => {
  const overrides = { tactics: `['Persistence', 'Sneaking']`, trigger: `{ operator: 'gt', threshold: -1 }`, customDetails };
  const files = {
    [A]: detectionSource(overrides),
    'detections/b.ts': `import { defineDetection } from 'sentinel-forge';\n\nthrow new Error('boom at import');\n`,
    'detections/c.ts': detectionSource({ id: `'other-detection'`, schedule: `{ frequency: '2h', period: '1h' }`, targets: `{ monitor: { skip: true, reason: 'x' } }` }),
  };
  const { code, diagnostics } = await buildJson(files);
  assert.is(code, 1);
  assert.equal(diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file} ${d.code} ${d.field ?? ''}`).sort(), [
    `${A} SF1003 tactics[1]`,
    `${A} SF1006 trigger.threshold`,
    `${A} SF1010 customDetails`,
    'detections/b.ts SF0001 ',
    'detections/c.ts SF1005 schedule.frequency',
  ]);
  const lines = diagnostics.filter((d) => d.file === A).map((d) => d.line);
  assert.is(new Set(lines).size, 3, 'the three problems are at three different lines');
});

test('a failed build leaves the previous dist/ byte-for-byte untouched', async () => {
  const { dir, cleanup } = makeProject({ [A]: detectionSource() });
  try {
    assert.is((await runCli(['build'], dir)).code, 0);
    const before = snapshotTree(path.join(dir, 'dist'));
    assert.ok(Object.keys(before).length >= 5);
    // A new file name: this process has already imported detections/a.ts, and ESM caches modules by URL.
    rmSync(path.join(dir, A));
    writeFileSync(path.join(dir, 'detections/a-broken.ts'), detectionSource({ trigger: `{ operator: 'gt', threshold: -1 }` }));
    const failed = await runCli(['build', '--json'], dir);
    assert.is(failed.code, 1);
    assert.equal(JSON.parse(failed.stdout).map((d: Json) => d.code), ['SF1006']);
    assert.equal(snapshotTree(path.join(dir, 'dist')), before);
    assert.equal(readdirSync(dir).filter((name) => /staging|previous/.test(name)), [], 'no staging folder is left behind');
  } finally {
    cleanup();
  }
});

test.run();
