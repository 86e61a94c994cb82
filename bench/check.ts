/**
 * `npm run bench:check`: checks 1,000 generated detections and prints the figures issue targets are set on —
 * cold total, raw ParseAndAnalyze of the same queries in the same run, their ratio, a warm (cached) re-check,
 * and peak RSS. Targets: ratio ≤ 1.3, warm ≤ 2 s, peak RSS ≤ 1 GiB. Prints figures; asserts nothing.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkProject } from '../src/project.ts';
import { CACHE_DIR } from '../src/cache/disk-cache.ts';
import { tableSchemaText } from '../src/schema/tables.ts';
import { kusto, toArray } from '../src/kql/kusto.ts';
import { loadSchemaSnapshot } from '../src/schema/project-config.ts';
import { renderQuery } from '../src/render/render-query.ts';
import { writeBenchDetections } from './generate-detections.ts';

const COUNT = Number(process.env.BENCH_COUNT ?? 1000);
const root = fileURLToPath(new URL('../.tmp-test/bench-check/', import.meta.url));
const detectionsDir = writeBenchDetections(root, COUNT);
rmSync(path.join(root, CACHE_DIR), { recursive: true, force: true });
const { snapshot } = loadSchemaSnapshot(root);

async function check(): Promise<{ seconds: number; errors: number; texts: string[] }> {
  const started = performance.now();
  const run = await checkProject({ root, detectionsDir, fresh: true });
  const seconds = (performance.now() - started) / 1000;
  const texts = run.detections.map((l) => renderQuery(l).text!).filter(Boolean);
  return { seconds, errors: run.diagnostics.filter((d) => d.severity === 'error').length, texts };
}

const cold = await check();
console.error(`cold done in ${cold.seconds.toFixed(1)} s`);
const warm = await check();

// Raw analysis of the same query texts: one thread, one GlobalState, nothing else. The library load and the
// first (JIT warm-up) analysis are left out, so this is the cheapest the analysis itself can be.
const K = kusto();
const S = K.Symbols;
const globals = K.GlobalState.Default!.WithDatabase(
  new S.DatabaseSymbol.ctor('workspace', snapshot.tables.map((t) => new S.TableSymbol.$ctor7(t.name, tableSchemaText(t), null)) as never),
)!;
K.KustoCode.ParseAndAnalyze(cold.texts[0], globals);
const rawStarted = performance.now();
for (const text of cold.texts) toArray(K.KustoCode.ParseAndAnalyze(text, globals)!.GetDiagnostics());
const raw = (performance.now() - rawStarted) / 1000;

const peakMiB = process.resourceUsage().maxRSS / 1024;
const fmt = (s: number) => s.toFixed(2) + ' s';
console.log(`detections:                 ${COUNT} (${cold.errors} errors)`);
console.log(`cold check (load+analyse+lint+format, no cache): ${fmt(cold.seconds)}`);
console.log(`raw ParseAndAnalyze, same queries:           ${fmt(raw)}`);
console.log(`overhead ratio (cold / raw):                 ${(cold.seconds / raw).toFixed(2)}  (target ≤ 1.3)`);
console.log(`warm re-check (cache):                       ${fmt(warm.seconds)}  (target ≤ 2 s)`);
console.log(`peak RSS:                                    ${peakMiB.toFixed(0)} MiB  (target ≤ 1024 MiB)`);
