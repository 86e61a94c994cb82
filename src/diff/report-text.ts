/** The `diff` report for a terminal: a summary line, then per detection its changes, warnings, targets and KQL diff. */
import type { DetectionChange, DiffReport } from './compare.ts';
import { summarize, summaryText, type DiffBase } from './summary.ts';

const SIGN = { added: '+', removed: '-', renamed: '>', changed: '~' } as const;

export function textReport(report: DiffReport, base: DiffBase): string {
  const summary = summarize(report);
  const head = `sentinel-forge diff: ${base.ref} (${base.commit.slice(0, 12)}) → working tree: ${summaryText(summary)}; ${summary.unchanged} unchanged.`;
  return [head, ...report.changes.map(detection)].join('\n\n') + '\n';
}

function detection(c: DetectionChange): string {
  const version = c.version.before && c.version.after && c.version.before !== c.version.after ? `${c.version.before} → ${c.version.after}` : (c.version.after ?? c.version.before);
  const name = c.previousId ? `${c.previousId} → ${c.id}` : c.id;
  const lines = [`${SIGN[c.status]} ${c.status} ${name} ${version}: ${c.title}`];
  lines.push(`    rule GUID ${c.previousRuleGuid ? `${c.previousRuleGuid} → ${c.ruleGuid}` : `${c.ruleGuid}${c.status === 'changed' || c.status === 'renamed' ? ' (unchanged)' : ''}`}`);
  for (const text of c.changes) lines.push(`    ${text}`);
  for (const text of c.warnings) lines.push(`    ! ${text}`);
  if (c.targets.length > 0) lines.push(`    targets: ${c.targets.join(', ')}`);
  if (c.kqlDiff) lines.push(...c.kqlDiff.trimEnd().split('\n').map((l) => `    ${l}`));
  return lines.join('\n');
}
