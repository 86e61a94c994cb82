/**
 * Runs every detection's sample cases through the engine, as Sentinel would run the rule, and compares with what
 * each case expects: alert or not, the number of rows, the entity values. Returns outcomes; prints nothing.
 */
import type { LoadedDetection } from '../model/detection.ts';
import type { SampleCase } from '../model/samples.ts';
import type { SchemaSnapshot } from '../schema/tables.ts';
import { compileForEngine, EngineError, type CompiledEngineQuery } from '../engine/index.ts';
import { defaultNow, simulateRule, type RuleRun } from './simulate.ts';

export interface SampleOutcome {
  detectionId: string;
  file: string;
  index: number;
  sample: SampleCase;
  passed: boolean;
  /** Why it failed, one sentence each. */
  problems: string[];
  run?: RuleRun;
}

export function runSamples(detections: readonly LoadedDetection[], queries: ReadonlyMap<string, string>, snapshot: SchemaSnapshot): SampleOutcome[] {
  const outcomes: SampleOutcome[] = [];
  for (const loaded of detections) {
    const samples = loaded.detection.samples ?? [];
    if (samples.length === 0) continue;
    const base = { detectionId: loaded.detection.id, file: loaded.file };
    const text = queries.get(loaded.detection.id);
    let compiled: CompiledEngineQuery | undefined;
    let failure: string | undefined;
    if (text === undefined) failure = 'the detection did not compile, so its samples were not run';
    else {
      try {
        compiled = compileForEngine(text, snapshot);
      } catch (error) {
        failure = error instanceof EngineError ? `${error.message} (in the shipped query)` : String(error);
      }
    }
    samples.forEach((sample, index) => {
      if (!compiled) {
        outcomes.push({ ...base, index, sample, passed: false, problems: [failure!] });
        return;
      }
      outcomes.push({ ...base, index, sample, ...judge(loaded, compiled, sample) });
    });
  }
  return outcomes;
}

function judge(loaded: LoadedDetection, compiled: CompiledEngineQuery, sample: SampleCase): { passed: boolean; problems: string[]; run?: RuleRun } {
  const tables = sample.tables as Record<string, Array<Record<string, unknown>>>;
  let run: RuleRun;
  try {
    run = simulateRule(loaded.detection, compiled, tables, sample.now ? new Date(sample.now) : defaultNow(tables));
  } catch (error) {
    return { passed: false, problems: [error instanceof Error ? error.message : String(error)] };
  }
  const problems: string[] = [];
  const count = run.result.rows.length;
  if (sample.expect === 'alert' && !run.alerts) problems.push(`expected an alert, but the query returned ${count} row${count === 1 ? '' : 's'} and the trigger did not fire`);
  if (sample.expect === 'no-alert' && run.alerts) problems.push(`expected no alert, but the query returned ${count} row${count === 1 ? '' : 's'} and the trigger fired`);
  if (sample.rows !== undefined && sample.rows !== count) problems.push(`expected ${sample.rows} result row${sample.rows === 1 ? '' : 's'}, got ${count}`);
  for (const [type, expected] of Object.entries(sample.entities ?? {})) {
    const actual = run.entities[type] ?? [];
    const missing = (expected ?? []).filter((v) => !actual.includes(v));
    if (missing.length) problems.push(`expected ${type} entities ${JSON.stringify(missing)} in the alert; it carries ${JSON.stringify(actual)}`);
  }
  return { passed: problems.length === 0, problems, run };
}
