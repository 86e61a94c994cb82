/**
 * The `diff` report as a pull-request comment (GitHub-flavoured Markdown): a hidden marker that lets a workflow
 * find and update its one comment, a summary table, then a collapsible `<details>` section per detection with its
 * changes, what to act on, the targets affected and the KQL as a `diff` block. Kept under GitHub's comment limit
 * by dropping KQL blocks from the end when it would not fit.
 */
import { markdownCell } from '../docs/markdown.ts';
import type { DetectionChange, DiffReport } from './compare.ts';
import { summarize, summaryText, type DiffBase } from './summary.ts';

/** First line of every report: how a workflow recognises the comment it posted before. */
export const DIFF_COMMENT_MARKER = '<!-- sentinel-forge-diff -->';

/** GitHub refuses comments over 65,536 characters; leave room for the notes about what was cut. */
const MAX_LENGTH = 60_000;

const LABEL = { added: '🆕 added', removed: '🗑️ removed', renamed: '🔀 renamed', changed: '✏️ changed' } as const;

export function markdownReport(report: DiffReport, base: DiffBase): string {
  let withKql = report.changes.length;
  for (;;) {
    const text = render(report, base, withKql);
    if (text.length <= MAX_LENGTH || withKql === 0) return text;
    withKql = Math.max(0, withKql - Math.max(1, Math.ceil(withKql / 4)));
  }
}

function render(report: DiffReport, base: DiffBase, withKql: number): string {
  const summary = summarize(report);
  const out = [
    DIFF_COMMENT_MARKER,
    '### Detection changes',
    '',
    `Compared with \`${markdownCell(base.ref)}\` (\`${base.commit.slice(0, 12)}\`): **${summaryText(summary)}**; ${summary.unchanged} unchanged.`,
  ];
  if (report.changes.length === 0) return out.join('\n') + '\n';
  out.push('', '| | detection | version | rule GUID | what changed | targets |', '|---|---|---|---|---|---|');
  for (const c of report.changes) out.push(row(c));
  const actions = report.changes.flatMap((c) => c.warnings.map((w) => `- \`${c.id}\`: ${markdownCell(w)}`));
  if (actions.length > 0) out.push('', '**To act on:**', '', ...actions);
  report.changes.forEach((c, i) => out.push('', details(c, i < withKql)));
  return out.join('\n') + '\n';
}

function row(c: DetectionChange): string {
  const name = c.previousId ? `\`${c.previousId}\` → \`${c.id}\`` : `\`${c.id}\``;
  const guid = c.previousRuleGuid ? `\`${c.previousRuleGuid}\` → \`${c.ruleGuid}\`` : `\`${c.ruleGuid}\``;
  const shown = c.changes.slice(0, 4).map(markdownCell).join('; ') + (c.changes.length > 4 ? `; … ${c.changes.length - 4} more` : '');
  const cells = [LABEL[c.status] + (c.warnings.length > 0 ? ' ⚠️' : ''), `${name}<br>${markdownCell(c.title)}`, versionText(c), guid, shown, c.targets.map((t) => `\`${t}\``).join(' ')];
  return `| ${cells.join(' | ')} |`;
}

function details(c: DetectionChange, withKql: boolean): string {
  const name = c.previousId ? `<code>${escapeHtml(c.previousId)}</code> → <code>${escapeHtml(c.id)}</code>` : `<code>${escapeHtml(c.id)}</code>`;
  const lines = [`<details><summary>${LABEL[c.status]} ${name}: ${escapeHtml(c.title)} (${escapeHtml(versionText(c))})</summary>`, ''];
  for (const text of c.changes) lines.push(`- ${markdownCell(text)}`);
  for (const text of c.warnings) lines.push(`- ⚠️ ${markdownCell(text)}`);
  const guid = c.previousRuleGuid ? `\`${c.previousRuleGuid}\` → \`${c.ruleGuid}\`` : `\`${c.ruleGuid}\`${c.status === 'changed' || c.status === 'renamed' ? ' (unchanged)' : ''}`;
  lines.push(`- rule GUID ${guid}`, `- file \`${c.file}\``);
  if (c.targets.length > 0) lines.push(`- targets affected: ${c.targets.map((t) => `\`${t}\``).join(', ')}`);
  if (c.kqlDiff && withKql) lines.push('', fence(c.kqlDiff, 'diff'));
  else if (c.kqlDiff) lines.push('', '_KQL diff left out: the comment would exceed GitHub\'s size limit; see the pull request\'s files._');
  lines.push('', '</details>');
  return lines.join('\n');
}

function versionText(c: DetectionChange): string {
  if (c.version.before && c.version.after && c.version.before !== c.version.after) return `${c.version.before} → ${c.version.after}`;
  return c.version.after ?? c.version.before ?? '';
}

/** A fenced code block whose fence is longer than any backtick run inside it. */
function fence(text: string, language: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(Math.max(3, longest + 1));
  return `${ticks}${language}\n${text.trimEnd()}\n${ticks}`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
