/**
 * `sentinel-forge test` over the shipped content: every PIM detection passes its sample events (each positive
 * alerts with the expected entities, each near-miss does not), and mutating a detection makes its samples fail —
 * proof the samples can fail.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeProject, REPO_ROOT, runCli } from '../helpers.ts';

interface Outcome {
  detectionId: string;
  name: string;
  expect: 'alert' | 'no-alert';
  passed: boolean;
  problems: string[];
  alerted?: boolean;
  entities?: Record<string, string[]>;
}

async function runTests(cwd: string): Promise<{ code: number; outcomes: Outcome[]; stdout: string }> {
  const { code, stdout } = await runCli(['test', '--json', '--quiet'], cwd);
  return { code, outcomes: JSON.parse(stdout) as Outcome[], stdout };
}

/** A copy of the shipped detections in a temporary project, to mutate. */
function copyOfContent(): { dir: string; cleanup: () => void } {
  const project = makeProject({});
  cpSync(path.join(REPO_ROOT, 'detections'), path.join(project.dir, 'detections'), { recursive: true });
  return project;
}

test('every shipped detection passes its sample events', async () => {
  const { code, outcomes } = await runTests(REPO_ROOT);
  const failures = outcomes.filter((o) => !o.passed).map((o) => `${o.detectionId}: ${o.name}: ${o.problems.join('; ')}`);
  assert.equal(failures, []);
  assert.is(code, 0);
  assert.ok(outcomes.length >= 30, `${outcomes.length} sample cases ran`);
  for (const o of outcomes) assert.is(o.alerted, o.expect === 'alert', `${o.detectionId}: ${o.name}`);
});

test('positive samples carry the entities they name', async () => {
  const { outcomes } = await runTests(REPO_ROOT);
  const added = outcomes.find((o) => o.detectionId === 'pim-privileged-role-member-added' && o.name.startsWith('one addition to Global Administrator'));
  assert.ok(added);
  assert.ok(added.entities?.Account?.includes('admin.eve@contoso.com'));
  assert.ok(added.entities?.Account?.includes('mallory@contoso.com'));
  assert.equal(added.entities?.IP, ['203.0.113.24']);
});

const MUTATIONS: Array<[string, string, string, string, RegExp]> = [
  [
    'raising the user threshold from 4 to 5 makes the four-additions case fail',
    'detections/pim/shared/roles.ts', "users: 4,", "users: 5,",
    /four additions of other roles by one user within an hour alert/,
  ],
  [
    'changing an activity string makes the Global Administrator elevation case fail',
    'detections/pim/access-management/global-admin-elevated-access.ts', 'operations: [ELEVATE_ACCESS.operation],', "operations: ['User has elevated access'],",
    /a Global Administrator elevates access/,
  ],
  [
    'dropping the MS-PIM exclusion makes the PIM-activation near miss fail',
    'detections/pim/shared/roles.ts', "export const PIM_SYSTEM_ACTORS = ['MS-PIM', 'MS-PIM-Fairfax', 'Azure AD PIM'];", "export const PIM_SYSTEM_ACTORS = ['Nobody'];",
    /near miss: PIM itself adding the member/,
  ],
];

for (const [name, file, from, to, failing] of MUTATIONS) {
  test(`mutation: ${name}`, async () => {
    const project = copyOfContent();
    try {
      const target = path.join(project.dir, file);
      const source = readFileSync(target, 'utf8');
      assert.ok(source.includes(from), `${file} contains the text to mutate`);
      writeFileSync(target, source.replace(from, to));
      const { code, outcomes, stdout } = await runTests(project.dir);
      assert.is(code, 1, 'sentinel-forge test fails');
      const failed = outcomes.filter((o) => !o.passed);
      assert.ok(failed.some((o) => failing.test(o.name)), `expected a failing case matching ${failing}; failed: ${failed.map((o) => o.name).join(' | ')}\n${stdout}`);
    } finally {
      project.cleanup();
    }
  });
}

test('the human report names the failing case, its file and why', async () => {
  const project = copyOfContent();
  try {
    const roles = path.join(project.dir, 'detections/pim/shared/roles.ts');
    writeFileSync(roles, readFileSync(roles, 'utf8').replace('users: 4,', 'users: 5,'));
    const { code, stdout } = await runCli(['test'], project.dir);
    assert.is(code, 1);
    assert.match(stdout, /FAIL pim-privileged-role-member-added \(\d\/4\)/);
    assert.match(stdout, /detections\/pim\/azure-ad-roles\/privileged-role-member-added\.ts: samples\[1\]/);
    assert.match(stdout, /expected an alert, but the query returned 0 rows/);
  } finally {
    project.cleanup();
  }
});

test.run();
