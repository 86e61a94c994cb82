/**
 * Parameters of the structured filters in `templates/query/<name>.hbs`, and the columns each returns. One entry
 * per template: the key is the template's file name. Column names come from the generated table types, so a
 * typo is a type error in the editor.
 */
import type { Duration } from './duration.ts';
import type { AuditLogsColumn } from '../schema/columns.generated.ts';

/** `templates/query/audit-activity.hbs`: Entra ID `AuditLogs` activities, with actor, target and role columns. */
export interface AuditActivityParams {
  /** `Category` values, matched case-insensitively (`RoleManagement`, `ResourceManagement`, …). */
  categories: string[];
  /** Activity names (`OperationName`), matched case-insensitively. */
  operations: string[];
  /** `LoggedByService` values (`PIM`, `Core Directory`); omitted: any service. */
  services?: string[];
  /** Keep only this `Result`; omitted: any result. */
  result?: 'success' | 'failure';
  /** Initiators to leave out, by UPN, app name or `Identity` (e.g. the `MS-PIM` system actor). */
  excludeInitiators?: string[];
  /** Keep events with a target of one of these types (`User`, `ServicePrincipal`, `Group`, …). */
  targetTypes?: string[];
  /** Keep events whose targets or additional details mention one of these terms or phrases. */
  mentions?: string[];
  /** Keep events about one of these roles (by display name). */
  roles?: string[];
  /** Add `AzureResourceId`: the subscription or management-group path in the event's targets. */
  resourceId?: boolean;
  /** More `AuditLogs` columns to keep in each result row (without a threshold). */
  project?: AuditLogsColumn[];
  /** Alert only when one actor performs at least `count` matching activities within `window`. */
  threshold?: {
    count: number;
    window: Duration;
    /** A lower count for actors who hold one of `roles` (UEBA's IdentityInfo). */
    privilegedActors?: { count: number; roles: string[] };
    /** Any activity on one of these roles alerts whatever the count. */
    alwaysAlertRoles?: string[];
  };
}

/** Columns of each audit-activity row (without a threshold), plus any `project` columns. */
export type AuditActivityRowColumn =
  | 'TimeGenerated' | 'Actor' | 'ActorIpAddress' | 'TargetName' | 'RoleName' | 'OperationName' | 'Category'
  | 'LoggedByService' | 'Result' | 'ResultReason' | 'CorrelationId' | 'AzureResourceId';

/** Columns of each audit-activity row with a threshold: one row per actor and window. */
export type AuditActivityThresholdColumn =
  | 'TimeGenerated' | 'StartTime' | 'EndTime' | 'Actor' | 'ActorIpAddress' | 'ActivityCount' | 'IsPrivilegedActor'
  | 'TouchesAlwaysAlertRole' | 'Operations' | 'Targets' | 'Roles' | 'Results' | 'TargetName' | 'RoleName';

export interface QueryTemplateParams {
  'audit-activity': AuditActivityParams;
}

/** The columns a template returns for the given parameters. */
export type QueryTemplateColumns<T extends keyof QueryTemplateParams, P> = T extends 'audit-activity'
  ? P extends { threshold: object }
    ? AuditActivityThresholdColumn
    : AuditActivityRowColumn | (P extends { project: Array<infer C extends string> } ? C : never)
  : string;

export const QUERY_TEMPLATE_NAMES = ['audit-activity'] as const satisfies ReadonlyArray<keyof QueryTemplateParams>;
