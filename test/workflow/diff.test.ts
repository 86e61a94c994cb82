/**
 * `sentinel-forge diff` on a real repository: a base commit and a branch that changes a threshold and a query,
 * adds a detection, removes one and retitles one. The report must name each change, carry the KQL hunk, keep the
 * retitled detection's rule GUID, and leave no temporary checkout behind.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { detectionSource, runCli } from '../helpers.ts';
import { ruleGuid } from '../../src/model/rule-id.ts';
import { DIFF_COMMENT_MARKER } from '../../src/diff/report-markdown.ts';
import { REPLACES_ACKNOWLEDGEMENT } from '../../src/lock/identity.ts';
import { auditQuery, makeGitProject, type GitProject } from './support.ts';

const ENTITY_ACCOUNT = `[{ entityType: 'Account', fieldMappings: [{ identifier: 'FullName', columnName: 'Actor' }] }]`;
const ENTITY_ACCOUNT_IP = `[{ entityType: 'Account', fieldMappings: [{ identifier: 'FullName', columnName: 'Actor' }] }, { entityType: 'IP', fieldMappings: [{ identifier: 'Address', columnName: 'ActorIpAddress' }] }]`;

const bulk = (threshold: number, operation: string, version: string, entities: string) => detectionSource({
  id: `'bulk-role-removal'`, title: `'Bulk role removal'`, version: `'${version}'`, query: auditQuery(operation),
  trigger: `{ operator: 'gt', threshold: ${threshold} }`, schedule: `{ frequency: '1h', period: '1h' }`, entityMappings: entities,
});
const retitled = (title: string) => detectionSource({ id: `'role-member-added'`, title: `'${title}'`, query: auditQuery('Add member to role') });

/** main: three detections; feature branch: the changes the report must describe. */
async function branchWithChanges(): Promise<GitProject> {
  const repo = makeGitProject({
    'detections/bulk.ts': bulk(4, 'Remove member from role', '1.0.0', ENTITY_ACCOUNT),
    'detections/legacy.ts': detectionSource({ id: `'legacy-role-update'`, title: `'Legacy role update'`, query: auditQuery('Update role') }),
    'detections/member.ts': retitled('Role member added'),
  });
  assert.is((await runCli(['version', '--quiet'], repo.dir)).code, 0);
  repo.commit('three detections');
  repo.git('checkout', '--quiet', '-b', 'feature');
  repo.write({
    'detections/bulk.ts': bulk(2, 'Remove eligible member from role', '1.1.0', ENTITY_ACCOUNT_IP),
    'detections/member.ts': retitled('Member added to a role'),
    'detections/setting.ts': detectionSource({ id: `'pim-setting-changed'`, title: `'PIM setting changed'`, query: auditQuery('Update role setting in PIM'), severity: `'High'` }),
  });
  repo.remove('detections/legacy.ts');
  repo.commit('change, add, remove, retitle');
  return repo;
}

/** The `<details>` section of one detection. */
function section(markdown: string, id: string): string {
  const found = markdown.split('<details>').find((s) => s.includes(`<code>${id}</code>`));
  assert.ok(found, `no section for ${id}`);
  return found.split('</details>')[0];
}

test('markdown: a summary table, then one collapsible section per detection naming each change', async () => {
  const repo = await branchWithChanges();
  try {
    // No --base: the merge base of the branch and main.
    const { code, stdout, stderr } = await runCli(['diff', '--format', 'markdown'], repo.dir);
    assert.is(code, 0, stderr);
    assert.ok(stdout.startsWith(DIFF_COMMENT_MARKER + '\n'), 'the sticky-comment marker comes first');
    assert.match(stdout, /merge base of HEAD and main/);
    assert.match(stdout, /\*\*1 added, 1 removed, 2 changed\*\*; 0 unchanged/);
    assert.is(stdout.split('<details>').length - 1, 4);
    const table = stdout.slice(0, stdout.indexOf('<details>'));
    assert.match(table, /\| ✏️ changed \| `bulk-role-removal`<br>Bulk role removal \| 1\.0\.0 → 1\.1\.0 \|/);

    const changed = section(stdout, 'bulk-role-removal');
    for (const words of ['threshold 4 → 2', 'version 1.0.0 → 1.1.0', 'query changed', 'entity mapping IP.Address added (column ActorIpAddress)']) {
      assert.ok(changed.includes(`- ${words}`), `"${words}" in:\n${changed}`);
    }
    assert.ok(!changed.includes('frequency'), 'an unchanged schedule is not reported');
    assert.ok(changed.includes('```diff\n--- a/kql/bulk-role-removal.kql\n+++ b/kql/bulk-role-removal.kql\n@@ -1,5 +1,5 @@\n AuditLogs\n-| where OperationName =~ "Remove member from role"\n+| where OperationName =~ "Remove eligible member from role"\n'), changed);
    assert.match(changed, /targets affected: `kql`, `sentinel-arm`, `sentinel-yaml`, `monitor-arm`/);
    assert.not.match(changed, /not bumped/);

    const member = section(stdout, 'role-member-added');
    assert.ok(member.includes('- title "Role member added" → "Member added to a role"'), member);
    assert.ok(member.includes(`- rule GUID \`${ruleGuid('role-member-added')}\` (unchanged)`), 'the retitled detection keeps its GUID');
    assert.ok(member.includes('version 1.0.0 is not bumped enough: the metadata changed, so it must be at least 1.0.1'), member);
    assert.not.match(member, /```diff/, 'a title change has no KQL hunk');

    const added = section(stdout, 'pim-setting-changed');
    assert.match(added, /🆕 added/);
    assert.ok(added.includes('+++ b/kql/pim-setting-changed.kql\n@@ -0,0 +1,6 @@\n+AuditLogs\n+| where OperationName =~ "Update role setting in PIM"'), added);

    const removed = section(stdout, 'legacy-role-update');
    assert.match(removed, /🗑️ removed/);
    assert.ok(removed.includes(`delete rule ${ruleGuid('legacy-role-update')} in Sentinel`), removed);
    assert.ok(removed.includes('-| where OperationName =~ "Update role"'), removed);

    assert.ok(existsSync(path.join(repo.dir, '.sentinel-forge-cache')), 'the base was checked with the project cache');
    assert.equal(readdirSync(path.join(repo.dir, '.sentinel-forge-cache')).filter((n) => n.startsWith('diff-base-')), [], 'the temporary checkout is removed');
    assert.is(repo.git('worktree', 'list').split('\n').length, 1, 'no worktree stays registered');
  } finally {
    repo.cleanup();
  }
});

test('json and text: the same changes; --base names the commit; with no changes, exit 0 and say so', async () => {
  const repo = await branchWithChanges();
  try {
    const json = await runCli(['diff', '--base', 'main', '--format', 'json'], repo.dir);
    assert.is(json.code, 0, json.stderr);
    const report = JSON.parse(json.stdout) as { base: { ref: string; commit: string }; summary: Record<string, number>; detections: Array<{ status: string; id: string; changes: string[]; ruleGuid: string }> };
    assert.is(report.base.ref, 'main');
    assert.is(report.base.commit, repo.git('rev-parse', 'main'));
    assert.equal(report.summary, { added: 1, removed: 1, renamed: 0, changed: 2, unchanged: 0 });
    assert.equal(report.detections.map((d) => `${d.status} ${d.id}`), ['added pim-setting-changed', 'removed legacy-role-update', 'changed bulk-role-removal', 'changed role-member-added']);

    const text = await runCli(['diff', '--base', 'main'], repo.dir);
    assert.match(text.stdout, /^sentinel-forge diff: main \([0-9a-f]{12}\) → working tree: 1 added, 1 removed, 2 changed; 0 unchanged\./);
    assert.match(text.stdout, /\n~ changed bulk-role-removal 1\.0\.0 → 1\.1\.0: Bulk role removal\n/);
    assert.match(text.stdout, /\n {4}threshold 4 → 2\n/);

    const none = await runCli(['diff', '--base', 'HEAD', '--format', 'markdown'], repo.dir);
    assert.is(none.code, 0);
    assert.match(none.stdout, /\*\*no detection changes\*\*; 3 unchanged/);
    assert.not.match(none.stdout, /<details>/);
  } finally {
    repo.cleanup();
  }
});

test('a new id for the same file and query is a rename: a new rule GUID to acknowledge', async () => {
  const query = auditQuery('Add member to role');
  const repo = makeGitProject({ 'detections/member.ts': detectionSource({ id: `'role-member-added'`, query }) });
  try {
    repo.commit('one detection');
    repo.write({ 'detections/member.ts': detectionSource({ id: `'entra-role-member-added'`, query }) });
    let { stdout } = await runCli(['diff', '--base', 'HEAD', '--format', 'markdown'], repo.dir);
    assert.match(stdout, /\*\*1 renamed\*\*/);
    assert.ok(stdout.includes(`| 🔀 renamed ⚠️ | \`role-member-added\` → \`entra-role-member-added\``), stdout);
    assert.ok(stdout.includes(`\`${ruleGuid('role-member-added')}\` → \`${ruleGuid('entra-role-member-added')}\``), 'both GUIDs are shown');
    assert.match(stdout, /the old one must be deleted — not acknowledged/);
    assert.match(stdout, /version 1\.0\.0 is not bumped enough: the rule GUID changed, so it must be at least 2\.0\.0/);

    repo.write({
      'detections/member.ts': detectionSource({ id: `'entra-role-member-added'`, query, version: `'2.0.0'`, identity: `{ replaces: 'role-member-added', acknowledged: '${REPLACES_ACKNOWLEDGEMENT}' }` }),
    });
    ({ stdout } = await runCli(['diff', '--base', 'HEAD', '--format', 'markdown'], repo.dir));
    assert.match(stdout, /the old one must be deleted \(acknowledged\)/);
    assert.not.match(stdout, /not bumped enough/);
  } finally {
    repo.cleanup();
  }
});

test("a retired id taken up again is reported as taking over the old rule's GUID", async () => {
  const repo = makeGitProject({ 'detections/old.ts': detectionSource({ id: `'legacy-role-update'`, query: auditQuery('Update role') }) });
  try {
    assert.is((await runCli(['version', '--quiet'], repo.dir)).code, 0);
    repo.remove('detections/old.ts');
    assert.is((await runCli(['version', '--quiet'], repo.dir)).code, 0, 'version retires the removed id');
    repo.commit('retire legacy-role-update');
    repo.write({ 'detections/new.ts': detectionSource({ id: `'legacy-role-update'`, title: `'Something else'`, query: auditQuery('Add owner to application') }) });
    const { stdout } = await runCli(['diff', '--base', 'HEAD'], repo.dir);
    assert.match(stdout, /\+ added legacy-role-update 1\.0\.0: Something else/);
    assert.ok(stdout.includes(`! reuses the retired id 'legacy-role-update': takes over rule GUID ${ruleGuid('legacy-role-update')} — not acknowledged`), stdout);
  } finally {
    repo.cleanup();
  }
});

test('usage errors exit 2: an unknown ref, a folder outside git, a format diff does not write', async () => {
  const repo = makeGitProject({ 'detections/a.ts': detectionSource() });
  const plain = mkdtempSync(path.join(tmpdir(), 'sentinel-forge-no-git-'));
  try {
    repo.commit('one');
    const unknown = await runCli(['diff', '--base', 'no-such-branch'], repo.dir);
    assert.is(unknown.code, 2);
    assert.match(unknown.stderr, /--base no-such-branch names no commit/);
    assert.is((await runCli(['diff', '--format', 'github'], repo.dir)).code, 2);
    assert.is((await runCli(['check', '--base', 'main'], repo.dir)).code, 2, '--base belongs to diff');
    mkdirSync(path.join(plain, 'detections'));
    const outside = await runCli(['diff'], plain);
    assert.is(outside.code, 2);
    assert.match(outside.stderr, /not a git repository/);
  } finally {
    repo.cleanup();
    rmSync(plain, { recursive: true, force: true });
  }
});

test.run();
