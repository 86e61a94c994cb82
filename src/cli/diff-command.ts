/**
 * `diff`: what a change does to the detections, for review. Compiles the detections of a base ref (a temporary
 * checkout, see git.ts) and of the working tree with this tool, and reports per detection: added, removed,
 * renamed or changed, each changed property in words, the diff of the formatted KQL and the targets affected,
 * as text, a pull-request comment (markdown) or JSON. Exit 0 whatever changed; 1 when the working tree's
 * detections have errors; 2 on usage errors (not a git repository, an unknown ref).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { hasErrors } from '../diagnostics.ts';
import { readLockFile } from './project-guards.ts';
import { compareSides, sideOf, type Side } from '../diff/compare.ts';
import { markdownReport } from '../diff/report-markdown.ts';
import { textReport } from '../diff/report-text.ts';
import { summarize, type DiffBase } from '../diff/summary.ts';
import { checkProject } from '../project.ts';
import type { Command, CommandContext } from './command.ts';
import { checkoutCommit, defaultBase, git, GitError, resolveCommit } from './git.ts';
import { formatDiagnostics } from './print.ts';

/** The report formats; `human` (the CLI's default format) means text. */
export const DIFF_FORMATS = ['text', 'markdown', 'json'] as const;

export const diffCommand: Command = {
  summary: 'compare the detections at --base (default: the merge base with the default branch) with the working tree: added, removed, renamed, changed, KQL diff',
  formats: [...DIFF_FORMATS, 'human'],
  run: runDiff,
};

async function runDiff({ io, values, format, detectionsDir }: CommandContext): Promise<number> {
  const root = io.cwd;
  const progress = (text: string) => { if (!values.quiet) io.stderr(text); };
  let base: DiffBase;
  try {
    git(['rev-parse', '--show-toplevel'], root);
    if (values.base !== undefined) {
      const commit = resolveCommit(values.base, root);
      if (!commit) throw new GitError(`--base ${values.base} names no commit in this repository (in a CI checkout, fetch the history: fetch-depth: 0).`);
      base = { ref: values.base, commit };
    } else base = defaultBase(root);
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    io.stderr(`sentinel-forge: ${error.message}`);
    return 2;
  }

  progress(`sentinel-forge: comparing ${base.ref} (${base.commit.slice(0, 12)}) with the working tree…`);
  const cache = !values['no-cache'];
  const head = await checkProject({ root, detectionsDir, cache, fresh: true });
  if (hasErrors(head.diagnostics)) {
    io.stderr(formatDiagnostics(head.diagnostics.filter((d) => d.severity === 'error'), 'human'));
    io.stderr('sentinel-forge: the working tree\'s detections have errors (above); fix them to compare.');
    return 1;
  }
  let before: Side;
  try {
    before = await baseSide(base.commit, root, detectionsDir, cache);
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    io.stderr(`sentinel-forge: could not check out ${base.ref}: ${error.message}`);
    return 2;
  }
  const report = compareSides(before, sideOf(head, readLockFile(root).lock));
  const chosen: string = format === 'human' ? 'text' : format;
  if (chosen === 'json') io.stdout(JSON.stringify({ base, summary: summarize(report), detections: report.changes }, null, 2));
  else io.stdout((chosen === 'markdown' ? markdownReport(report, base) : textReport(report, base)).trimEnd());
  return 0;
}

/** The detections at `commit`, compiled from a temporary checkout (removed again before this returns). */
async function baseSide(commit: string, root: string, detectionsDir: string, cache: boolean): Promise<Side> {
  const checkout = checkoutCommit(commit, root);
  try {
    const baseDetections = path.join(checkout.root, path.relative(root, detectionsDir));
    if (!existsSync(baseDetections)) return { detections: new Map(), retired: readLockFile(checkout.root).lock?.retired ?? {} };
    // The project's cache: unchanged detections are not analysed again. Base detections with errors are still
    // compared (from their definitions); only the working tree must be clean.
    const run = await checkProject({ root: checkout.root, detectionsDir: baseDetections, cache, cacheRoot: root, fresh: true });
    return sideOf(run, readLockFile(checkout.root).lock);
  } finally {
    checkout.dispose();
  }
}
