/**
 * `sentinel-forge baseline --policies <file>`: reads a PIM policy export, loads the baselines from the detection
 * files and prints every deviation. Exit codes: 0 compliant, 1 deviations, 2 unreadable input or usage errors.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { baselineProblems, unnameableRoles } from '../baseline/check-baseline.ts';
import { compareWithBaselines, SETTING_LABELS, type Deviation } from '../baseline/compare.ts';
import { decodeExport, parsePolicyExport, type PolicyExport } from '../baseline/policy-export.ts';
import { loadDetections } from '../load/load-detections.ts';
import { formatDiagnostics } from './print.ts';
import type { CliIO, Command } from './command.ts';

/** `github` annotations point at files and lines; deviations have neither, so baseline prints these two only. */
export const BASELINE_FORMATS = ['human', 'json'] as const;

export const baselineCommand: Command = {
  summary: 'compare a PIM policy export (--policies) with the baselines; exit 1 when a role deviates',
  formats: BASELINE_FORMATS,
  run: ({ io, values, format, detectionsDir }) => runBaseline({ policies: values.policies, detectionsDir, format, quiet: values.quiet }, io),
};

/** What main() resolved from the command line for `baseline`. */
export interface BaselineOptions {
  /** The export file as the user wrote it (messages repeat it that way). */
  policies: string | undefined;
  detectionsDir: string;
  format: string;
  quiet: boolean;
}

/** Run `baseline`; returns the exit code. */
export async function runBaseline(options: BaselineOptions, io: CliIO): Promise<number> {
  if (!options.policies) {
    io.stderr('sentinel-forge: baseline needs --policies <file.json>, a PIM policy export (see the README, "Checking PIM settings against the baselines").');
    return 2;
  }
  const file = options.policies;
  const exported = readExport(path.resolve(io.cwd, file));
  if (!exported.ok) {
    io.stderr(`sentinel-forge: ${file}: ${exported.message}`);
    return 2;
  }

  // fresh: a process that runs the CLI twice (tests, watch tools) sees edited baseline files.
  const loaded = await loadDetections(options.detectionsDir, io.cwd, { fresh: true });
  const unloadable = loaded.diagnostics.filter((d) => d.code === 'SF0001');
  if (unloadable.length > 0) {
    // A file that does not load may hold a baseline: comparing without it could pass a policy that should fail.
    io.stderr(`${formatDiagnostics(unloadable, 'human')}\n\nsentinel-forge: baselines not checked: fix the files above first.`);
    return 2;
  }
  const applicable = loaded.baselines.filter(({ baseline }) => baseline.scope === exported.scope);
  if (applicable.length === 0) {
    const folder = path.relative(io.cwd, options.detectionsDir) || '.';
    io.stderr(`sentinel-forge: ${file} is a${exported.scope === 'DirectoryRole' ? 'n Entra ID' : 'n Azure resource'} role export, but ${folder} has no defineBaseline({ scope: '${exported.scope}', … }) to compare it with.`);
    return 2;
  }
  const problems = applicable.flatMap(({ baseline, file: where }) => baselineProblems(baseline).map((p) => `${where}: baseline '${baseline.id}': ${p}`));
  if (problems.length > 0) {
    io.stderr(problems.map((p) => `sentinel-forge: ${p}`).join('\n'));
    return 2;
  }
  for (const { baseline, file: where } of applicable) {
    for (const role of unnameableRoles(baseline)) {
      io.stderr(`sentinel-forge: warning: ${where}: baseline '${baseline.id}' lists '${role}', which a Graph export names only by template id and this tool does not know; write the role's template id instead, or add it to src/baseline/well-known-roles.ts.`);
    }
  }

  const baselines = applicable.map(({ baseline }) => baseline);
  const deviations = compareWithBaselines(baselines, exported.policies);
  if (options.format === 'json') io.stdout(JSON.stringify(deviations, null, 2));
  else if (deviations.length > 0) io.stdout(deviations.map(formatDeviation).join('\n'));
  if (!options.quiet) {
    const roles = new Set(baselines.flatMap((b) => b.roles.map((r) => r.trim().toLowerCase()))).size;
    const count = deviations.length === 0 ? 'no deviations' : `${deviations.length} deviation${deviations.length === 1 ? '' : 's'}`;
    io.stderr(`sentinel-forge: ${count} in ${file}: ${roles} role${roles === 1 ? '' : 's'} checked against ${baselines.map((b) => b.id).join(', ')}.`);
  }
  return deviations.length > 0 ? 1 : 0;
}

/** `Global Administrator: approval stages: expected ≥ 2, actual 1` */
export function formatDeviation(d: Deviation): string {
  return `${d.role}: ${SETTING_LABELS[d.setting]}: expected ${d.expected}, actual ${d.actual}`;
}

function readExport(absolute: string): PolicyExport {
  if (!existsSync(absolute)) return { ok: false, message: 'file not found.' };
  if (statSync(absolute).isDirectory()) return { ok: false, message: 'is a folder, expected a .json file.' };
  const text = decodeExport(readFileSync(absolute));
  // `az rest … > file` leaves an empty file when the request fails (the error goes to the terminal).
  if (text.trim() === '') return { ok: false, message: 'the file is empty; did the export command fail?' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `not valid JSON: ${jsonErrorAt(text, (error as Error).message)}. Save the response exactly as az rest or Graph Explorer returns it.` };
  }
  return parsePolicyExport(json);
}

/** Node 20 reports JSON errors by character offset; editors go by line and column. */
function jsonErrorAt(text: string, message: string): string {
  const offset = /at position (\d+)/.exec(message);
  if (!offset || /line \d+/.test(message)) return message;
  const before = text.slice(0, Number(offset[1])).split('\n');
  return `${message.replace(/ in JSON at position \d+.*$/, '')} at line ${before.length}, column ${before[before.length - 1].length + 1}`;
}
