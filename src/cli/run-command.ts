/**
 * The `run` command: run one compiled detection over exported log records and print its result rows and whether
 * the rule would alert — the exact shipped query, evaluated in-process.
 *   sentinel-forge run <detection-id> --table AuditLogs=events.json [--table …] [--now 2026-11-02T10:00:00Z] [--format json|table]
 */
import path from 'node:path';
import { hasErrors } from '../diagnostics.ts';
import { checkProject } from '../project.ts';
import { compileForEngine, EngineError } from '../engine/index.ts';
import { defaultNow, simulateRule } from '../rule/simulate.ts';
import { readRecords, RecordsError } from '../rule/read-records.ts';
import { formatDiagnostics } from './print.ts';
import type { CliIO, Command } from './command.ts';

export const runCommand: Command = {
  summary: 'run one detection over exported records (--table Name=file.json, --now); print its rows and whether it alerts',
  usage: '<detection-id>',
  maxArgs: 1,
  // human (the CLI default) and table both print the text table.
  formats: ['human', 'table', 'json'],
  run: ({ io, values, args, detectionsDir, format }) =>
    runDetection({ detectionId: args[0], detectionsDir, tables: values.table ?? [], now: values.now, format: format === 'json' ? 'json' : 'table', cache: !values['no-cache'] }, io),
};

export interface RunOptions {
  detectionId: string | undefined;
  detectionsDir: string;
  tables: string[];
  now: string | undefined;
  format: 'json' | 'table';
  cache: boolean;
}

export async function runDetection(options: RunOptions, io: CliIO): Promise<number> {
  if (!options.detectionId) {
    io.stderr('sentinel-forge: run needs a detection id: sentinel-forge run <detection-id> --table <Name>=<file.json>');
    return 2;
  }
  const now = options.now === undefined ? undefined : new Date(options.now);
  if (now && Number.isNaN(now.getTime())) {
    io.stderr(`sentinel-forge: --now ${options.now} is not an ISO 8601 date-time.`);
    return 2;
  }
  const specs: Array<[string, string]> = [];
  for (const spec of options.tables) {
    const at = spec.indexOf('=');
    if (at <= 0) {
      io.stderr(`sentinel-forge: --table ${spec}: write --table <TableName>=<file.json|file.jsonl>.`);
      return 2;
    }
    specs.push([spec.slice(0, at), path.resolve(io.cwd, spec.slice(at + 1))]);
  }
  const run = await checkProject({ root: io.cwd, detectionsDir: options.detectionsDir, cache: options.cache, fresh: true });
  const loaded = run.detections.find((l) => l.detection.id === options.detectionId);
  if (!loaded) {
    io.stderr(`sentinel-forge: no detection with id '${options.detectionId}'. Known: ${run.detections.map((l) => l.detection.id).join(', ')}.`);
    return 2;
  }
  const own = run.diagnostics.filter((d) => d.detectionId === options.detectionId || d.file === loaded.file);
  if (hasErrors(own) || !run.queries.has(options.detectionId)) {
    io.stdout(formatDiagnostics(own, 'human'));
    return 1;
  }
  const tables: Record<string, Array<Record<string, unknown>>> = {};
  try {
    for (const [name, file] of specs) {
      const schema = run.snapshot.tables.find((t) => t.name === name);
      if (!schema) throw new RecordsError(`--table ${name}: unknown table. Known: ${run.snapshot.tables.map((t) => t.name).join(', ')} (declare others in sentinel-forge.config.json).`);
      tables[name] = [...(tables[name] ?? []), ...readRecords(file, schema)];
    }
  } catch (error) {
    io.stderr(`sentinel-forge: ${(error as Error).message}`);
    return 2;
  }
  let result;
  try {
    const compiled = compileForEngine(run.queries.get(options.detectionId)!, run.snapshot);
    result = simulateRule(loaded.detection, compiled, tables, now ?? defaultNow(tables));
  } catch (error) {
    io.stderr(`sentinel-forge: ${error instanceof EngineError ? `${loaded.file}: ${error.message}` : String(error)}`);
    return 1;
  }
  if (options.format === 'json') {
    io.stdout(JSON.stringify({ detectionId: options.detectionId, now: result.now.toISOString(), window: { start: result.window.start.toISOString(), end: result.window.end.toISOString() }, alerts: result.alerts, columns: result.result.columns, rows: result.result.rows, entities: result.entities, customDetails: result.customDetails }, null, 2));
  } else {
    io.stdout(table(result.result.columns.map((c) => c.name), result.result.rows));
    io.stdout(`\n${result.result.rows.length} row${result.result.rows.length === 1 ? '' : 's'} in ${result.window.start.toISOString()} … ${result.window.end.toISOString()}; ${result.alerts ? 'the rule would ALERT' : 'the rule would not alert'}.`);
    for (const [type, values] of Object.entries(result.entities)) io.stdout(`  ${type}: ${values.join(', ')}`);
  }
  return 0;
}

/** A plain-text table, columns padded to their widest value (cells cut at 60 characters). */
function table(columns: string[], rows: Array<Record<string, unknown>>): string {
  const cell = (v: unknown) => {
    const text = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
    return text.length > 60 ? text.slice(0, 57) + '...' : text;
  };
  const cells = rows.map((r) => columns.map((c) => cell(r[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
