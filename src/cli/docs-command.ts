/**
 * The `docs` command: check the project as `build` does, then write the detection catalogue (Markdown) with
 * links to the artefacts in the output folder. Writes nothing when any detection has an error.
 */
import path from 'node:path';
import { hasErrors } from '../diagnostics.ts';
import { checkProject } from '../project.ts';
import { detectionsDoc } from '../docs/detections-doc.ts';
import { formatDiagnostics, type OutputFormat } from './print.ts';
import { writeFileAtomic } from './write-output.ts';
import type { CliIO, Command } from './command.ts';

export const docsCommand: Command = {
  summary: 'check every detection and write the Markdown catalogue (--out-docs) linking to the outputs in --out',
  run: ({ io, values, format, detectionsDir }) =>
    runDocs({ detectionsDir, docsFile: path.resolve(io.cwd, values['out-docs']), outDir: path.resolve(io.cwd, values.out), format, quiet: values.quiet, strict: values.strict, cache: !values['no-cache'] }, io),
};

export interface DocsOptions {
  detectionsDir: string;
  /** The Markdown file to write. */
  docsFile: string;
  /** The build output the catalogue links to. */
  outDir: string;
  format: OutputFormat;
  quiet: boolean;
  strict: boolean;
  cache: boolean;
}

export async function runDocs(options: DocsOptions, io: CliIO): Promise<number> {
  const progress = (text: string) => { if (!options.quiet && options.format === 'human') io.stderr(text); };
  const shown = (p: string) => path.relative(io.cwd, p) || '.';
  progress(`sentinel-forge: checking the detections in ${shown(options.detectionsDir)}…`);
  const run = await checkProject({ root: io.cwd, detectionsDir: options.detectionsDir, strict: options.strict, cache: options.cache, fresh: true });
  if (options.format === 'json') io.stdout(formatDiagnostics(run.diagnostics, 'json'));
  else if (run.diagnostics.length > 0) io.stdout(formatDiagnostics(run.diagnostics, options.format));
  if (hasErrors(run.diagnostics)) {
    progress(`sentinel-forge: detections have errors; ${shown(options.docsFile)} not written.`);
    return 1;
  }
  const content = detectionsDoc(run, { root: io.cwd, docsFile: options.docsFile, outDir: options.outDir });
  try {
    writeFileAtomic(options.docsFile, content);
  } catch (error) {
    io.stderr(`sentinel-forge: ${(error as Error).message}`);
    return 1;
  }
  progress(`sentinel-forge: ${run.entries.length} detections → ${shown(options.docsFile)} (links to ${shown(options.outDir)}).`);
  return 0;
}
