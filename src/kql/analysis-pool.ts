/**
 * Analyses many queries: cached results first, then the rest in a pool of worker threads sized to the machine
 * (each worker loads Kusto.Language once; two workers on two cores are 1.4× one, a third is slower —
 * toolchain-notes §3). A handful of queries is analysed in-process, where a worker's start-up would cost more.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SchemaSnapshot } from '../schema/tables.ts';
import { QueryAnalyzer, type QueryAnalysis } from './analyze.ts';
import type { DiskCache } from '../cache/disk-cache.ts';

/** Below this many uncached queries, analysing in-process beats starting workers. */
export const IN_PROCESS_LIMIT = 24;
const MAX_WORKERS = 2;

export interface AnalyzeOptions {
  cache?: DiskCache<QueryAnalysis>;
  /** Worker threads to use; 0 analyses in-process. Default: min(cores, 2). */
  workers?: number;
  /** Workers started ahead of time (see AnalysisPool.start); used for every uncached query, then closed. */
  pool?: AnalysisPool;
}

const analyzers = new Map<string, QueryAnalyzer>();

/** Analyse every text; results come back in input order. */
export async function analyzeQueries(texts: readonly string[], snapshot: SchemaSnapshot, options: AnalyzeOptions = {}): Promise<QueryAnalysis[]> {
  const results = new Map<string, QueryAnalysis>();
  const misses: string[] = [];
  for (const text of new Set(texts)) {
    const cached = options.cache?.get(options.cache.key('analysis', snapshot.version, text));
    if (cached) results.set(text, cached);
    else misses.push(text);
  }
  let fresh: QueryAnalysis[];
  if (options.pool) {
    fresh = await options.pool.analyze(misses).finally(() => options.pool!.close());
  } else {
    const workers = Math.min(options.workers ?? defaultWorkers(), Math.ceil(misses.length / 8));
    if (workers <= 1 || misses.length < IN_PROCESS_LIMIT) fresh = analyzeInProcess(misses, snapshot);
    else {
      const pool = AnalysisPool.start(snapshot, workers);
      fresh = await pool.analyze(misses).finally(() => pool.close());
    }
  }
  misses.forEach((text, i) => {
    results.set(text, fresh[i]);
    options.cache?.set(options.cache.key('analysis', snapshot.version, text), fresh[i]);
  });
  return texts.map((t) => results.get(t)!);
}

export function defaultWorkers(): number {
  return Math.min(availableParallelism(), MAX_WORKERS);
}

function analyzeInProcess(texts: string[], snapshot: SchemaSnapshot): QueryAnalysis[] {
  if (texts.length === 0) return [];
  let analyzer = analyzers.get(snapshot.version);
  if (!analyzer) analyzers.set(snapshot.version, (analyzer = new QueryAnalyzer(snapshot)));
  return texts.map((t) => analyzer.analyze(t));
}

/**
 * Worker threads that analyse queries. Started early (before the detections are even loaded), each loads
 * Kusto.Language and builds its GlobalState while the main thread does other work.
 */
export class AnalysisPool {
  private constructor(private readonly workers: Array<{ worker: Worker; ready: Promise<void> }>) {}

  static start(snapshot: SchemaSnapshot, count = defaultWorkers()): AnalysisPool {
    const url = new URL('./analysis-worker.mjs', import.meta.url);
    return new AnalysisPool(
      Array.from({ length: count }, () => {
        // A larger young generation: Kusto.Language allocates many short-lived objects, and V8's default makes
        // it scavenge far more often (about 10% of analysis time, toolchain-notes §3).
        const worker = new Worker(url, { workerData: { snapshot }, resourceLimits: { maxYoungGenerationSizeMb: 96 } });
        // Listen for `ready` now: the worker may finish loading Kusto before analyze() is called.
        const ready = new Promise<void>((resolve, reject) => {
          worker.once('message', () => resolve());
          worker.once('error', reject);
        });
        ready.catch(() => undefined); // reported by analyze(), if it is ever called
        return { worker, ready };
      }),
    );
  }

  /** Analyse `texts`, each worker taking the next query when it is done with one. */
  async analyze(texts: readonly string[]): Promise<QueryAnalysis[]> {
    const results: QueryAnalysis[] = new Array(texts.length);
    let next = 0;
    await Promise.all(
      this.workers.map(async ({ worker, ready }) => {
        await ready;
        await new Promise<void>((resolve, reject) => {
          const send = () => {
            if (next >= texts.length) return resolve();
            const id = next++;
            worker.postMessage({ id, text: texts[id] });
          };
          worker.on('message', (message: { id: number; result?: QueryAnalysis; error?: string }) => {
            if (message.error !== undefined) return reject(new Error(`analysis worker failed: ${message.error}`));
            results[message.id] = message.result!;
            send();
          });
          worker.on('error', reject);
          worker.on('exit', (code) => { if (code !== 0) reject(new Error(`analysis worker exited with code ${code}`)); });
          send();
        });
      }),
    );
    return results;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }
}
