/**
 * Baselines against role policies: every way a role's PIM settings fall short of a baseline, as data. A baseline
 * is a floor: `requireApproval: false` means approval is not demanded, not that it is forbidden.
 */
import type { Baseline, RoleSettingsBaseline } from '../model/baseline.ts';
import { durationMinutes } from '../model/duration.ts';
import { describeMinutes } from './iso-duration.ts';
import type { RolePolicy } from './policy-export.ts';
import type { ExportedSettings, Observed } from './rules.ts';

/** A baseline setting, or `policy` for a role the export has no policy for. */
export type SettingKey = 'policy' | keyof RoleSettingsBaseline;

/** One way one role falls short of one baseline. */
export interface Deviation {
  role: string;
  setting: SettingKey;
  expected: string;
  actual: string;
  scope: Baseline['scope'];
  /** Id of the baseline that asks for `expected`. */
  baseline: string;
}

/** How each setting reads in the human report; also the order settings are listed in. */
export const SETTING_LABELS: Readonly<Record<SettingKey, string>> = {
  policy: 'policy',
  requireJustification: 'justification',
  requireMfa: 'MFA on activation',
  requireApproval: 'approval',
  approvalStages: 'approval stages',
  maxActivationDuration: 'maximum activation duration',
};
const ORDER = Object.keys(SETTING_LABELS);

/** Every deviation of the policies from the baselines of the same scope: deduplicated, by role then setting. */
export function compareWithBaselines(baselines: readonly Baseline[], policies: readonly RolePolicy[]): Deviation[] {
  const found = new Map<string, Deviation>();
  for (const baseline of baselines) {
    for (const role of baseline.roles) {
      const wanted = role.trim().toLowerCase();
      const matches = policies.filter((p) => p.scope === baseline.scope && (p.role.toLowerCase() === wanted || p.roleId.toLowerCase() === wanted));
      const deviation = (label: string, setting: SettingKey, expected: string, actual: string): Deviation =>
        ({ role: label, setting, expected, actual, scope: baseline.scope, baseline: baseline.id });
      const rows = matches.length === 0
        ? [deviation(role, 'policy', 'present', 'no policy in the export')]
        : matches.flatMap((policy) => {
          // An export covering several ARM scopes can hold a role more than once: say which one fell short.
          const label = new Set(matches.map((m) => m.at)).size > 1 ? `${role} (${policy.at})` : role;
          return settingGaps(baseline.settings, policy.settings).map((gap) => deviation(label, gap.setting, gap.expected, gap.actual));
        });
      for (const row of rows) {
        const key = JSON.stringify([row.role, row.setting, row.expected, row.actual]);
        if (!found.has(key)) found.set(key, row);
      }
    }
  }
  return [...found.values()].sort((a, b) => compare(a.role, b.role) || ORDER.indexOf(a.setting) - ORDER.indexOf(b.setting) || compare(a.expected, b.expected));
}

type Gap = { setting: SettingKey; expected: string; actual: string };

function settingGaps(wanted: RoleSettingsBaseline, actual: ExportedSettings): Gap[] {
  const gaps: Gap[] = [];
  for (const flag of ['requireJustification', 'requireMfa', 'requireApproval'] as const) {
    if (!wanted[flag]) continue;
    const seen = actual[flag];
    if ('missingRule' in seen) gaps.push({ setting: flag, expected: 'required', actual: unknown(seen) });
    else if (!seen.value) gaps.push({ setting: flag, expected: 'required', actual: 'not required' });
  }
  const stages = actual.approvalStages;
  if (wanted.approvalStages > 0) {
    if ('missingRule' in stages) gaps.push({ setting: 'approvalStages', expected: `≥ ${wanted.approvalStages}`, actual: unknown(stages) });
    else if (stages.value < wanted.approvalStages) gaps.push({ setting: 'approvalStages', expected: `≥ ${wanted.approvalStages}`, actual: String(stages.value) });
  }
  const limit = durationMinutes(wanted.maxActivationDuration) as number;
  const expected = `≤ ${describeMinutes(limit)}`;
  const duration = actual.maxActivationMinutes;
  if ('missingRule' in duration) gaps.push({ setting: 'maxActivationDuration', expected, actual: unknown(duration) });
  else if (duration.value === null) gaps.push({ setting: 'maxActivationDuration', expected, actual: 'no limit' });
  else if (duration.value > limit) gaps.push({ setting: 'maxActivationDuration', expected, actual: describeMinutes(duration.value) });
  return gaps;
}

function unknown(seen: Observed<unknown> & { missingRule: string }): string {
  return `unknown (no ${seen.missingRule} rule in the export)`;
}

/** Code-unit order: the same on every machine and locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
