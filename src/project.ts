/**
 * One run over a project: its schema (shipped tables + config), its detections, the compile pipeline, and
 * diagnostics positioned in the files. Shared by every CLI command and the benchmarks; does not write outputs.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CACHE_DIR } from './cache/disk-cache.ts';
import { compile, type CompileResult } from './compile.ts';
import { sortDiagnostics, type Diagnostic } from './diagnostics.ts';
import { AnalysisPool, IN_PROCESS_LIMIT } from './kql/analysis-pool.ts';
import { listTypeScriptFiles, loadDetections } from './load/load-detections.ts';
import { resolvePositions } from './load/positions.ts';
import type { LoadedDetection } from './model/detection.ts';
import { loadSchemaSnapshot } from './schema/project-config.ts';
import type { SchemaSnapshot } from './schema/tables.ts';

export interface ProjectOptions {
  /** Project root: config, cache and relative paths hang off it. */
  root: string;
  /** Folder of detection files. */
  detectionsDir: string;
  strict?: boolean;
  /** Reuse and fill `.sentinel-forge-cache/` (default true). */
  cache?: boolean;
  /** The folder whose `.sentinel-forge-cache/` is used (default `root`): `diff` checks a temporary checkout with the project's cache. */
  cacheRoot?: string;
  /** Re-import detection files already imported by this process. */
  fresh?: boolean;
}

export interface ProjectRun extends CompileResult {
  detections: LoadedDetection[];
  snapshot: SchemaSnapshot;
  /** Every diagnostic, positioned and sorted. */
  diagnostics: Diagnostic[];
}

export async function checkProject(options: ProjectOptions): Promise<ProjectRun> {
  const useCache = options.cache ?? true;
  const schema = loadSchemaSnapshot(options.root);
  // With no cached analyses and many detections, start the analysis workers now: they load Kusto.Language
  // (about 1.5 s) while this thread imports the detection files.
  const coldStart = !(useCache && existsSync(path.join(options.cacheRoot ?? options.root, CACHE_DIR, 'analysis')));
  const pool = coldStart && listTypeScriptFiles(options.detectionsDir).length >= IN_PROCESS_LIMIT ? AnalysisPool.start(schema.snapshot) : undefined;
  try {
    const loaded = await loadDetections(options.detectionsDir, options.root, { fresh: options.fresh });
    const result = await compile(loaded.detections, { snapshot: schema.snapshot, strict: options.strict, cacheRoot: useCache ? (options.cacheRoot ?? options.root) : undefined, pool });
    const diagnostics = sortDiagnostics(await resolvePositions([...schema.diagnostics, ...loaded.diagnostics, ...result.diagnostics], loaded.detections));
    return { ...result, diagnostics, detections: loaded.detections, snapshot: schema.snapshot };
  } finally {
    await pool?.close();
  }
}
