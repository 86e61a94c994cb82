/**
 * The command line: argument parsing, file I/O, printing and exit codes live here and nowhere else.
 * Exit codes: 0 ok, 1 detection errors (baseline: deviations), 2 usage or environment errors.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { hasErrors, type Diagnostic } from '../diagnostics.ts';
import { checkProject } from '../project.ts';
import { FORMATS, formatDiagnostics, type OutputFormat } from './print.ts';
import { OutputFolderError, writeOutput } from './write-output.ts';
import { existsSync, statSync } from 'node:fs';
import { CACHE_DIR } from '../cache/disk-cache.ts';
import { runBaseline } from './baseline-command.ts';
import { runDocs } from './docs.ts';

/** Every option, declared once: parsing, defaults and help text derive from this table. */
const OPTIONS = {
  detections: { type: 'string', default: 'detections', help: 'folder of detection definitions (*.ts)' },
  out: { type: 'string', default: 'dist', help: 'output folder, replaced atomically on success (build; docs links to it)' },
  'out-docs': { type: 'string', default: 'docs/detections.md', help: 'Markdown catalogue the docs command writes' },
  policies: { type: 'string', help: 'PIM policy export (Graph or ARM JSON) to compare with the baselines (baseline only)' },
  format: { type: 'string', default: 'human', help: `diagnostics format: ${FORMATS.join(' | ')}` },
  json: { type: 'boolean', default: false, help: 'same as --format json' },
  strict: { type: 'boolean', default: false, help: 'treat warnings (best-practice lints, style) as errors' },
  'no-cache': { type: 'boolean', default: false, help: `analyse every query again instead of reusing ${CACHE_DIR}/` },
  quiet: { type: 'boolean', default: false, help: 'print diagnostics only, no progress or summary' },
  help: { type: 'boolean', default: false, help: 'show this help' },
} as const;

const COMMANDS = {
  build: 'check every detection and write the KQL, Sentinel ARM + YAML, Azure Monitor ARM, manifest.json and attack-layer.json',
  check: 'everything build checks; writes nothing',
  docs: 'check every detection and write the Markdown catalogue (--out-docs) linking to the outputs in --out',
  baseline: 'compare a PIM policy export (--policies) with the baselines; exit 1 when a role deviates',
} as const;

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length)) + 2;
  const commands = Object.entries(COMMANDS).map(([name, text]) => `  ${name.padEnd(width)}${text}`);
  const options = Object.entries(OPTIONS).map(([name, o]) => {
    const flag = o.type === 'string' ? `--${name} <value>` : `--${name}`;
    const def = o.type === 'string' && 'default' in o ? ` (default: ${o.default})` : '';
    return `  ${flag.padEnd(22)}${o.help}${def}`;
  });
  return ['Usage: sentinel-forge <command> [options]', '', 'Commands:', ...commands, '', 'Options:', ...options, '', 'Exit codes: 0 ok, 1 detection errors or baseline deviations, 2 usage errors or unreadable input.'].join('\n');
}

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

const processIO: CliIO = { stdout: (t) => process.stdout.write(t + '\n'), stderr: (t) => process.stderr.write(t + '\n'), cwd: process.cwd() };

/** Run the CLI; returns the exit code (the caller exits, so tests can call this in-process). */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS as unknown as NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>, allowPositionals: true, strict: true });
  } catch (error) {
    io.stderr(`sentinel-forge: ${(error as Error).message}\n\n${usage()}`);
    return 2;
  }
  const values = parsed.values as { detections: string; out: string; 'out-docs': string; policies?: string; format: string; json: boolean; strict: boolean; 'no-cache': boolean; quiet: boolean; help: boolean };
  const [command, ...extra] = parsed.positionals;
  if (values.help || command === 'help') {
    io.stdout(usage());
    return 0;
  }
  if (!command || !(command in COMMANDS) || extra.length > 0) {
    io.stderr(`sentinel-forge: ${command ? `unknown command or extra argument: ${[command, ...extra].join(' ')}` : 'no command given'}\n\n${usage()}`);
    return 2;
  }
  const format = (values.json ? 'json' : values.format) as OutputFormat;
  if (!FORMATS.includes(format)) {
    io.stderr(`sentinel-forge: --format must be one of ${FORMATS.join(', ')}`);
    return 2;
  }
  const detectionsDir = path.resolve(io.cwd, values.detections);
  if (!existsSync(detectionsDir) || !statSync(detectionsDir).isDirectory()) {
    io.stderr(`sentinel-forge: detections folder not found: ${values.detections}`);
    return 2;
  }
  if (command === 'baseline') return runBaseline({ policies: values.policies, detectionsDir, format, quiet: values.quiet }, io);
  if (values.policies !== undefined) {
    io.stderr(`sentinel-forge: --policies is for the baseline command, not ${command}`);
    return 2;
  }
  if (command === 'docs') return runDocs({ detectionsDir, docsFile: path.resolve(io.cwd, values['out-docs']), outDir: path.resolve(io.cwd, values.out), format, quiet: values.quiet, strict: values.strict, cache: !values['no-cache'] }, io);
  return runBuild(command as keyof typeof COMMANDS, detectionsDir, path.resolve(io.cwd, values.out), format, values, io);
}

async function runBuild(command: keyof typeof COMMANDS, detectionsDir: string, outDir: string, format: OutputFormat, flags: { quiet: boolean; strict: boolean; 'no-cache': boolean }, io: CliIO): Promise<number> {
  const started = performance.now();
  const progress = (text: string) => { if (!flags.quiet && format === 'human') io.stderr(text); };
  progress(`sentinel-forge: checking the detections in ${path.relative(io.cwd, detectionsDir) || '.'}…`);
  // fresh: a process that runs the CLI twice (tests, watch tools) sees edited detection files.
  const run = await checkProject({ root: io.cwd, detectionsDir, strict: flags.strict, cache: !flags['no-cache'], fresh: true });
  const { diagnostics, artefacts } = run;
  report(diagnostics, format, io);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (hasErrors(diagnostics)) {
    progress(`sentinel-forge: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}; nothing written (${seconds} s).`);
    return 1;
  }
  if (command === 'build') {
    try {
      writeOutput(outDir, artefacts);
    } catch (error) {
      io.stderr(`sentinel-forge: ${(error as Error).message}`);
      return error instanceof OutputFolderError ? 2 : 1;
    }
    progress(`sentinel-forge: ${run.detections.length} detections → ${artefacts.length} files in ${path.relative(io.cwd, outDir) || '.'}, ${warnings} warning${warnings === 1 ? '' : 's'}, schema ${run.snapshot.version} (${seconds} s).`);
  } else {
    progress(`sentinel-forge: ${run.detections.length} detections checked, ${warnings} warning${warnings === 1 ? '' : 's'}, schema ${run.snapshot.version} (${seconds} s).`);
  }
  return 0;
}

function report(diagnostics: Diagnostic[], format: OutputFormat, io: CliIO): void {
  if (format === 'json') io.stdout(formatDiagnostics(diagnostics, 'json'));
  else if (diagnostics.length > 0) io.stdout(formatDiagnostics(diagnostics, format));
}
