/**
 * `sentinel-forge run`: one shipped detection over exported records, in every accepted file shape, and the errors
 * bad input gets — each naming the file, the record and the field.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import path from 'node:path';
import { auditEvent, roleTarget } from '../../detections/pim/shared/audit-events.ts';
import { makeProject, REPO_ROOT, runCli } from '../helpers.ts';

const change = auditEvent({
  time: '2026-11-04T13:20:00Z', operation: 'Update role setting in PIM', category: 'RoleManagement', service: 'PIM', resultReason: 'MFA on activation disabled',
  actor: { user: 'admin.eve@contoso.com', ip: '203.0.113.24' }, targets: [roleTarget('Global Administrator')],
});
const unrelated = { ...change, OperationName: 'Add member to role', ActivityDisplayName: 'Add member to role' };

/** Writes files into a temp folder and runs `run` from the repository root (so the shipped detections are used). */
async function run(files: Record<string, string>, args: string[]) {
  const project = makeProject(files);
  try {
    const abs = (name: string) => path.join(project.dir, name);
    const argv = ['run', ...args.map((a) => a.replace(/\{(\w[\w.]*)\}/g, (_, f) => abs(f)))];
    return await runCli(argv, REPO_ROOT);
  } finally {
    project.cleanup();
  }
}

test('a JSON array of records: result rows, the alert decision and entities', async () => {
  const { code, stdout } = await run({ 'events.json': JSON.stringify([change, unrelated]) }, ['pim-role-settings-changed', '--table', 'AuditLogs={events.json}', '--format', 'json']);
  assert.is(code, 0);
  const out = JSON.parse(stdout);
  assert.is(out.alerts, true);
  assert.is(out.rows.length, 1);
  assert.is(out.rows[0].RoleName, 'Global Administrator');
  assert.equal(out.entities.Account, ['admin.eve@contoso.com']);
  assert.is(out.window.end, '2026-11-04T13:21:00.000Z');
});

test('JSON lines, the query API shape and az CLI string values are read too', async () => {
  const api = { tables: [{ name: 'PrimaryResult', columns: Object.keys(change).map((name) => ({ name })), rows: [Object.values(change)] }] };
  const stringly = Object.fromEntries(Object.entries(change).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  for (const [file, content] of [['e.jsonl', JSON.stringify(change) + '\n'], ['api.json', JSON.stringify(api)], ['az.json', JSON.stringify([stringly])]]) {
    const { code, stdout } = await run({ [file]: content }, ['pim-role-settings-changed', '--table', `AuditLogs={${file}}`, '--format', 'json']);
    assert.is(code, 0, `${file}: ${stdout}`);
    assert.is(JSON.parse(stdout).alerts, true, file);
  }
});

test('--now outside the query period: no rows, no alert; the table format says so', async () => {
  const { code, stdout } = await run({ 'events.json': JSON.stringify([change]) }, ['pim-role-settings-changed', '--table', 'AuditLogs={events.json}', '--now', '2026-11-05T13:20:00Z']);
  assert.is(code, 0);
  assert.match(stdout, /0 rows in 2026-11-05T12:20:00.000Z … 2026-11-05T13:20:00.000Z; the rule would not alert/);
});

const BAD: Array<[string, Record<string, string>, string[], number, RegExp]> = [
  ['a column the table does not have', { 'e.json': JSON.stringify([change, { ...change, Colour: 'red' }]) }, ['--table', 'AuditLogs={e.json}'], 2, /e\.json: record 1, field 'Colour': AuditLogs has no such column/],
  ['a value of the wrong type', { 'e.json': JSON.stringify([{ ...change, DurationMs: 'ten' }]) }, ['--table', 'AuditLogs={e.json}'], 2, /e\.json: record 0, field 'DurationMs': "ten" is not a long/],
  ['a datetime that is not one', { 'e.json': JSON.stringify([{ ...change, TimeGenerated: 'yesterday' }]) }, ['--table', 'AuditLogs={e.json}'], 2, /record 0, field 'TimeGenerated': "yesterday" is not a datetime/],
  ['malformed JSON', { 'e.json': '[{"OperationName": ' }, ['--table', 'AuditLogs={e.json}'], 2, /e\.json: not valid JSON/],
  ['a malformed JSON line', { 'e.jsonl': JSON.stringify(change) + '\n{oops\n' }, ['--table', 'AuditLogs={e.jsonl}'], 2, /e\.jsonl: line 2 is not valid JSON/],
  ['a missing file', {}, ['--table', 'AuditLogs={nope.json}'], 2, /nope\.json: cannot read the file \(ENOENT\)/],
  ['an unknown table', { 'e.json': '[]' }, ['--table', 'AuditLogz={e.json}'], 2, /--table AuditLogz: unknown table/],
  ['a --table without =', {}, ['--table', 'AuditLogs'], 2, /write --table <TableName>=<file\.json\|file\.jsonl>/],
];

for (const [name, files, args, exit, message] of BAD) {
  test(`bad input: ${name}`, async () => {
    const { code, stderr } = await run(files, ['pim-role-settings-changed', ...args]);
    assert.is(code, exit);
    assert.match(stderr, message);
  });
}

test('an unknown detection id is a usage error listing the known ones', async () => {
  const { code, stderr } = await run({}, ['no-such-detection']);
  assert.is(code, 2);
  assert.match(stderr, /no detection with id 'no-such-detection'\. Known: .*pim-role-settings-changed/);
});

test('an unsupported construct in a query is reported with its position', async () => {
  const source = `import { defineDetection, kql } from 'sentinel-forge';
export default defineDetection({
  id: 'series', title: 'Series', description: 'Identifies a series.', severity: 'Low', kind: 'NRT', version: '1.0.0', tactics: ['Persistence'], requiredDataConnectors: [],
  query: kql\`AuditLogs
    | make-series Count = count() on TimeGenerated step 1h\`,
  targets: { monitor: { skip: true, reason: 'test' } },
});
`;
  const project = makeProject({ 'detections/a.ts': source, 'e.json': '[]' });
  try {
    const { code, stderr } = await runCli(['run', 'series', '--table', `AuditLogs=${path.join(project.dir, 'e.json')}`], project.dir);
    assert.is(code, 1);
    assert.match(stderr, /detections\/a\.ts: unsupported: make-series at \d+:\d+/);
  } finally {
    project.cleanup();
  }
});

test.run();
