import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeExport, parsePolicyExport, type PolicyExport, type RolePolicy } from '../../src/baseline/policy-export.ts';
import { fixtureJson } from './support.ts';

function policies(result: PolicyExport): RolePolicy[] {
  if (!result.ok) throw new Error(`expected an export, got: ${result.message}`);
  return result.policies;
}

function failure(json: unknown): string {
  const result = parsePolicyExport(json);
  if (result.ok) throw new Error('expected the export to be refused');
  return result.message;
}

const SETTINGS_OF_A_RECOMMENDED_ROLE = {
  requireJustification: { value: true },
  requireMfa: { value: true },
  requireApproval: { value: true },
  approvalStages: { value: 2 },
  maxActivationMinutes: { value: 480 },
};

/** The rules of the first assignment of a Graph fixture, to edit one rule at a time. */
function graphRules(json: any): any[] {
  return json.value[0].policy.rules;
}
const rule = (rules: any[], id: string) => rules.find((r) => r.id === id);

test('a Graph export: Entra ID roles named from template ids, settings from the end-user activation rules', () => {
  const result = parsePolicyExport(fixtureJson('graph-compliant.json'));
  assert.equal(result.ok && [result.format, result.scope], ['graph', 'DirectoryRole']);
  const list = policies(result);
  assert.equal(list.map((p) => p.role), ['Global Administrator', 'Privileged Role Administrator', 'Security Administrator', 'User Administrator', '5d1e7c3a-9b24-4f6e-8a0d-c3b9e2f71a58']);
  assert.equal(list[0], {
    scope: 'DirectoryRole', at: '/', role: 'Global Administrator', roleId: '62e90394-69f5-4237-9190-012177145e10', settings: SETTINGS_OF_A_RECOMMENDED_ROLE,
  });
  // Privileged Role Administrator: no MFA checkbox, but an authentication context on activation.
  assert.equal(list[1].settings.requireMfa, { value: true });
  assert.equal(list[1].settings.maxActivationMinutes, { value: 240 });
  assert.equal(list[3].settings, {
    requireJustification: { value: false }, requireMfa: { value: false }, requireApproval: { value: false }, approvalStages: { value: 0 }, maxActivationMinutes: { value: 480 },
  });
});

test('an ARM export: Azure roles named from policyAssignmentProperties, else from the role id', () => {
  const json = fixtureJson('arm-deviations.json');
  const result = parsePolicyExport(json);
  assert.equal(result.ok && [result.format, result.scope], ['arm', 'AzureResource']);
  const list = policies(result);
  assert.equal(list.map((p) => [p.role, p.roleId, p.at]), [
    ['Owner', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635', '/subscriptions/7a1c3e5f-2b4d-4f68-9a0c-e2d4b6f8a1c3'],
    ['User Access Administrator', '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9', '/subscriptions/7a1c3e5f-2b4d-4f68-9a0c-e2d4b6f8a1c3'],
    ['Contributor', 'b24988ac-6180-42a0-ab88-20f7382dd24c', '/subscriptions/7a1c3e5f-2b4d-4f68-9a0c-e2d4b6f8a1c3'],
  ]);
  assert.equal(list[0].settings, {
    requireJustification: { value: false }, requireMfa: { value: true }, requireApproval: { value: false }, approvalStages: { value: 0 }, maxActivationMinutes: { value: 480 },
  });
  assert.equal(list[1].settings.maxActivationMinutes, { value: null }, 'isExpirationRequired false: no limit');

  for (const entry of json.value) delete entry.properties.policyAssignmentProperties;
  json.value[2].properties.roleDefinitionId = '/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/a1705bd2-3a8f-45a5-8683-466fcfd5cc24';
  assert.equal(policies(parsePolicyExport(json)).map((p) => p.role), ['Owner', 'User Access Administrator', 'a1705bd2-3a8f-45a5-8683-466fcfd5cc24']);
});

test('approval stages: SingleStage 1, Serial its stages, Parallel 1, and 0 whenever approval is not required', () => {
  const stagesWith = (setting: Record<string, unknown>) => {
    const json = fixtureJson('graph-compliant.json');
    Object.assign(rule(graphRules(json), 'Approval_EndUser_Assignment').setting, setting);
    const settings = policies(parsePolicyExport(json))[0].settings;
    return [settings.requireApproval, settings.approvalStages];
  };
  assert.equal(stagesWith({}), [{ value: true }, { value: 2 }], 'the fixture: Serial, two stages');
  assert.equal(stagesWith({ approvalMode: 'SingleStage' }), [{ value: true }, { value: 1 }]);
  assert.equal(stagesWith({ approvalMode: 'Parallel' }), [{ value: true }, { value: 1 }]);
  assert.equal(stagesWith({ approvalMode: 'NoApproval' }), [{ value: true }, { value: 0 }]);
  // Graph's documented example: approval off, yet SingleStage with a stage left over from earlier.
  assert.equal(stagesWith({ isApprovalRequired: false, approvalMode: 'SingleStage' }), [{ value: false }, { value: 0 }]);
});

test('an authentication context counts as MFA only when enabled with a claim value', () => {
  const mfaWith = (context: Record<string, unknown>) => {
    const json = fixtureJson('graph-deviations.json');
    Object.assign(rule(json.value[1].policy.rules, 'AuthenticationContext_EndUser_Assignment'), context);
    return policies(parsePolicyExport(json))[1].settings.requireMfa;
  };
  assert.equal(mfaWith({}), { value: false });
  assert.equal(mfaWith({ isEnabled: true, claimValue: 'c2' }), { value: true });
  assert.equal(mfaWith({ isEnabled: true, claimValue: '' }), { value: false });
  assert.equal(mfaWith({ isEnabled: false, claimValue: 'c2' }), { value: false });
});

test('a rule missing from a policy leaves its settings unknown rather than guessed', () => {
  const json = fixtureJson('graph-compliant.json');
  json.value[0].policy.rules = graphRules(json).filter((r: any) => r.id !== 'Expiration_EndUser_Assignment' && r.id !== 'Enablement_EndUser_Assignment');
  assert.equal(policies(parsePolicyExport(json))[0].settings, {
    requireJustification: { missingRule: 'Enablement_EndUser_Assignment' },
    requireMfa: { missingRule: 'Enablement_EndUser_Assignment' },
    requireApproval: { value: true },
    approvalStages: { value: 2 },
    maxActivationMinutes: { missingRule: 'Expiration_EndUser_Assignment' },
  });
});

test('rules of the wrong shape are refused, naming the JSON path', () => {
  const broken = (edit: (rules: any[]) => void) => {
    const json = fixtureJson('graph-compliant.json');
    edit(graphRules(json));
    return failure(json);
  };
  assert.is(broken((r) => { rule(r, 'Enablement_EndUser_Assignment').enabledRules = 'Justification'; }),
    'value[0].policy.rules[11] (Enablement_EndUser_Assignment).enabledRules is not an array of strings.');
  assert.is(broken((r) => { rule(r, 'Expiration_EndUser_Assignment').maximumDuration = 'PT8'; }),
    'value[0].policy.rules[10] (Expiration_EndUser_Assignment): maximumDuration "PT8" is not an ISO 8601 duration like PT8H.');
  assert.is(broken((r) => { rule(r, 'Approval_EndUser_Assignment').setting.approvalMode = 'Quorum'; }),
    'value[0].policy.rules[12] (Approval_EndUser_Assignment): setting.approvalMode "Quorum" is not one of SingleStage, Serial, Parallel, NoApproval.');
  assert.is(broken((r) => { rule(r, 'Approval_EndUser_Assignment')['@odata.type'] = '#microsoft.graph.unifiedRoleManagementPolicyExpirationRule'; }),
    'value[0].policy.rules[12] (Approval_EndUser_Assignment) has type #microsoft.graph.unifiedRoleManagementPolicyExpirationRule, expected RoleManagementPolicyApprovalRule.');
  assert.is(broken((r) => { delete rule(r, 'Expiration_EndUser_Assignment').isExpirationRequired; }),
    'value[0].policy.rules[10] (Expiration_EndUser_Assignment): isExpirationRequired is not true or false.');
});

test('exports that are not policy-assignment lists are refused with what was expected', () => {
  assert.match(failure([]), /^not a PIM policy export: it is a JSON array\.\nExpected the raw JSON response of one of:/);
  assert.match(failure({ value: 3 }), /^not a PIM policy export: it has no "value" array\./);
  assert.match(failure({ error: { code: 'Authorization_RequestDenied' } }), /^not a PIM policy export: it has no "value" array\./);
  assert.match(failure({ value: [{ id: 'x', displayName: 'y' }] }), /^not a PIM policy export: its entries have neither/);
  // The ARM list of the policies themselves (roleManagementPolicies), which names no role.
  const policiesList = { value: [{ type: 'Microsoft.Authorization/RoleManagementPolicies', name: 'b959d571', properties: { scope: '/subscriptions/x', effectiveRules: [], rules: [] } }] };
  assert.match(failure(policiesList), /^not a PIM policy export: its entries have neither/);
  assert.match(failure({ '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#policies/roleManagementPolicyAssignments', value: [] }), /^the export lists no policy assignments\./);
});

test('a Graph export without $expand, a PIM for Groups export and a paged export are refused with the fix', () => {
  // Graph's documented example 1: the list without its policies.
  const bare = {
    '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#policies/roleManagementPolicyAssignments',
    value: [{ id: 'Directory_x_y_62e90394-69f5-4237-9190-012177145e10', policyId: 'Directory_x_y', scopeId: '/', scopeType: 'Directory', roleDefinitionId: '62e90394-69f5-4237-9190-012177145e10' }],
  };
  assert.is(failure(bare), 'value[0] has no policy rules: the request needs &$expand=policy($expand=rules) (see the README for the exact command).');
  const groups = { ...bare, value: [{ ...bare.value[0], scopeType: 'Group', scopeId: '60bba733-f09d-49b7-8445-32369aa066b3', roleDefinitionId: 'member' }] };
  assert.match(failure(groups), /^value\[0\] is a PIM for Groups policy \(scopeType Group\)/);

  const graphPage = { ...fixtureJson('graph-compliant.json'), '@odata.nextLink': 'https://graph.microsoft.com/v1.0/policies/roleManagementPolicyAssignments?$skiptoken=abc' };
  assert.match(failure(graphPage), /^the export is one page of a longer list \(it has @odata\.nextLink\)/);
  const armPage = { ...fixtureJson('arm-compliant.json'), nextLink: 'https://management.azure.com/subscriptions/x/providers/Microsoft.Authorization/roleManagementPolicyAssignments?api-version=2020-10-01&$skipToken=abc' };
  assert.match(failure(armPage), /^the export is one page of a longer list \(it has nextLink\)/);
  // ARM writes nextLink: null on the last page.
  assert.ok(parsePolicyExport({ ...fixtureJson('arm-compliant.json'), nextLink: null }).ok);
});

test('export text: UTF-8 with or without a byte-order mark, UTF-16 LE and BE as PowerShell writes them', () => {
  const text = '{"value":[]}';
  assert.is(decodeExport(Buffer.from(text)), text);
  assert.is(decodeExport(Buffer.from('\ufeff' + text)), text);
  assert.is(decodeExport(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])), text);
  assert.is(decodeExport(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()])), text);
});

test.run();
