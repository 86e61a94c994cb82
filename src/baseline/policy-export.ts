/**
 * Reads a PIM policy export saved as-is: the Microsoft Graph list of role management policy assignments (Entra ID
 * roles) or the ARM one (Azure resource roles), told apart by shape, into one list of role → activation settings.
 * Anything else is an error naming what was expected; nothing here throws to the caller.
 */
import { ExportShapeError, isObject, settingsFromRules, type ExportedSettings } from './rules.ts';
import { azureRoleGuid, azureRoleName, directoryRoleName } from './well-known-roles.ts';

/** One role's policy, in either surface's terms. */
export interface RolePolicy {
  /** Which PIM surface it belongs to; matches a baseline's `scope`. */
  scope: 'DirectoryRole' | 'AzureResource';
  /** Where the policy applies: `/` (the tenant) or an ARM scope such as `/subscriptions/<id>`. */
  at: string;
  /** The role's display name, or its id when neither the export nor the tables name it. */
  role: string;
  /** Directory role template id, or the Azure role definition GUID. */
  roleId: string;
  settings: ExportedSettings;
}

/** The parsed export, or why the file is not one (a message for the user, without the file name). */
export type PolicyExport =
  | { ok: true; format: 'graph' | 'arm'; scope: RolePolicy['scope']; policies: RolePolicy[] }
  | { ok: false; message: string };

const EXPECTED = [
  'Expected the raw JSON response of one of:',
  "  Microsoft Graph (Entra ID roles): GET https://graph.microsoft.com/v1.0/policies/roleManagementPolicyAssignments?$filter=scopeId eq '/' and scopeType eq 'DirectoryRole'&$expand=policy($expand=rules)",
  '  Azure Resource Manager (Azure roles): GET https://management.azure.com/{scope}/providers/Microsoft.Authorization/roleManagementPolicyAssignments?api-version=2020-10-01',
  'The README section "Checking PIM settings against the baselines" shows the commands.',
].join('\n');

/** Text of an export file: UTF-8, or UTF-16 as Windows PowerShell 5.1 writes with `>`; a byte-order mark is dropped. */
export function decodeExport(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.subarray(2).toString('utf16le');
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return Buffer.from(buffer.subarray(2)).swap16().toString('utf16le');
  const text = buffer.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Parse an export (already JSON-decoded) into role policies, or say precisely why it is not one. */
export function parsePolicyExport(json: unknown): PolicyExport {
  if (!isObject(json)) return wrongShape(Array.isArray(json) ? 'it is a JSON array' : `it is ${JSON.stringify(json)}`);
  if (!Array.isArray(json.value)) return wrongShape('it has no "value" array');
  const format = detectFormat(json);
  if (!format) return wrongShape('its entries have neither roleDefinitionId and policy (Graph) nor properties.roleDefinitionId and properties.effectiveRules (Azure)');
  const nextLink = format === 'graph' ? json['@odata.nextLink'] : json.nextLink;
  if (typeof nextLink === 'string' && nextLink !== '') {
    return {
      ok: false,
      message: `the export is one page of a longer list (it has ${format === 'graph' ? '@odata.nextLink' : 'nextLink'}), so roles on the other pages would look missing.\n` +
        'Fetch every page and merge their "value" arrays into one file, as the README shows, then run again.',
    };
  }
  if (json.value.length === 0) return { ok: false, message: `the export lists no policy assignments.\n${EXPECTED}` };
  try {
    const policies = json.value.map((entry, i) => (format === 'graph' ? graphPolicy(entry, i) : armPolicy(entry, i)));
    return { ok: true, format, scope: format === 'graph' ? 'DirectoryRole' : 'AzureResource', policies };
  } catch (error) {
    if (error instanceof ExportShapeError) return { ok: false, message: error.message };
    throw error;
  }
}

function wrongShape(reason: string): PolicyExport {
  return { ok: false, message: `not a PIM policy export: ${reason}.\n${EXPECTED}` };
}

function detectFormat(json: Record<string, unknown>): 'graph' | 'arm' | undefined {
  const entries = json.value as unknown[];
  const context = json['@odata.context'];
  if (typeof context === 'string' && /roleManagementPolicyAssignments/i.test(context)) return 'graph';
  if (entries.some((e) => isObject(e) && typeof e.roleDefinitionId === 'string' && ('policy' in e || 'scopeType' in e))) return 'graph';
  const arm = (e: unknown) =>
    isObject(e) && (/^Microsoft\.Authorization\/RoleManagementPolicyAssignment/i.test(String(e.type)) ||
      (isObject(e.properties) && typeof e.properties.roleDefinitionId === 'string' && 'effectiveRules' in e.properties));
  return entries.some(arm) ? 'arm' : undefined;
}

function graphPolicy(entry: unknown, i: number): RolePolicy {
  const where = `value[${i}]`;
  if (!isObject(entry)) throw new ExportShapeError(`${where} is not an object.`);
  if (typeof entry.roleDefinitionId !== 'string') throw new ExportShapeError(`${where} has no roleDefinitionId.`);
  if (entry.scopeType === 'Group') {
    throw new ExportShapeError(`${where} is a PIM for Groups policy (scopeType Group); export the Entra ID role policies with scopeType eq 'DirectoryRole'.`);
  }
  if (entry.scopeType !== undefined && entry.scopeType !== 'DirectoryRole' && entry.scopeType !== 'Directory') {
    throw new ExportShapeError(`${where}.scopeType is ${JSON.stringify(entry.scopeType)}, expected 'DirectoryRole'.`);
  }
  if (!isObject(entry.policy) || !('rules' in entry.policy)) {
    throw new ExportShapeError(`${where} has no policy rules: the request needs &$expand=policy($expand=rules) (see the README for the exact command).`);
  }
  return {
    scope: 'DirectoryRole',
    at: typeof entry.scopeId === 'string' ? entry.scopeId : '/',
    role: directoryRoleName(entry.roleDefinitionId),
    roleId: entry.roleDefinitionId,
    settings: settingsFromRules(entry.policy.rules, `${where}.policy.rules`),
  };
}

function armPolicy(entry: unknown, i: number): RolePolicy {
  const where = `value[${i}].properties`;
  const properties = isObject(entry) ? entry.properties : undefined;
  if (!isObject(properties)) throw new ExportShapeError(`${where} is missing or not an object.`);
  if (typeof properties.roleDefinitionId !== 'string') throw new ExportShapeError(`${where} has no roleDefinitionId.`);
  if (!('effectiveRules' in properties)) throw new ExportShapeError(`${where} has no effectiveRules: export with api-version=2020-10-01 or later.`);
  const definition = isObject(properties.policyAssignmentProperties) ? properties.policyAssignmentProperties.roleDefinition : undefined;
  const displayName = isObject(definition) && typeof definition.displayName === 'string' ? definition.displayName.trim() : '';
  return {
    scope: 'AzureResource',
    at: typeof properties.scope === 'string' ? properties.scope : '',
    role: displayName || azureRoleName(properties.roleDefinitionId),
    roleId: azureRoleGuid(properties.roleDefinitionId),
    settings: settingsFromRules(properties.effectiveRules, `${where}.effectiveRules`),
  };
}
