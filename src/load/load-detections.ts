/**
 * Finds and imports the detection files under a folder. Every `.ts` file is imported (TypeScript runs through
 * tsx, registered by the CLI); every export made with `defineDetection()` is a detection, every export made with
 * `defineBaseline()` a baseline. Files that export neither are shared modules (constants, role lists) and are fine. Problems are diagnostics, never throws.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { listFiles } from './list-files.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { Detection, LoadedDetection } from '../model/detection.ts';
import { isDefinedDetection } from '../model/define-detection.ts';
import { isDefinedBaseline, type Baseline } from '../model/baseline.ts';
import { detectionRuleGuid } from '../model/rule-id.ts';

export interface LoadResult {
  detections: LoadedDetection[];
  /** Baselines (`defineBaseline`) found in the same files, with the file each came from. */
  baselines: Array<{ baseline: Baseline; file: string }>;
  diagnostics: Diagnostic[];
}

let importGeneration = 0;

/**
 * Load every detection under `dir`. `root` is what file paths in diagnostics and outputs are relative to.
 * `fresh` re-imports files already imported in this process (for tests and watch-style re-runs).
 */
export async function loadDetections(dir: string, root: string, options: { fresh?: boolean } = {}): Promise<LoadResult> {
  const diagnostics: Diagnostic[] = [];
  const detections: LoadedDetection[] = [];
  const baselines: LoadResult['baselines'] = [];
  const generation = options.fresh ? ++importGeneration : 0;
  const files = listTypeScriptFiles(dir);
  // Imported concurrently (the loader's file reads and transforms overlap), then handled in path order.
  const modules = await Promise.allSettled(
    files.map((f) => import(pathToFileURL(f).href + (generation ? `?generation=${generation}` : '')) as Promise<Record<string, unknown>>),
  );
  for (const [i, absoluteFile] of files.entries()) {
    const file = path.relative(root, absoluteFile).split(path.sep).join('/');
    const outcome = modules[i];
    if (outcome.status === 'rejected') {
      diagnostics.push(importFailure(file, absoluteFile, outcome.reason));
      continue;
    }
    const module = outcome.value;
    const found = Object.keys(module).sort(defaultFirst).map((k) => module[k]).filter(isDefinedDetection);
    for (const detection of new Set(found)) detections.push({ detection: detection as Detection, file, absoluteFile });
    for (const baseline of new Set(Object.values(module).filter(isDefinedBaseline))) baselines.push({ baseline, file });
    // A file that calls defineDetection() yet exports neither a detection nor a function (a factory) most likely
    // forgot its export.
    const exportsFactory = Object.values(module).some((v) => typeof v === 'function');
    if (found.length === 0 && !exportsFactory && /\bdefineDetection\s*\(/.test(readFileSync(absoluteFile, 'utf8'))) {
      diagnostics.push({
        code: 'SF0002', severity: 'error', file, line: 1, column: 1,
        message: 'the file calls defineDetection() but exports no detection.',
        hint: 'Write `export default defineDetection({ … })` (or a named export).',
      });
    }
  }
  return { detections, baselines, diagnostics: [...diagnostics, ...duplicateIds(detections)] };
}

/** `.ts` files below `dir`, in a stable order (byte order of their relative paths), skipping `.d.ts`. */
export function listTypeScriptFiles(dir: string): string[] {
  return listFiles(dir, (name) => name.endsWith('.ts') && !name.endsWith('.d.ts'));
}

function defaultFirst(a: string, b: string): number {
  return a === 'default' ? -1 : b === 'default' ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

function duplicateIds(detections: LoadedDetection[]): Diagnostic[] {
  const firstFile = new Map<string, string>();
  const firstGuid = new Map<string, { id: string; file: string }>();
  const out: Diagnostic[] = [];
  for (const { detection, file } of detections) {
    const previous = firstFile.get(detection.id);
    if (previous !== undefined) {
      out.push({
        code: 'SF0003', severity: 'error', file, line: 0, column: 0, field: 'id', detectionId: detection.id,
        message: `id '${detection.id}' is already used by ${previous}.`,
        hint: 'Ids must be unique: the rule GUID derives from the id, so two detections would overwrite one rule.',
      });
      continue;
    }
    firstFile.set(detection.id, file);
    // A kept GUID (ruleId, of an imported rule) can meet another detection's: both would deploy to one rule.
    if (typeof detection.id !== 'string' || (detection.ruleId !== undefined && typeof detection.ruleId !== 'string')) continue;
    const guid = detectionRuleGuid(detection).toLowerCase();
    const owner = firstGuid.get(guid);
    if (owner) {
      out.push({
        code: 'SF0003', severity: 'error', file, line: 0, column: 0, field: detection.ruleId !== undefined ? 'ruleId' : 'id', detectionId: detection.id,
        message: `'${detection.id}' deploys to rule ${guid}, as '${owner.id}' in ${owner.file} does.`,
        hint: 'Each detection must deploy to a rule of its own: one of the two was imported twice, or its ruleId was copied.',
      });
    } else firstGuid.set(guid, { id: detection.id, file });
  }
  return out;
}

/**
 * A detection file that failed to import, positioned where the error is: esbuild's transform errors carry
 * `file:line:col: ERROR: message` (0-based column); a throw at load time has the file in its stack.
 */
function importFailure(file: string, absoluteFile: string, error: unknown): Diagnostic {
  const err = error as Error;
  const text = String(err?.message ?? err);
  const stack = String(err?.stack ?? text);
  const transform = /:(\d+):(\d+): ERROR: (.*)/.exec(text);
  const escaped = absoluteFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const thrown = new RegExp(`${escaped}(?:\\?[^:]*)?:(\\d+):(\\d+)`).exec(stack);
  const [line, column, message] = transform
    ? [Number(transform[1]), Number(transform[2]) + 1, transform[3]]
    : thrown
      ? [Number(thrown[1]), Number(thrown[2]), text.split('\n')[0]]
      : [1, 1, text.split('\n')[0]];
  return {
    code: 'SF0001', severity: 'error', file, line, column,
    message: `the file could not be loaded: ${message}`,
    hint: 'Fix the error above; run `npx tsc --noEmit` for type errors.',
  };
}
