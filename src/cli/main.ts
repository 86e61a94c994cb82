/**
 * The command line: argument parsing and dispatch. Commands (commands.ts) do their own file I/O and printing;
 * nothing outside src/cli/ prints or exits. Exit codes: 0 ok, 1 detection errors (test: failed cases; baseline:
 * deviations), 2 usage errors or unreadable input.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CACHE_DIR } from '../cache/disk-cache.ts';
import type { CliIO, OptionValues } from './command.ts';
import { COMMANDS } from './commands.ts';
import { FORMATS, type OutputFormat } from './print.ts';

export type { CliIO } from './command.ts';

/** Every option, declared once: parsing, defaults and help text derive from this table. */
const OPTIONS = {
  detections: { type: 'string', default: 'detections', help: 'folder of detection definitions (*.ts)' },
  out: { type: 'string', default: 'dist', help: 'output folder, replaced atomically on success (build; docs links to it; import: the folder detections go to, default detections/imported)' },
  'out-docs': { type: 'string', default: 'docs/detections.md', help: 'Markdown catalogue the docs command writes' },
  policies: { type: 'string', help: 'PIM policy export (Graph or ARM JSON) to compare with the baselines (baseline)' },
  table: { type: 'string', multiple: true, help: 'Name=file.json|file.jsonl: exported records of a table (run; repeatable)' },
  now: { type: 'string', help: 'ISO 8601 time the rule runs at (run; default: a minute after the latest event)' },
  force: { type: 'boolean', help: 'replace detections imported before, keeping their id and version (import)' },
  base: { type: 'string', help: 'git ref to compare the working tree with (diff; default: the merge base with origin/HEAD, main or master)' },
  bump: { type: 'boolean', help: 'raise the versions that changes need, in the detection files, before recording them (version)' },
  format: { type: 'string', default: 'human', help: `output format: ${FORMATS.join(' | ')} (run: json or table; diff: text, markdown or json)` },
  json: { type: 'boolean', default: false, help: 'same as --format json' },
  strict: { type: 'boolean', default: false, help: 'treat warnings (best-practice lints, style) as errors' },
  'no-cache': { type: 'boolean', default: false, help: `analyse every query again instead of reusing ${CACHE_DIR}/` },
  quiet: { type: 'boolean', default: false, help: 'print diagnostics only, no progress or summary' },
  help: { type: 'boolean', default: false, help: 'show this help' },
} as const;

export function usage(): string {
  const entries = Object.entries(COMMANDS).map(([name, c]) => [c.usage ? `${name} ${c.usage}` : name, c.summary] as const);
  const width = Math.max(...entries.map(([name]) => name.length)) + 2;
  const options = Object.entries(OPTIONS).map(([name, o]) => {
    const flag = o.type === 'string' ? `--${name} <value>` : `--${name}`;
    const def = 'default' in o && o.type === 'string' ? ` (default: ${o.default})` : '';
    return `  ${flag.padEnd(22)}${o.help}${def}`;
  });
  return [
    'Usage: sentinel-forge <command> [options]', '', 'Commands:', ...entries.map(([name, text]) => `  ${name.padEnd(width)}${text}`),
    '', 'Options:', ...options, '', 'Exit codes: 0 ok, 1 detection errors, failed samples or baseline deviations, 2 usage errors or unreadable input.',
  ].join('\n');
}

const processIO: CliIO = { stdout: (t) => process.stdout.write(t + '\n'), stderr: (t) => process.stderr.write(t + '\n'), cwd: process.cwd() };

/** Run the CLI; returns the exit code (the caller exits, so tests can call this in-process). */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS as unknown as NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    io.stderr(`sentinel-forge: ${(error as Error).message}\n\n${usage()}`);
    return 2;
  }
  const values = parsed.values as unknown as OptionValues;
  const [name, ...args] = parsed.positionals;
  if (values.help || name === 'help') {
    io.stdout(usage());
    return 0;
  }
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command || args.length > (command.maxArgs ?? 0)) {
    io.stderr(`sentinel-forge: ${name ? `unknown command or extra argument: ${parsed.positionals.join(' ')}` : 'no command given'}\n\n${usage()}`);
    return 2;
  }
  const given = new Set(parsed.tokens.flatMap((t) => (t.kind === 'option' ? [t.name] : [])));
  for (const [option, value] of Object.entries(command.defaults ?? {})) if (!given.has(option)) (values as unknown as Record<string, unknown>)[option] = value;
  const format = (values.json ? 'json' : values.format) as OutputFormat;
  const formats: readonly string[] = command.formats ?? FORMATS;
  if (!formats.includes(format)) {
    io.stderr(`sentinel-forge: ${command.formats ? `${name} ` : ''}--format must be one of ${formats.join(', ')}`);
    return 2;
  }
  for (const [option, owner] of [['policies', 'baseline'], ['table', 'run'], ['now', 'run'], ['force', 'import'], ['base', 'diff'], ['bump', 'version']] as const) {
    if (values[option] !== undefined && name !== owner) {
      io.stderr(`sentinel-forge: --${option} is for the ${owner} command, not ${name}`);
      return 2;
    }
  }
  const detectionsDir = path.resolve(io.cwd, values.detections);
  if (!command.detectionsOptional && (!existsSync(detectionsDir) || !statSync(detectionsDir).isDirectory())) {
    io.stderr(`sentinel-forge: detections folder not found: ${values.detections}`);
    return 2;
  }
  return command.run({ io, args, values, format, detectionsDir });
}
