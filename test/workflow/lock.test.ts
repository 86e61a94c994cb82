/**
 * The lock's pieces without the CLI: what counts as content (and which bump a change to it needs), the review of
 * renames and reused ids against a lock, the lock file's format, and where `version --bump` finds a version.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Detection, LoadedDetection } from '../../src/model/detection.ts';
import { ruleGuid } from '../../src/model/rule-id.ts';
import { partHashes } from '../../src/lock/content.ts';
import { REPLACES_ACKNOWLEDGEMENT, REUSES_ACKNOWLEDGEMENT } from '../../src/lock/identity.ts';
import { parseLock, serializeLock, type LockFile } from '../../src/lock/lock-file.ts';
import { reviewLock, type CompiledDetection } from '../../src/lock/review-lock.ts';
import { bumpVersion, compareVersions } from '../../src/lock/semver.ts';
import { VersionLocator } from '../../src/lock/version-literal.ts';
import { loadDetections } from '../../src/load/load-detections.ts';
import { REPO_ROOT } from '../helpers.ts';

const QUERY = 'AuditLogs\n| where OperationName =~ "Add member to role"\n| project TimeGenerated, OperationName';

function definition(overrides: Record<string, unknown> = {}): Detection {
  return {
    id: 'role-member-added', title: 'Role member added', description: 'Identifies a role member added.', severity: 'Medium', kind: 'Scheduled', version: '1.0.0',
    query: { kind: 'kql', text: QUERY }, schedule: { frequency: '1h', period: '1h' }, trigger: { operator: 'gt', threshold: 0 }, tactics: ['Persistence'],
    requiredDataConnectors: [{ connectorId: 'AzureActiveDirectory', dataTypes: ['AuditLogs'] }], ...overrides,
  } as Detection;
}

function compiled(d: Detection, file = 'detections/a.ts', query = QUERY): CompiledDetection {
  const loaded: LoadedDetection = { detection: d, file, absoluteFile: path.join('/project', file) };
  return { loaded, ruleGuid: d.ruleId ?? ruleGuid(d.id), parts: partHashes(d, query) };
}

/** The lock after recording `detections` into an empty one. */
function lockWith(...detections: CompiledDetection[]): LockFile {
  const review = reviewLock({ compiled: detections, definedIds: new Set(detections.map((c) => c.loaded.detection.id)) }, undefined, 'record');
  assert.equal(review.diagnostics, []);
  return review.next;
}

const review = (lock: LockFile, ...detections: CompiledDetection[]) =>
  reviewLock({ compiled: detections, definedIds: new Set(detections.map((c) => c.loaded.detection.id)) }, lock, 'check');

test('each part of the content needs its bump; defaults, samples and the query source are not content', () => {
  const base = partHashes(definition(), QUERY);
  const changed = (overrides: Record<string, unknown>, query = QUERY) =>
    Object.entries(partHashes(definition(overrides), query)).filter(([part, hash]) => base[part as keyof typeof base] !== hash).map(([part]) => part);
  assert.equal(changed({ enabled: true, eventGrouping: 'SingleAlert', incident: { create: true } }), [], 'writing a default out is no change');
  assert.equal(changed({ samples: [{ name: 'x', expect: 'no-alert', tables: {} }] }), []);
  assert.equal(changed({ query: { kind: 'kql', text: 'AuditLogs   |   where true' } }), [], 'only the formatted query counts');
  assert.equal(changed({}, QUERY + '\n| take 1'), ['query']);
  assert.equal(changed({ trigger: { operator: 'gt', threshold: 4 } }), ['logic']);
  assert.equal(changed({ severity: 'High' }), ['logic']);
  assert.equal(changed({ title: 'Member added to a role' }), ['metadata']);
  assert.equal(changed({ customDetails: { Operation: 'OperationName' } }), ['metadata']);
  assert.equal(changed({ kind: 'NRT' }), ['kind']);
  assert.equal([bumpVersion('1.2.3', 'major'), bumpVersion('1.2.3', 'minor'), bumpVersion('1.2.3', 'patch')], ['2.0.0', '1.3.0', '1.2.4']);
  assert.ok(compareVersions('1.10.0', '1.9.9') > 0, 'numeric, not lexical');
});

test('a kind change needs a major bump; the suggestion starts from the recorded version', () => {
  const lock = lockWith(compiled(definition({ version: '1.4.2' })));
  const [d] = review(lock, compiled(definition({ version: '1.4.2', kind: 'NRT', schedule: undefined, trigger: undefined }))).diagnostics;
  assert.is(d.code, 'SF7002');
  assert.match(d.message, /the kind changed; .* since version 1\.4\.2 was recorded, so the version must be at least 2\.0\.0 \(major\)/);
  const lower = review(lock, compiled(definition({ version: '1.4.1' }))).diagnostics;
  assert.equal(lower.map((x) => x.message), ['version 1.4.1 is lower than 1.4.2, the last version the lock records; use 1.4.2.']);
});

test('a renamed id (same file, same query) must be acknowledged, then needs a major bump and retires the old id', () => {
  const lock = lockWith(compiled(definition()));
  const renamed = definition({ id: 'entra-role-member-added' });
  const [unacknowledged] = review(lock, compiled(renamed)).diagnostics;
  assert.is(unacknowledged.code, 'SF7004');
  assert.is(unacknowledged.field, 'id');
  assert.ok(unacknowledged.message.includes(`changes from ${ruleGuid('role-member-added')} to ${ruleGuid('entra-role-member-added')}`), unacknowledged.message);
  assert.ok(unacknowledged.hint!.includes(`identity: { replaces: 'role-member-added', acknowledged: '${REPLACES_ACKNOWLEDGEMENT}' }`));

  const acknowledged = definition({ id: 'entra-role-member-added', identity: { replaces: 'role-member-added', acknowledged: REPLACES_ACKNOWLEDGEMENT } });
  assert.match(review(lock, compiled(acknowledged)).diagnostics[0].message, /must be at least 2\.0\.0 \(major\)/);
  const bumped = compiled({ ...acknowledged, version: '2.0.0' } as Detection);
  assert.equal(review(lock, bumped).diagnostics.map((x) => x.code), ['SF7001'], 'acknowledged and bumped: only waiting to be recorded');
  const recorded = reviewLock({ compiled: [bumped], definedIds: new Set(['entra-role-member-added']) }, lock, 'record');
  assert.equal(recorded.diagnostics, []);
  assert.equal(recorded.next.retired, { 'role-member-added': { version: '1.0.0', ruleGuid: ruleGuid('role-member-added'), replacedBy: 'entra-role-member-added' } });
  assert.equal(review(recorded.next, bumped).diagnostics, [], 'the acknowledgement stays as history');

  const wrongWords = definition({ id: 'entra-role-member-added', identity: { replaces: 'role-member-added', acknowledged: 'yes' } });
  assert.equal(review(lock, compiled(wrongWords)).diagnostics.map((x) => `${x.code} ${x.field}`), ['SF7004 identity.acknowledged']);
});

test('a changed ruleId is a new rule GUID for the same id; a retired GUID reused must be acknowledged', () => {
  const lock = lockWith(compiled(definition()));
  const moved = definition({ ruleId: '0b1f6471-1bf0-4dda-aec3-cb9272f09590' });
  assert.equal(review(lock, compiled(moved)).diagnostics.map((x) => `${x.code} ${x.field}`), ['SF7004 ruleId']);
  const acknowledged = definition({ ruleId: '0b1f6471-1bf0-4dda-aec3-cb9272f09590', version: '2.0.0', identity: { replaces: 'role-member-added', acknowledged: REPLACES_ACKNOWLEDGEMENT } });
  assert.equal(review(lock, compiled(acknowledged)).diagnostics.map((x) => x.code), ['SF7003']);

  // A new id that keeps its rule GUID through ruleId is the same rule: no acknowledgement, the usual bump.
  const kept = lockWith(compiled(definition({ ruleId: '0b1f6471-1bf0-4dda-aec3-cb9272f09590' })));
  const renamedKeepingGuid = compiled(definition({ id: 'entra-role-member-added', ruleId: '0b1f6471-1bf0-4dda-aec3-cb9272f09590' }));
  assert.equal(review(kept, renamedKeepingGuid).diagnostics.map((x) => x.code), ['SF7001']);
  const keptRecorded = reviewLock({ compiled: [renamedKeepingGuid], definedIds: new Set(['entra-role-member-added']) }, kept, 'record');
  assert.equal(keptRecorded.next.retired, { 'role-member-added': { version: '1.0.0', ruleGuid: '0b1f6471-1bf0-4dda-aec3-cb9272f09590', replacedBy: 'entra-role-member-added' } });
  assert.match(review(kept, compiled(definition({ id: 'entra-role-member-added', ruleId: '0b1f6471-1bf0-4dda-aec3-cb9272f09590', title: 'New title' }))).diagnostics[0].message, /at least 1\.0\.1 \(patch\)/);

  const retired: LockFile = { detections: {}, retired: { 'role-member-added': { version: '1.3.0', ruleGuid: ruleGuid('role-member-added') } } };
  const other = (overrides: Record<string, unknown>) => compiled(definition({ title: 'A different rule', ...overrides }), 'detections/other.ts', QUERY + '\n| take 5');
  assert.equal(review(retired, other({})).diagnostics.map((x) => `${x.code} ${x.field}`), ['SF7004 id']);
  // Another id that keeps the retired GUID through ruleId takes over the same rule.
  assert.equal(review(retired, other({ id: 'other-id', ruleId: ruleGuid('role-member-added') })).diagnostics.map((x) => `${x.code} ${x.field}`), ['SF7004 id']);
  const reused = other({ identity: { reuses: 'role-member-added', acknowledged: REUSES_ACKNOWLEDGEMENT } });
  assert.match(review(retired, reused).diagnostics[0].message, /lower than 1\.3\.0, the last version the lock records \('role-member-added' reuses the retired 'role-member-added'\); use 2\.0\.0\./);
  const recorded = reviewLock({ compiled: [other({ version: '2.0.0', identity: { reuses: 'role-member-added', acknowledged: REUSES_ACKNOWLEDGEMENT } })], definedIds: new Set(['role-member-added']) }, retired, 'record');
  assert.equal(recorded.diagnostics, []);
  assert.equal(recorded.next.retired, {});
  assert.is(recorded.next.detections['role-member-added'].version, '2.0.0');
});

test('the lock file: sorted, stable, read back to the same; a malformed one is SF7005 at its line', () => {
  const lock = lockWith(compiled(definition({ id: 'zeta-rule' }), 'detections/z.ts'), compiled(definition(), 'detections/a.ts'));
  const text = serializeLock(lock);
  assert.ok(text.indexOf('"role-member-added"') < text.indexOf('"zeta-rule"'));
  const parsed = parseLock(text);
  assert.equal(parsed.diagnostics, []);
  assert.is(serializeLock(parsed.lock!), text);
  assert.equal(parseLock('{ "lockfileVersion": 1, ').diagnostics.map((d) => d.code), ['SF7005']);
  const broken = text.replace(/"version": "1\.0\.0"/, '"version": "one"');
  const [d] = parseLock(broken).diagnostics;
  assert.is(d.code, 'SF7005');
  assert.is(d.line, broken.split('\n').findIndex((l) => l.includes('"role-member-added": {')) + 1);
});

test('version --bump finds a literal in the definition, or in the factory a detection file calls', async () => {
  const loaded = await loadDetections(path.join(REPO_ROOT, 'detections'), REPO_ROOT);
  const locator = await VersionLocator.create();
  const where = (id: string) => {
    const found = locator.find(loaded.detections.find((l) => l.detection.id === id)!);
    return found && `${path.relative(REPO_ROOT, found.file)} ${JSON.stringify(readFileSync(found.file, 'utf8').slice(found.start, found.end))}`;
  };
  assert.is(where('pim-alert-disabled'), `detections/pim/azure-ad-roles/pim-alert-disabled.ts "'1.0.0'"`);
  assert.is(where('pim-azure-alert-disabled-too-many-owners'), `detections/pim/azure-resource-roles/resource-alert-disabled.ts "'1.0.0'"`);
});

test.run();
