import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AZURE_ROLES, azureRoleGuid, azureRoleName, DIRECTORY_ROLES, directoryRoleName, isNameableDirectoryRole } from '../../src/baseline/well-known-roles.ts';

test('directory role template ids name the roles the baselines list; unknown ids stay ids', () => {
  assert.is(directoryRoleName('62e90394-69f5-4237-9190-012177145e10'), 'Global Administrator');
  assert.is(directoryRoleName('e8611ab8-c189-46e8-94e1-60213ab1f814'), 'Privileged Role Administrator');
  assert.is(directoryRoleName('194ae4cb-b126-40b2-bd5b-6091b380977d'), 'Security Administrator');
  assert.is(directoryRoleName('62E90394-69F5-4237-9190-012177145E10'), 'Global Administrator');
  assert.is(directoryRoleName('5d1e7c3a-9b24-4f6e-8a0d-c3b9e2f71a58'), '5d1e7c3a-9b24-4f6e-8a0d-c3b9e2f71a58');
});

test('Azure role definition ids (full ARM path or bare GUID) name the built-in roles; unknown ones stay GUIDs', () => {
  const owner = '/subscriptions/7a1c3e5f-2b4d-4f68-9a0c-e2d4b6f8a1c3/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635';
  assert.is(azureRoleGuid(owner), '8e3af657-a8ff-443c-a75c-2fe8c4bcb635');
  assert.is(azureRoleName(owner), 'Owner');
  assert.is(azureRoleName('18d7d88d-d35e-4fb5-a5c3-7773c20a72d9'), 'User Access Administrator');
  assert.is(azureRoleName('/providers/Microsoft.Authorization/roleDefinitions/f58310d9-a9f6-439a-9e8d-f62e7b41a168'), 'Role Based Access Control Administrator');
  assert.is(azureRoleName('/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/a1705bd2-3a8f-45a5-8683-466fcfd5cc24'), 'a1705bd2-3a8f-45a5-8683-466fcfd5cc24');
});

test('a role is nameable from a Graph export by display name (any case) or template id', () => {
  assert.ok(isNameableDirectoryRole('Global Administrator'));
  assert.ok(isNameableDirectoryRole(' security administrator '));
  assert.ok(isNameableDirectoryRole('fe930be7-5e62-47db-91af-98c3a49a38b1'));
  assert.not.ok(isNameableDirectoryRole('Teams Communications Administrator'));
  assert.not.ok(isNameableDirectoryRole('Owner'));
});

test('the tables hold lowercase GUIDs and no name twice', () => {
  for (const table of [DIRECTORY_ROLES, AZURE_ROLES]) {
    for (const id of Object.keys(table)) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const names = Object.values(table);
    assert.is(new Set(names).size, names.length);
  }
});

test.run();
