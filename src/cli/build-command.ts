/**
 * `build` and `check`: check every detection; `build` then writes every artefact, replacing the output folder
 * atomically, and records new or re-versioned detections in the lock file. Nothing is written when any detection
 * has an error. `check` also fails when the lock or the committed output folder is not what the sources give.
 */
import path from 'node:path';
import { hasErrors, sortDiagnostics } from '../diagnostics.ts';
import { LOCK_FILE } from '../lock/lock-file.ts';
import { checkProject } from '../project.ts';
import { formatDiagnostics } from './print.ts';
import { OutputFolderError, writeOutput } from './write-output.ts';
import { guardProject, writeLock } from './project-guards.ts';
import type { Command, CommandContext } from './command.ts';

export const buildCommand: Command = {
  summary: 'check every detection and write the KQL, Sentinel ARM + YAML, Azure Monitor ARM, manifest.json and attack-layer.json',
  run: (context) => buildOrCheck(context, true),
};

export const checkCommand: Command = {
  summary: 'everything build checks, plus the lock file (versions) and that --out holds what the sources build; writes nothing',
  run: (context) => buildOrCheck(context, false),
};

async function buildOrCheck({ io, values, format, detectionsDir }: CommandContext, write: boolean): Promise<number> {
  const started = performance.now();
  const progress = (text: string) => { if (!values.quiet && format === 'human') io.stderr(text); };
  const shown = (p: string) => path.relative(io.cwd, p) || '.';
  progress(`sentinel-forge: checking the detections in ${shown(detectionsDir)}…`);
  // fresh: a process that runs the CLI twice (tests, watch tools) sees edited detection files.
  const run = await checkProject({ root: io.cwd, detectionsDir, strict: values.strict, cache: !values['no-cache'], fresh: true });
  const outDir = path.resolve(io.cwd, values.out);
  // The lock file (versions, identity) and, for check, the committed output folder: see project-guards.ts.
  const guarded = await guardProject(run, { root: io.cwd, mode: write ? 'record' : 'check', outDir: write ? undefined : outDir });
  const diagnostics = sortDiagnostics([...run.diagnostics, ...guarded.diagnostics]);
  const { artefacts } = run;
  if (format === 'json') io.stdout(formatDiagnostics(diagnostics, 'json'));
  else if (diagnostics.length > 0) io.stdout(formatDiagnostics(diagnostics, format));
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = `${diagnostics.length - errors} warning${diagnostics.length - errors === 1 ? '' : 's'}`;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (hasErrors(diagnostics)) {
    progress(`sentinel-forge: ${errors} error${errors === 1 ? '' : 's'}, ${warnings}; nothing written (${seconds} s).`);
    return 1;
  }
  if (!write) {
    progress(`sentinel-forge: ${run.detections.length} detections checked, ${warnings}, schema ${run.snapshot.version} (${seconds} s).`);
    return 0;
  }
  let recorded = '';
  try {
    writeOutput(outDir, artefacts);
    if (guarded.nextLockText !== undefined && writeLock(guarded.lock, guarded.nextLockText)) recorded = `; ${LOCK_FILE} updated`;
  } catch (error) {
    io.stderr(`sentinel-forge: ${(error as Error).message}`);
    return error instanceof OutputFolderError ? 2 : 1;
  }
  progress(`sentinel-forge: ${run.detections.length} detections → ${artefacts.length} files in ${shown(outDir)}${recorded}, ${warnings}, schema ${run.snapshot.version} (${seconds} s).`);
  return 0;
}
