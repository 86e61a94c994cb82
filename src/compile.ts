/**
 * The pipeline, one function per step: check each definition → render its query → analyse every query against
 * the schema snapshot (batched: cache, then a worker pool) → check the output contract → emit every target →
 * add the cross-detection artefacts (manifest, ATT&CK Navigator layer). Returns artefacts and all diagnostics;
 * does no file I/O beyond the analysis cache, so the CLI decides what is written (nothing, when any error was
 * found).
 */
import { hasErrors, type Diagnostic } from './diagnostics.ts';
import type { Detection, LoadedDetection } from './model/detection.ts';
import { checkDetection, checkQueryText } from './model/check-detection.ts';
import { checkOutputContract } from './model/check-output-contract.ts';
import { checkSamples } from './model/check-samples.ts';
import { detectionRuleGuid } from './model/rule-id.ts';
import { renderQuery } from './render/render-query.ts';
import { analyzeQueries, type AnalysisPool } from './kql/analysis-pool.ts';
import { DiskCache } from './cache/disk-cache.ts';
import { templatesFingerprint } from './render/render.ts';
import type { QueryAnalysis } from './kql/analyze.ts';
import type { SchemaSnapshot } from './schema/tables.ts';
import { TARGETS, type Artefact } from './targets/index.ts';
import { manifestArtefact, manifestEntry, type ManifestEntry } from './manifest.ts';
import { attackLayerArtefact } from './attack-layer.ts';

export interface CompileOptions {
  snapshot: SchemaSnapshot;
  /** Project root whose `.sentinel-forge-cache/` holds analyses and artefacts of unchanged detections; none: no cache. */
  cacheRoot?: string;
  /** Analysis worker threads; default min(cores, 2), 0 analyses in-process. */
  workers?: number;
  /** Analysis workers already started (AnalysisPool.start); compile closes them. */
  pool?: AnalysisPool;
  /** Treat warnings as errors. */
  strict?: boolean;
}

export interface CompileResult {
  artefacts: Artefact[];
  diagnostics: Diagnostic[];
  /** The final (formatted) query of each detection that got that far, by id. */
  queries: Map<string, string>;
  /** The manifest entry of every detection that compiled, in input order. */
  entries: ManifestEntry[];
}

export async function compile(detections: readonly LoadedDetection[], options: CompileOptions): Promise<CompileResult> {
  const diagnostics: Diagnostic[] = [];
  const rendered: Array<{ loaded: LoadedDetection; text: string }> = [];
  for (const loaded of detections) {
    const checked = [...checkDetection(loaded), ...checkSamples(loaded, options.snapshot)];
    diagnostics.push(...checked);
    if (hasErrors(checked)) continue;
    const query = renderQuery(loaded);
    diagnostics.push(...query.diagnostics);
    if (query.text !== undefined) rendered.push({ loaded, text: query.text });
  }

  const caches = options.cacheRoot === undefined ? undefined : { analysis: new DiskCache<QueryAnalysis>(options.cacheRoot, 'analysis'), emitted: new DiskCache<Emitted>(options.cacheRoot, 'artefacts') };
  const analyses = await analyzeQueries(rendered.map((r) => r.text), options.snapshot, { cache: caches?.analysis, workers: options.workers, pool: options.pool });
  const artefacts: Artefact[] = [];
  const entries: ManifestEntry[] = [];
  const built: Detection[] = [];
  const queries = new Map<string, string>();
  rendered.forEach(({ loaded, text }, i) => {
    const result = cachedEmit(loaded, text, analyses[i], caches?.emitted);
    diagnostics.push(...result.diagnostics);
    if (result.query !== undefined) queries.set(loaded.detection.id, result.query);
    if (result.entry) {
      artefacts.push(...result.artefacts);
      entries.push(result.entry);
      built.push(loaded.detection);
    }
  });
  if (entries.length > 0) artefacts.push(manifestArtefact(entries), attackLayerArtefact(built));
  const final = options.strict ? diagnostics.map((d) => (d.severity === 'warning' ? { ...d, severity: 'error' as const } : d)) : diagnostics;
  return { artefacts, diagnostics: final, queries, entries };
}

/** What one detection compiles to, once its query is analysed. */
interface Emitted {
  artefacts: Artefact[];
  diagnostics: Diagnostic[];
  query?: string;
  entry?: ManifestEntry;
}

/**
 * `emitDetection`, reusing the result of an earlier build when nothing it depends on changed: the definition,
 * its file, the rendered query and its analysis, the artefact templates and the tool version.
 */
function cachedEmit(loaded: LoadedDetection, text: string, analysis: QueryAnalysis, cache: DiskCache<Emitted> | undefined): Emitted {
  if (!cache) return emitDetection(loaded, text, analysis);
  const key = cache.key('emit', templatesFingerprint(), loaded.file, JSON.stringify(loaded.detection), text, JSON.stringify(analysis));
  const hit = cache.get(key);
  if (hit) return hit;
  const emitted = emitDetection(loaded, text, analysis);
  cache.set(key, emitted);
  return emitted;
}

/** From an analysed query to the artefacts of one detection. */
function emitDetection(loaded: LoadedDetection, text: string, analysis: QueryAnalysis): Emitted {
  const diagnostics = analysis.diagnostics.map((k) => queryDiagnostic(loaded, text, analysis.schemaVersion, k));
  if (hasErrors(diagnostics)) return { artefacts: [], diagnostics };
  const query = analysis.formatted;
  if (query === undefined) {
    diagnostics.push({
      code: 'SF4001', severity: 'error', file: loaded.file, line: 0, column: 0, field: 'query', detectionId: loaded.detection.id,
      message: 'the Kusto formatter did not settle on one layout for this query.', hint: 'Report this query; changing its line breaks usually avoids it.',
    });
    return { artefacts: [], diagnostics };
  }
  diagnostics.push(...checkQueryText(loaded, query), ...checkOutputContract(loaded, analysis.columns, analysis.schemaVersion));
  if (hasErrors(diagnostics)) return { artefacts: [], diagnostics, query };

  const guid = detectionRuleGuid(loaded.detection);
  const artefacts: Artefact[] = [];
  const outputs: Record<string, Artefact | undefined> = {};
  for (const target of TARGETS) {
    const emitted = target.emit({ loaded, query, ruleGuid: guid });
    diagnostics.push(...emitted.diagnostics);
    outputs[target.name] = emitted.artefact;
    if (emitted.artefact) artefacts.push(emitted.artefact);
  }
  if (hasErrors(diagnostics)) return { artefacts: [], diagnostics, query };
  return { artefacts, diagnostics, query, entry: manifestEntry(loaded, guid, outputs) };
}

/** A Kusto diagnostic as ours: the offending query line and a caret as the hint, the offset kept for positions. */
function queryDiagnostic(loaded: LoadedDetection, text: string, schemaVersion: string, k: QueryAnalysis['diagnostics'][number]): Diagnostic {
  const before = text.slice(0, k.start);
  const line = before.split('\n').length;
  const column = k.start - before.lastIndexOf('\n');
  const source = text.split('\n')[line - 1] ?? '';
  const isTemplate = loaded.detection.query.kind === 'template';
  const crossResource = k.code === 'KS211' && /'(app|resource)'/.test(k.message) ? "\nLog Analytics' app()/resource() are not checked; declare the tables you reach in sentinel-forge.config.json and query them by name." : '';
  return {
    code: k.code,
    severity: k.severity,
    message: k.message + (isTemplate ? ` (generated query line ${line})` : ''),
    hint: `${source.replace(/\t/g, ' ')}\n${' '.repeat(Math.max(0, column - 1))}${'^'.repeat(Math.max(1, Math.min(k.length, source.length - column + 1)))}${crossResource}`,
    file: loaded.file,
    line: 0,
    column: 0,
    field: 'query',
    detectionId: loaded.detection.id,
    queryOffset: k.start,
    schemaVersion,
  };
}
