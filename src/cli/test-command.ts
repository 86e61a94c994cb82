/**
 * The `test` command: compile every detection, run each one's sample cases through the in-process engine as
 * Sentinel would run the rule, print one line per detection (and the reasons for any failure), and a summary.
 * Exit 1 when a detection has an error or any case fails.
 */
import path from 'node:path';
import { hasErrors } from '../diagnostics.ts';
import { checkProject } from '../project.ts';
import { runSamples, type SampleOutcome } from '../rule/run-samples.ts';
import { formatDiagnostics, type OutputFormat } from './print.ts';
import type { CliIO, Command } from './command.ts';

export const testCommand: Command = {
  summary: "run every detection's sample events through the in-process KQL engine; exit 1 when a case fails",
  run: ({ io, values, format, detectionsDir }) => runTests({ detectionsDir, format, quiet: values.quiet, cache: !values['no-cache'] }, io),
};

export interface TestOptions {
  detectionsDir: string;
  format: OutputFormat;
  quiet: boolean;
  cache: boolean;
}

export async function runTests(options: TestOptions, io: CliIO): Promise<number> {
  const started = performance.now();
  const run = await checkProject({ root: io.cwd, detectionsDir: options.detectionsDir, cache: options.cache, fresh: true });
  if (hasErrors(run.diagnostics)) {
    io.stdout(formatDiagnostics(run.diagnostics, options.format));
    io.stderr(`sentinel-forge: detections have errors; no samples were run.`);
    return 1;
  }
  const outcomes = runSamples(run.detections, run.queries, run.snapshot);
  if (options.format === 'json') io.stdout(JSON.stringify(outcomes.map(summary), null, 2));
  else io.stdout(humanReport(outcomes));
  const failed = outcomes.filter((o) => !o.passed).length;
  const detections = new Set(outcomes.map((o) => o.detectionId)).size;
  const untested = run.detections.filter((l) => !l.detection.samples?.length).map((l) => l.detection.id);
  if (!options.quiet) {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    io.stderr(`sentinel-forge: ${detections} detections, ${outcomes.length - failed} sample cases passed, ${failed} failed${untested.length ? `; no samples: ${untested.join(', ')}` : ''} (${seconds} s, ${path.relative(io.cwd, options.detectionsDir) || '.'}).`);
  }
  return failed > 0 ? 1 : 0;
}

function humanReport(outcomes: SampleOutcome[]): string {
  const byDetection = new Map<string, SampleOutcome[]>();
  for (const o of outcomes) byDetection.set(o.detectionId, [...(byDetection.get(o.detectionId) ?? []), o]);
  const lines: string[] = [];
  for (const [id, cases] of byDetection) {
    const failed = cases.filter((c) => !c.passed);
    lines.push(`${failed.length ? 'FAIL' : 'ok  '} ${id} (${cases.length - failed.length}/${cases.length})`);
    for (const c of failed) {
      lines.push(`     ${c.file}: samples[${c.index}] "${c.sample.name}" (expect ${c.sample.expect})`);
      for (const p of c.problems) lines.push(`       ${p}`);
    }
  }
  return lines.join('\n');
}

function summary(o: SampleOutcome) {
  return {
    detectionId: o.detectionId, file: o.file, sample: o.index, name: o.sample.name, expect: o.sample.expect, passed: o.passed, problems: o.problems,
    ...(o.run ? { alerted: o.run.alerts, rows: o.run.result.rows.length, entities: o.run.entities } : {}),
  };
}
