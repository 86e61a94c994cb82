/** Counts of a diff report by status, and the line that says them ("1 added, 2 changed, 9 unchanged"). */
import type { ChangeStatus, DiffReport } from './compare.ts';

export type DiffSummary = Record<ChangeStatus | 'unchanged', number>;

export function summarize(report: DiffReport): DiffSummary {
  const count = (status: ChangeStatus) => report.changes.filter((c) => c.status === status).length;
  return { added: count('added'), removed: count('removed'), renamed: count('renamed'), changed: count('changed'), unchanged: report.unchanged };
}

/** "1 added, 1 removed, 2 changed" (statuses with none left out), or "no detection changes". */
export function summaryText(summary: DiffSummary): string {
  const parts = (['added', 'removed', 'renamed', 'changed'] as const).filter((s) => summary[s] > 0).map((s) => `${summary[s]} ${s}`);
  return parts.length === 0 ? 'no detection changes' : parts.join(', ');
}

/** Which ref the base is, as the report names it. */
export interface DiffBase {
  /** As the user gave it, or how it was chosen ("merge base of HEAD and origin/main"). */
  ref: string;
  /** The commit, in full. */
  commit: string;
}
