import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compareWithBaselines } from '../../src/baseline/compare.ts';
import type { RolePolicy } from '../../src/baseline/policy-export.ts';
import type { ExportedSettings } from '../../src/baseline/rules.ts';
import type { Baseline, RoleSettingsBaseline } from '../../src/model/baseline.ts';

const RECOMMENDED: RoleSettingsBaseline = { requireJustification: true, requireApproval: true, approvalStages: 2, requireMfa: true, maxActivationDuration: '8h' };
const COMPLIANT: ExportedSettings = {
  requireJustification: { value: true }, requireMfa: { value: true }, requireApproval: { value: true }, approvalStages: { value: 2 }, maxActivationMinutes: { value: 480 },
};

function baseline(id: string, roles: string[], settings: Partial<RoleSettingsBaseline> = {}, scope: Baseline['scope'] = 'DirectoryRole'): Baseline {
  return {
    id, title: id, version: '1.0.0', scope, roles, settings: { ...RECOMMENDED, ...settings },
    source: { source: 's', whatToMonitor: 'w', riskLevel: 'High', recommendation: 'r', roles: 'r', notes: 'n' },
  };
}

function policy(role: string, settings: Partial<ExportedSettings> = {}, extra: Partial<RolePolicy> = {}): RolePolicy {
  return { scope: 'DirectoryRole', at: '/', role, roleId: `id-of-${role}`, settings: { ...COMPLIANT, ...settings }, ...extra };
}

const rows = (deviations: ReturnType<typeof compareWithBaselines>) => deviations.map((d) => `${d.role} | ${d.setting} | ${d.expected} | ${d.actual}`);

test('a policy exactly at the baseline passes: 8h against ≤ 8h, 2 stages against ≥ 2', () => {
  assert.equal(compareWithBaselines([baseline('b', ['Global Administrator'])], [policy('Global Administrator')]), []);
});

test('every setting that falls short, in setting order, and only for the roles the baseline lists', () => {
  const lax: Partial<ExportedSettings> = {
    requireJustification: { value: false }, requireMfa: { value: false }, requireApproval: { value: false }, approvalStages: { value: 0 }, maxActivationMinutes: { value: 481 },
  };
  const out = compareWithBaselines([baseline('b', ['Global Administrator'])], [policy('Global Administrator', lax), policy('User Administrator', lax)]);
  assert.equal(rows(out), [
    'Global Administrator | requireJustification | required | not required',
    'Global Administrator | requireMfa | required | not required',
    'Global Administrator | requireApproval | required | not required',
    'Global Administrator | approvalStages | ≥ 2 | 0',
    'Global Administrator | maxActivationDuration | ≤ 8h | 481m',
  ]);
  assert.equal(out[0], { role: 'Global Administrator', setting: 'requireJustification', expected: 'required', actual: 'not required', scope: 'DirectoryRole', baseline: 'b' });
});

test('a baseline is a floor: settings it does not demand are never deviations', () => {
  const relaxed = baseline('b', ['Global Administrator'], { requireJustification: false, requireApproval: false, approvalStages: 0, requireMfa: false, maxActivationDuration: '1d' });
  const lax: Partial<ExportedSettings> = { requireJustification: { value: false }, requireMfa: { value: false }, requireApproval: { value: false }, approvalStages: { value: 0 }, maxActivationMinutes: { value: 1440 } };
  assert.equal(compareWithBaselines([relaxed], [policy('Global Administrator', lax)]), []);
  assert.equal(rows(compareWithBaselines([relaxed], [policy('Global Administrator', { ...lax, maxActivationMinutes: { value: null } })])), [
    'Global Administrator | maxActivationDuration | ≤ 1d | no limit',
  ]);
});

test('roles are matched by display name in any case, or by role id; missing ones are deviations', () => {
  const b = baseline('b', ['global administrator', 'id-of-Security Administrator', 'Privileged Role Administrator']);
  const out = compareWithBaselines([b], [policy('Global Administrator', { requireMfa: { value: false } }), policy('Security Administrator', { requireMfa: { value: false } })]);
  assert.equal(rows(out), [
    'Privileged Role Administrator | policy | present | no policy in the export',
    'global administrator | requireMfa | required | not required',
    'id-of-Security Administrator | requireMfa | required | not required',
  ]);
});

test('a baseline only sees policies of its own scope', () => {
  const azure = baseline('azure', ['Owner'], {}, 'AzureResource');
  assert.equal(rows(compareWithBaselines([azure], [policy('Owner')])), ['Owner | policy | present | no policy in the export']);
  assert.equal(compareWithBaselines([azure], [policy('Owner', {}, { scope: 'AzureResource' })]), []);
});

test('settings whose rule is missing from the export are reported as unknown', () => {
  const out = compareWithBaselines([baseline('b', ['Global Administrator'])], [policy('Global Administrator', {
    requireApproval: { missingRule: 'Approval_EndUser_Assignment' }, approvalStages: { missingRule: 'Approval_EndUser_Assignment' },
  })]);
  assert.equal(rows(out), [
    'Global Administrator | requireApproval | required | unknown (no Approval_EndUser_Assignment rule in the export)',
    'Global Administrator | approvalStages | ≥ 2 | unknown (no Approval_EndUser_Assignment rule in the export)',
  ]);
});

test('a role held at two ARM scopes is labelled with the scope that falls short', () => {
  const azure = baseline('azure', ['Owner'], {}, 'AzureResource');
  const at = (scope: string, minutes: number) => policy('Owner', { maxActivationMinutes: { value: minutes } }, { scope: 'AzureResource', at: scope });
  assert.equal(rows(compareWithBaselines([azure], [at('/subscriptions/b', 600), at('/subscriptions/a', 480)])), ['Owner (/subscriptions/b) | maxActivationDuration | ≤ 8h | 10h']);
});

test('overlapping baselines: identical findings once, different expectations each, sorted by role then setting', () => {
  const strict = baseline('strict', ['Security Administrator', 'Global Administrator'], { maxActivationDuration: '4h' });
  const standard = baseline('standard', ['Global Administrator', 'Security Administrator']);
  const out = compareWithBaselines([strict, standard], [
    policy('Security Administrator', { maxActivationMinutes: { value: 600 }, requireMfa: { value: false } }),
    policy('Global Administrator', { maxActivationMinutes: { value: 360 } }),
  ]);
  assert.equal(out.map((d) => `${d.baseline}: ${d.role} | ${d.setting} | ${d.expected} | ${d.actual}`), [
    'strict: Global Administrator | maxActivationDuration | ≤ 4h | 6h',
    'strict: Security Administrator | requireMfa | required | not required',
    'strict: Security Administrator | maxActivationDuration | ≤ 4h | 10h',
    'standard: Security Administrator | maxActivationDuration | ≤ 8h | 10h',
  ]);
});

test.run();
