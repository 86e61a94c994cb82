/**
 * Parameters of the structured filters in `templates/query/<name>.hbs`. One entry per template: the key is
 * the template's file name, the value the typed parameters the template renders from.
 */
import type { Duration } from './duration.ts';

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
  /** Initiators to leave out, by user principal name or app display name (e.g. the `MS-PIM` system actor). */
  excludeInitiators?: string[];
  /** Alert only when one actor performs at least `count` matching activities within `window`. */
  threshold?: { count: number; window: Duration };
}

export interface QueryTemplateParams {
  'audit-activity': AuditActivityParams;
}

export const QUERY_TEMPLATE_NAMES = ['audit-activity'] as const satisfies ReadonlyArray<keyof QueryTemplateParams>;
