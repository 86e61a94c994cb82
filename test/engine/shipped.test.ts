/**
 * The shipped queries, read from dist/kql (the exact text that ships): every one compiles for the engine, and the
 * privileged-role query gives the expected alert rows over PIM-shaped AuditLogs and UEBA IdentityInfo records.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileForEngine } from '../../src/engine/index.ts';
import { SNAPSHOT } from './support.ts';

const KQL_DIR = fileURLToPath(new URL('../../dist/kql/', import.meta.url));
const shipped = readdirSync(KQL_DIR).filter((f) => f.endsWith('.kql')).sort();
const textOf = (file: string) => readFileSync(KQL_DIR + file, 'utf8');

test('the shipped queries are all there', () => {
  assert.ok(shipped.length >= 11, `found ${shipped.length}`);
});

for (const file of shipped) {
  test(`${file} compiles for the engine and runs over empty tables`, () => {
    const result = compileForEngine(textOf(file), SNAPSHOT).run({}, { now: new Date('2026-11-02T10:00:00Z') });
    assert.equal(result.rows, []);
    assert.ok(result.columns.some((c) => c.name === 'Actor' && c.type === 'string'));
  });
}

const T0 = Date.parse('2026-11-02T09:00:00Z');
const at = (minute: number) => new Date(T0 + minute * 60_000).toISOString();
const OPERATION = 'Add member to role in PIM completed (permanent)';

/** A PIM role assignment as AuditLogs exports it: the role first in TargetResources, then the member. */
function added(minute: number, role: string, member: string, actor = 'admin.eve@contoso.com') {
  return {
    TimeGenerated: at(minute), Category: 'RoleManagement', OperationName: OPERATION, LoggedByService: 'PIM', Result: 'success', Identity: actor.split('@')[0],
    InitiatedBy: { user: { userPrincipalName: actor, ipAddress: '203.0.113.24', displayName: null } },
    AdditionalDetails: [{ key: 'ipaddr', value: '203.0.113.24' }],
    TargetResources: [
      { type: 'Role', displayName: role, modifiedProperties: [] },
      { type: 'Request', displayName: 'Request', modifiedProperties: [] },
      { type: 'User', userPrincipalName: member, displayName: null, modifiedProperties: [] },
    ],
  };
}

const memberAdded = () => compileForEngine(textOf('pim-privileged-role-member-added.kql'), SNAPSHOT);
const now = new Date('2026-11-02T10:00:00Z');

test('pim-privileged-role-member-added: one Global Administrator addition alerts with the expected row', () => {
  const result = memberAdded().run({ AuditLogs: [added(5, 'Global Administrator', 'mallory@contoso.com')] }, { now });
  assert.equal(result.rows, [
    {
      TimeGenerated: '2026-11-02T09:00:00.0000000Z', StartTime: '2026-11-02T09:05:00.0000000Z', EndTime: '2026-11-02T09:05:00.0000000Z',
      Actor: 'admin.eve@contoso.com', ActorIpAddress: '203.0.113.24', ActivityCount: 1, IsPrivilegedActor: false, TouchesAlwaysAlertRole: true,
      Operations: [OPERATION], Targets: ['mallory@contoso.com'], Roles: ['Global Administrator'], Results: ['success'],
      TargetName: 'mallory@contoso.com', RoleName: 'Global Administrator',
    },
  ]);
});

test('pim-privileged-role-member-added: three ordinary additions by an ordinary user within an hour do not alert', () => {
  const records = [0, 10, 20].map((m, i) => added(m, 'Exchange Administrator', `user${i}@contoso.com`));
  assert.equal(memberAdded().run({ AuditLogs: records }, { now }).rows, []);
});

test('pim-privileged-role-member-added: two additions alert when UEBA lists the actor as privileged (case-insensitive)', () => {
  const records = [0, 10].map((m, i) => added(m, 'Exchange Administrator', `user${i}@contoso.com`));
  const identity = [{ TimeGenerated: '2026-11-01T00:00:00Z', AccountUPN: 'Admin.Eve@Contoso.com', AssignedRoles: ['Security Administrator'] }];
  const rows = memberAdded().run({ AuditLogs: records, IdentityInfo: identity }, { now }).rows;
  assert.equal(rows.map((r) => [r.Actor, r.ActivityCount, r.IsPrivilegedActor, r.Targets]), [['admin.eve@contoso.com', 2, true, ['user0@contoso.com', 'user1@contoso.com']]]);
});

test('pim-privileged-role-member-added: IdentityInfo older than 14 days is ignored', () => {
  const records = [0, 10].map((m, i) => added(m, 'Exchange Administrator', `user${i}@contoso.com`));
  const identity = [{ TimeGenerated: '2026-10-01T00:00:00Z', AccountUPN: 'admin.eve@contoso.com', AssignedRoles: ['Global Administrator'] }];
  assert.equal(memberAdded().run({ AuditLogs: records, IdentityInfo: identity }, { now }).rows, []);
});

test('pim-baseline-role-settings-changed: the role comes from modifiedProperties when TargetResources has no Role', () => {
  const record = {
    TimeGenerated: at(1), Category: 'RoleManagement', OperationName: 'Update role setting in PIM', LoggedByService: 'PIM', Result: 'success',
    InitiatedBy: { app: { displayName: 'Automation' } },
    TargetResources: [{ type: 'Other', displayName: 'Policy', modifiedProperties: [{ displayName: 'RoleDefinition.DisplayName', oldValue: null, newValue: '"Global Administrator"' }] }],
  };
  const rows = compileForEngine(textOf('pim-baseline-role-settings-changed.kql'), SNAPSHOT).run({ AuditLogs: [record] }, { now }).rows;
  assert.equal(rows.map((r) => [r.Actor, r.ActorIpAddress, r.TargetName, r.RoleName]), [['Automation', '', 'Policy', 'Global Administrator']]);
});

test.run();
