/**
 * Analyses many queries: cached results first, then the rest in a pool of worker threads sized to the machine
 * (each worker loads Kusto.Language once; two workers on two cores are 1.4× one, a third is slower —
 * toolchain-notes §3). A handful of queries is analysed in-process, where a worker's start-up would cost more.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SchemaSnapshot } from '../schema/tables.ts';
import { QueryAnalyzer, type QueryAnalysis } from './analyze.ts';
import type { AnalysisCache } from './analysis-cache.ts';

/** Below this many uncached queries, analysing in-process beats starting workers. */
const IN_PROCESS_LIMIT = 24;
const MAX_WORKERS = 2;

export interface AnalyzeOptions {
  cache?: AnalysisCache;
  /** Worker threads to use; 0 analyses in-process. Default: min(cores, 2). */
  workers?: number;
}

const analyzers = new Map<string, QueryAnalyzer>();

/** Analyse every text; results come back in input order. */
export async function analyzeQueries(texts: readonly string[], snapshot: SchemaSnapshot, options: AnalyzeOptions = {}): Promise<QueryAnalysis[]> {
  const results = new Map<string, QueryAnalysis>();
  const misses: string[] = [];
  for (const text of new Set(texts)) {
    const cached = options.cache?.get(options.cache.key(text, snapshot.version));
    if (cached) results.set(text, cached);
    else misses.push(text);
  }
  const workers = Math.min(options.workers ?? Math.min(availableParallelism(), MAX_WORKERS), Math.ceil(misses.length / 8));
  const fresh = workers <= 1 || misses.length < IN_PROCESS_LIMIT ? analyzeInProcess(misses, snapshot) : await analyzeInWorkers(misses, snapshot, workers);
  misses.forEach((text, i) => {
    results.set(text, fresh[i]);
    options.cache?.set(options.cache.key(text, snapshot.version), fresh[i]);
  });
  return texts.map((t) => results.get(t)!);
}

function analyzeInProcess(texts: string[], snapshot: SchemaSnapshot): QueryAnalysis[] {
  if (texts.length === 0) return [];
  let analyzer = analyzers.get(snapshot.version);
  if (!analyzer) analyzers.set(snapshot.version, (analyzer = new QueryAnalyzer(snapshot)));
  return texts.map((t) => analyzer.analyze(t));
}

async function analyzeInWorkers(texts: string[], snapshot: SchemaSnapshot, count: number): Promise<QueryAnalysis[]> {
  const results: QueryAnalysis[] = new Array(texts.length);
  let next = 0;
  // A larger young generation: Kusto.Language allocates many short-lived objects; V8's default makes it scavenge
  // far more often (about 10% of analysis time, toolchain-notes §3).
  const pool = Array.from({ length: count }, () => new Worker(new URL('./analysis-worker.mjs', import.meta.url), { workerData: { snapshot }, resourceLimits: { maxYoungGenerationSizeMb: 96 } }));
  try {
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= texts.length) return resolve();
              const id = next++;
              worker.postMessage({ id, text: texts[id] });
            };
            worker.on('message', (message: { ready?: true; id?: number; result?: QueryAnalysis; error?: string }) => {
              if (message.error !== undefined) return reject(new Error(`analysis worker failed: ${message.error}`));
              if (message.id !== undefined) results[message.id] = message.result!;
              send();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => { if (code !== 0) reject(new Error(`analysis worker exited with code ${code}`)); });
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results;
}
