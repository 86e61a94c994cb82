/**
 * What makes a baseline unusable for comparison: TypeScript catches most of it in the editor, but detection files
 * run unchecked through tsx, so a baseline with `'8 hours'` or a negative stage count would otherwise compare
 * wrongly instead of failing loudly.
 */
import type { Baseline } from '../model/baseline.ts';
import { durationMinutes } from '../model/duration.ts';
import { isObject } from './rules.ts';
import { isNameableDirectoryRole } from './well-known-roles.ts';

const SCOPES = ['DirectoryRole', 'AzureResource'];
const FLAGS = ['requireJustification', 'requireApproval', 'requireMfa'] as const;

/** Problems that stop this baseline from being compared, as `field: what is wrong` sentences; empty when none. */
export function baselineProblems(baseline: Baseline): string[] {
  const problems: string[] = [];
  if (!SCOPES.includes(baseline.scope)) problems.push(`scope: ${JSON.stringify(baseline.scope)} is not one of ${SCOPES.join(', ')}.`);
  const roles: unknown = baseline.roles;
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every((r) => typeof r === 'string' && r.trim() !== '')) {
    problems.push('roles: expected a non-empty list of role display names.');
  }
  const settings: unknown = baseline.settings;
  if (!isObject(settings)) return [...problems, 'settings: missing or not an object.'];
  for (const flag of FLAGS) if (typeof settings[flag] !== 'boolean') problems.push(`settings.${flag}: expected true or false.`);
  const stages = settings.approvalStages;
  if (typeof stages !== 'number' || !Number.isInteger(stages) || stages < 0) {
    problems.push('settings.approvalStages: expected a whole number, 0 or more.');
  } else if (stages > 0 && settings.requireApproval === false) {
    problems.push(`settings.approvalStages: ${stages} stages need requireApproval: true.`);
  }
  if (durationMinutes(settings.maxActivationDuration) === undefined) {
    problems.push(`settings.maxActivationDuration: ${JSON.stringify(settings.maxActivationDuration)} is not a duration like '8h' or '90m'.`);
  }
  return problems;
}

/**
 * Roles of a directory-role baseline that a Graph export cannot name (Graph gives template ids only, named through
 * well-known-roles.ts): without a warning they would always read "no policy in the export".
 */
export function unnameableRoles(baseline: Baseline): string[] {
  if (baseline.scope !== 'DirectoryRole' || !Array.isArray(baseline.roles)) return [];
  return baseline.roles.filter((role) => typeof role === 'string' && !isNameableDirectoryRole(role));
}
