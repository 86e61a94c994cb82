/**
 * Helpers for the import tests: a throw-away project to import into, the CLI's JSON diagnostics, a type check of
 * the generated files with the repository's compiler options, and the rule comparison the round trip is judged by.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../../src/diagnostics.ts';
import { formatQuery } from '../../src/kql/format.ts';
import { makeProject, REPO_ROOT, runCli, SHARED } from '../helpers.ts';

export const REFERENCE_RULES = path.join(SHARED, 'reference', 'sentinel-rules');
export const ARM_EXAMPLES = path.join(SHARED, 'reference', 'arm-examples');

/** Both sides of a round trip go through Kusto's formatter, as the build does with every query it writes. */
export const formatted = (query: string): string => formatQuery(query) ?? query;

export interface Cli {
  code: number;
  stdout: string;
  stderr: string;
}

/** A project to import into; `files` are written first (config, existing detections, input rules). */
export function importProject(files: Record<string, string> = {}) {
  const project = makeProject(files);
  return {
    ...project,
    path: (rel: string) => path.join(project.dir, rel),
    read: (rel: string) => readFileSync(path.join(project.dir, rel), 'utf8'),
    write: (rel: string, text: string) => writeFileSync(path.join(project.dir, rel), text),
    cli: (argv: string[]): Promise<Cli> => runCli(argv, project.dir),
  };
}

/** The diagnostics of a `--format json` run. */
export function jsonDiagnostics(cli: Cli): Diagnostic[] {
  return JSON.parse(cli.stdout) as Diagnostic[];
}

/** `tsc --noEmit` over `include` (globs relative to `dir`) with the repository's compiler options. */
export function typeCheck(dir: string, include: string[]): { ok: boolean; output: string } {
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ extends: path.join(REPO_ROOT, 'tsconfig.json'), include }));
  try {
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', dir], { encoding: 'utf8' });
    return { ok: true, output: '' };
  } catch (error) {
    return { ok: false, output: String((error as { stdout?: string }).stdout ?? error) };
  }
}

/** The `"tables"` block the import printed, as JSON text (everything after its heading). */
export function printedConfig(stdout: string): string {
  const at = stdout.indexOf('Add to sentinel-forge.config.json');
  if (at < 0) throw new Error(`no config suggestion in:\n${stdout}`);
  return stdout.slice(stdout.indexOf('{', at)).trim();
}
