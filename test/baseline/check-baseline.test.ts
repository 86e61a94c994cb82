import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { baselineProblems, unnameableRoles } from '../../src/baseline/check-baseline.ts';
import type { Baseline } from '../../src/model/baseline.ts';

const GOOD = {
  id: 'b', title: 'b', version: '1.0.0', scope: 'DirectoryRole', roles: ['Global Administrator'],
  settings: { requireJustification: true, requireApproval: true, approvalStages: 2, requireMfa: true, maxActivationDuration: '8h' },
  source: { source: 's', whatToMonitor: 'w', riskLevel: 'High', recommendation: 'r', roles: 'r', notes: 'n' },
};
// Detection files run unchecked through tsx, so baselines can hold what the types forbid.
const withFields = (fields: Record<string, unknown>) => ({ ...GOOD, ...fields }) as unknown as Baseline;
const withSettings = (settings: Record<string, unknown>) => withFields({ settings: { ...GOOD.settings, ...settings } });

test('a well-formed baseline has no problems', () => {
  assert.equal(baselineProblems(withFields({})), []);
  assert.equal(baselineProblems(withSettings({ requireApproval: false, approvalStages: 0 })), []);
});

test('each unusable field is named', () => {
  assert.equal(baselineProblems(withFields({ scope: 'Group' })), ['scope: "Group" is not one of DirectoryRole, AzureResource.']);
  assert.equal(baselineProblems(withFields({ roles: [] })), ['roles: expected a non-empty list of role display names.']);
  assert.equal(baselineProblems(withFields({ roles: 'Owner' })), ['roles: expected a non-empty list of role display names.']);
  assert.equal(baselineProblems(withFields({ settings: undefined })), ['settings: missing or not an object.']);
  assert.equal(baselineProblems(withSettings({ requireMfa: 'yes' })), ['settings.requireMfa: expected true or false.']);
  assert.equal(baselineProblems(withSettings({ approvalStages: 1.5 })), ['settings.approvalStages: expected a whole number, 0 or more.']);
  assert.equal(baselineProblems(withSettings({ approvalStages: -1 })), ['settings.approvalStages: expected a whole number, 0 or more.']);
  assert.equal(baselineProblems(withSettings({ requireApproval: false })), ['settings.approvalStages: 2 stages need requireApproval: true.']);
  assert.equal(baselineProblems(withSettings({ maxActivationDuration: 'PT8H' })), [`settings.maxActivationDuration: "PT8H" is not a duration like '8h' or '90m'.`]);
});

test('directory roles a Graph export cannot name are listed; Azure baselines never are', () => {
  assert.equal(unnameableRoles(withFields({ roles: ['Global Administrator', 'Teams Communications Administrator', '62e90394-69f5-4237-9190-012177145e10'] })), ['Teams Communications Administrator']);
  assert.equal(unnameableRoles(withFields({ scope: 'AzureResource', roles: ['My custom role'] })), []);
});

test.run();
