/**
 * Sample `AuditLogs` records in the shape Log Analytics exports them: `InitiatedBy` with a `user` or `app`,
 * `TargetResources` as an array whose order differs by service (PIM puts the role first, Core Directory the
 * user, with the role in `modifiedProperties` as JSON-quoted strings), `AdditionalDetails` as key/value pairs.
 * Ids are derived from the inputs, so samples are the same on every machine.
 */
import { createHash } from 'node:crypto';
import type { AuditLogsRecord } from 'sentinel-forge';

export const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';

type Actor = { user: string; ip?: string; id?: string } | { app: string; appId?: string } | { system: 'MS-PIM' };

export interface Target {
  type: 'User' | 'Role' | 'ServicePrincipal' | 'Group' | 'Request' | 'Other';
  displayName?: string;
  userPrincipalName?: string;
  id?: string;
  /** Modified properties; values are written JSON-quoted, as the service logs them. */
  modified?: Array<{ name: string; old?: string; new?: string }>;
}

export interface AuditEventSpec {
  time: string;
  operation: string;
  category: string;
  service: 'PIM' | 'Core Directory' | 'Access Reviews' | 'Azure RBAC (Elevated Access)';
  operationType?: string;
  result?: 'success' | 'failure';
  resultReason?: string;
  actor: Actor;
  targets?: Target[];
  /** AdditionalDetails as key → value. */
  details?: Record<string, string>;
}

/** A deterministic GUID from any seed text. */
export function guidFrom(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function auditEvent(spec: AuditEventSpec): AuditLogsRecord {
  const seed = JSON.stringify(spec);
  const initiatedBy =
    'user' in spec.actor
      ? { user: { id: spec.actor.id ?? guidFrom(spec.actor.user), displayName: null, userPrincipalName: spec.actor.user, ipAddress: spec.actor.ip ?? null, roles: [] } }
      : 'app' in spec.actor
        ? { app: { appId: spec.actor.appId ?? guidFrom(spec.actor.app), displayName: spec.actor.app, servicePrincipalId: guidFrom('sp' + spec.actor.app), servicePrincipalName: null } }
        : { app: { appId: null, displayName: 'MS-PIM', servicePrincipalId: guidFrom('MS-PIM'), servicePrincipalName: 'MS-PIM' } };
  const identity = 'user' in spec.actor ? spec.actor.user.split('@')[0] : 'app' in spec.actor ? spec.actor.app : 'MS-PIM';
  const isPim = spec.service === 'PIM';
  return {
    TenantId: TENANT_ID,
    SourceSystem: 'Azure AD',
    TimeGenerated: spec.time,
    ResourceId: `/tenants/${TENANT_ID}/providers/Microsoft.aadiam`,
    OperationName: spec.operation,
    OperationVersion: '1.0',
    Category: spec.category,
    ResultType: '',
    ResultSignature: 'None',
    ResultDescription: '',
    DurationMs: 0,
    CorrelationId: guidFrom('correlation' + seed),
    Resource: 'Microsoft.aadiam',
    ResourceGroup: 'Microsoft.aadiam',
    ResourceProvider: '',
    Identity: identity,
    Level: '4',
    Location: '',
    AdditionalDetails: Object.entries(spec.details ?? {}).map(([key, value]) => ({ key, value })),
    Id: `${isPim ? 'PIM' : 'Directory'}_${guidFrom('id' + seed)}`,
    InitiatedBy: initiatedBy,
    LoggedByService: spec.service,
    Result: spec.result ?? 'success',
    ResultReason: spec.resultReason ?? '',
    TargetResources: (spec.targets ?? []).map((t) => ({
      id: t.id ?? guidFrom(`${t.type}:${t.displayName ?? t.userPrincipalName}`),
      displayName: t.displayName ?? null,
      type: t.type,
      userPrincipalName: t.userPrincipalName ?? null,
      groupType: null,
      modifiedProperties: (t.modified ?? []).map((m) => ({
        displayName: m.name,
        oldValue: m.old === undefined ? null : JSON.stringify(m.old),
        newValue: m.new === undefined ? null : JSON.stringify(m.new),
      })),
      administrativeUnits: [],
    })),
    AADTenantId: TENANT_ID,
    ActivityDisplayName: spec.operation,
    ActivityDateTime: spec.time,
    AADOperationType: spec.operationType ?? (isPim ? 'Assign' : 'Add'),
    Type: 'AuditLogs',
  };
}

/** A user target, as Entra ID logs the account acted on. */
export function userTarget(upn: string, modified?: Target['modified']): Target {
  return { type: 'User', displayName: upn.split('@')[0], userPrincipalName: upn, modified };
}

/** A role target, as PIM logs it. */
export function roleTarget(name: string): Target {
  return { type: 'Role', displayName: name };
}

/** The Core Directory shape: the role is a JSON-quoted modified property of the user target. */
export function coreDirectoryRoleChange(upn: string, role: string, change: 'added' | 'removed'): Target {
  const value = change === 'added' ? { new: role } : { old: role };
  return userTarget(upn, [
    { name: 'Role.ObjectID', ...(change === 'added' ? { new: guidFrom(role) } : { old: guidFrom(role) }) },
    { name: 'Role.DisplayName', ...value },
    { name: 'Role.WellKnownObjectName', ...(change === 'added' ? { new: role.replace(/ /g, '') } : { old: role.replace(/ /g, '') }) },
  ]);
}

/** ISO time `minutes` after a base time. */
export function at(base: string, minutes: number): string {
  return new Date(Date.parse(base) + minutes * 60_000).toISOString();
}
