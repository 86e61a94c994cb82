import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { detectionSource, makeProject, runCli } from '../helpers.ts';
import { BASELINE_FILES, baselineSource, fixture, fixtureJson } from './support.ts';

/** Run `baseline` in a fresh project holding the two baselines (plus `files`); the project is removed afterwards. */
async function baseline(args: string[], files: Record<string, string> = {}, setup?: (dir: string) => void) {
  const { dir, cleanup } = makeProject({ ...BASELINE_FILES, ...files });
  try {
    setup?.(dir);
    return await runCli(['baseline', ...args], dir);
  } finally {
    cleanup();
  }
}

const lines = (text: string) => text.split('\n').filter((l) => l !== '');

const GRAPH_DEVIATIONS = [
  'Global Administrator: approval stages: expected ≥ 2, actual 1',
  'Privileged Role Administrator: policy: expected present, actual no policy in the export',
  'Security Administrator: MFA on activation: expected required, actual not required',
  'Security Administrator: maximum activation duration: expected ≤ 8h, actual 10h',
];

test('a Graph export with known deviations: every one, one line each, by role then setting; exit 1', async () => {
  const { code, stdout, stderr } = await baseline(['--policies', fixture('graph-deviations.json')]);
  assert.is(code, 1, stderr);
  assert.equal(lines(stdout), GRAPH_DEVIATIONS);
  assert.equal(lines(stderr), [`sentinel-forge: 4 deviations in ${fixture('graph-deviations.json')}: 3 roles checked against entra-roles.`]);
});

test('--format json: the same deviations as an array of { role, setting, expected, actual, scope, baseline }', async () => {
  const { code, stdout } = await baseline(['--policies', fixture('graph-deviations.json'), '--format', 'json']);
  assert.is(code, 1);
  const row = (role: string, setting: string, expected: string, actual: string) => ({ role, setting, expected, actual, scope: 'DirectoryRole', baseline: 'entra-roles' });
  assert.equal(JSON.parse(stdout), [
    row('Global Administrator', 'approvalStages', '≥ 2', '1'),
    row('Privileged Role Administrator', 'policy', 'present', 'no policy in the export'),
    row('Security Administrator', 'requireMfa', 'required', 'not required'),
    row('Security Administrator', 'maxActivationDuration', '≤ 8h', '10h'),
  ]);
});

test('a compliant Graph export (MFA through an authentication context included) reports nothing; exit 0', async () => {
  const { code, stdout, stderr } = await baseline(['--policies', fixture('graph-compliant.json')]);
  assert.is(code, 0, stdout);
  assert.is(stdout, '');
  assert.equal(lines(stderr), [`sentinel-forge: no deviations in ${fixture('graph-compliant.json')}: 3 roles checked against entra-roles.`]);
  const json = await baseline(['--policies', fixture('graph-compliant.json'), '--json', '--quiet']);
  assert.equal([json.code, JSON.parse(json.stdout), json.stderr], [0, [], '']);
});

test('an ARM export with known deviations is checked against the Azure resource baseline only', async () => {
  const { code, stdout } = await baseline(['--policies', fixture('arm-deviations.json')]);
  assert.is(code, 1);
  assert.equal(lines(stdout), [
    'Owner: justification: expected required, actual not required',
    'Owner: approval: expected required, actual not required',
    'Owner: approval stages: expected ≥ 2, actual 0',
    'User Access Administrator: maximum activation duration: expected ≤ 8h, actual no limit',
  ]);
});

test('a compliant ARM export reports nothing; exit 0', async () => {
  const { code, stdout, stderr } = await baseline(['--policies', fixture('arm-compliant.json')]);
  assert.is(code, 0, stdout);
  assert.is(stdout, '');
  assert.match(stderr, 'no deviations');
  assert.match(stderr, '2 roles checked against azure-roles');
});

test('an export saved by Windows PowerShell (UTF-16 with a byte-order mark) reads the same', async () => {
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(fixture('graph-deviations.json'), 'utf8'), 'utf16le')]);
  const { code, stdout } = await baseline(['--policies', 'export.json'], {}, (dir) => writeFileSync(path.join(dir, 'export.json'), utf16));
  assert.is(code, 1);
  assert.equal(lines(stdout), GRAPH_DEVIATIONS);
});

test('malformed JSON: exit 2, naming the file and where the JSON breaks', async () => {
  const { code, stdout, stderr } = await baseline(['--policies', 'entra-policies.json'], {}, (dir) => copyFileSync(fixture('malformed.json'), path.join(dir, 'entra-policies.json')));
  assert.is(code, 2);
  assert.is(stdout, '');
  assert.match(stderr, /^sentinel-forge: entra-policies\.json: not valid JSON: .* at line 226, column 10\./);
});

test('an empty file (a failed az rest redirected to it): exit 2 saying so', async () => {
  const { code, stderr } = await baseline(['--policies', 'empty.json'], { 'empty.json': '' });
  assert.is(code, 2);
  assert.is(stderr.trim(), 'sentinel-forge: empty.json: the file is empty; did the export command fail?');
});

test('JSON of the wrong shape (Graph role assignments, not policy assignments): exit 2 naming both expected requests', async () => {
  const { code, stdout, stderr } = await baseline(['--policies', fixture('graph-role-assignments.json')]);
  assert.is(code, 2);
  assert.is(stdout, '');
  assert.match(stderr, `${fixture('graph-role-assignments.json')}: not a PIM policy export`);
  assert.match(stderr, "roleManagementPolicyAssignments?$filter=scopeId eq '/' and scopeType eq 'DirectoryRole'&$expand=policy($expand=rules)");
  assert.match(stderr, 'roleManagementPolicyAssignments?api-version=2020-10-01');
});

test('one page of a paged Graph list: exit 2 telling the user to fetch every page', async () => {
  const paged = fixtureJson('graph-compliant.json');
  paged['@odata.nextLink'] = "https://graph.microsoft.com/v1.0/policies/roleManagementPolicyAssignments?$filter=scopeId+eq+'%2f'&$skiptoken=X%2744537074090001000000";
  const { code, stderr } = await baseline(['--policies', 'page1.json'], { 'page1.json': JSON.stringify(paged) });
  assert.is(code, 2);
  assert.match(stderr, 'page1.json: the export is one page of a longer list (it has @odata.nextLink)');
  assert.match(stderr, 'Fetch every page');
});

test('a missing file, a missing --policies, --format github and --policies on build are usage errors (exit 2)', async () => {
  const missing = await baseline(['--policies', 'nope.json']);
  assert.equal([missing.code, missing.stderr.trim()], [2, 'sentinel-forge: nope.json: file not found.']);
  const noPolicies = await baseline([]);
  assert.equal([noPolicies.code, noPolicies.stderr.includes('baseline needs --policies <file.json>')], [2, true]);
  const github = await baseline(['--policies', fixture('graph-compliant.json'), '--format', 'github']);
  assert.equal([github.code, github.stderr.trim()], [2, 'sentinel-forge: baseline --format must be one of human, json']);
  const { dir, cleanup } = makeProject({ 'detections/a.ts': detectionSource() });
  try {
    const build = await runCli(['check', '--policies', fixture('graph-compliant.json')], dir);
    assert.equal([build.code, build.stderr.trim()], [2, 'sentinel-forge: --policies is for the baseline command, not check']);
  } finally {
    cleanup();
  }
});

test('an export with no baseline of its scope to compare with is an error, not a pass', async () => {
  const { code, stderr } = await baseline(['--policies', fixture('arm-compliant.json')], { 'detections/baselines/azure.ts': 'export const none = 1;\n' });
  assert.is(code, 2);
  assert.match(stderr, "is an Azure resource role export, but detections has no defineBaseline({ scope: 'AzureResource', … })");
});

test('a baseline the comparison cannot use is reported with its file and field (exit 2)', async () => {
  const broken = baselineSource('entra', {
    id: 'entra-roles', scope: `'DirectoryRole'`, roles: `['Global Administrator']`,
    settings: `{ requireJustification: true, requireApproval: false, approvalStages: 2, requireMfa: true, maxActivationDuration: '8 hours' }`,
  });
  const { code, stdout, stderr } = await baseline(['--policies', fixture('graph-compliant.json')], { 'detections/baselines/entra.ts': broken });
  assert.is(code, 2);
  assert.is(stdout, '');
  assert.equal(lines(stderr), [
    "sentinel-forge: detections/baselines/entra.ts: baseline 'entra-roles': settings.approvalStages: 2 stages need requireApproval: true.",
    `sentinel-forge: detections/baselines/entra.ts: baseline 'entra-roles': settings.maxActivationDuration: "8 hours" is not a duration like '8h' or '90m'.`,
  ]);
});

test('a detection file that does not load stops the check: it may hold a baseline (exit 2)', async () => {
  const { code, stderr } = await baseline(['--policies', fixture('graph-compliant.json')], { 'detections/broken.ts': 'export const x = ;\n' });
  assert.is(code, 2);
  assert.match(stderr, 'detections/broken.ts');
  assert.match(stderr, 'baselines not checked');
});

test('a role Graph cannot name is warned about; a role written as its template id is matched by id', async () => {
  const entra = baselineSource('entra', {
    id: 'entra-roles', scope: `'DirectoryRole'`,
    roles: `['Global Administrator', 'Teams Communications Administrator', '5d1e7c3a-9b24-4f6e-8a0d-c3b9e2f71a58']`,
  });
  const { code, stdout, stderr } = await baseline(['--policies', fixture('graph-compliant.json')], { 'detections/baselines/entra.ts': entra });
  assert.is(code, 1);
  assert.match(stderr, "warning: detections/baselines/entra.ts: baseline 'entra-roles' lists 'Teams Communications Administrator', which a Graph export names only by template id");
  // The custom role in the fixture: justification only, no approval, 1 day.
  assert.equal(lines(stdout), [
    '5d1e7c3a-9b24-4f6e-8a0d-c3b9e2f71a58: MFA on activation: expected required, actual not required',
    '5d1e7c3a-9b24-4f6e-8a0d-c3b9e2f71a58: approval: expected required, actual not required',
    '5d1e7c3a-9b24-4f6e-8a0d-c3b9e2f71a58: approval stages: expected ≥ 2, actual 0',
    '5d1e7c3a-9b24-4f6e-8a0d-c3b9e2f71a58: maximum activation duration: expected ≤ 8h, actual 1d',
    'Teams Communications Administrator: policy: expected present, actual no policy in the export',
  ]);
});

test('the usage text lists the baseline command and the --policies option', async () => {
  const { code, stdout } = await runCli(['--help'], process.cwd());
  assert.is(code, 0);
  assert.match(stdout, /\n {2}baseline +compare a PIM policy export/);
  assert.match(stdout, /\n {2}build +check every detection/);
  assert.match(stdout, /--policies <value> +PIM policy export \(Graph or ARM JSON\) to compare with the baselines \(baseline\)\n/);
});

test.run();
