/**
 * What `check`, `build` and `version` add to a project run: the lock-file review (version discipline, identity
 * changes) and, for `check`, the stale-output guard. Reads the lock file and the output folder; the caller decides
 * whether to write the lock (`writeLock`).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { sortDiagnostics, type Diagnostic } from '../diagnostics.ts';
import { resolvePositions } from '../load/positions.ts';
import { partHashes } from '../lock/content.ts';
import { LOCK_FILE, parseLock, serializeLock, type LockFile } from '../lock/lock-file.ts';
import { VersionLocator } from '../lock/version-literal.ts';
import type { LoadedDetection } from '../model/detection.ts';
import { reviewLock, type CompiledDetection, type LockMode, type LockReview } from '../lock/review-lock.ts';
import type { ProjectRun } from '../project.ts';
import { staleOutput } from '../stale-output.ts';
import { writeFileAtomic } from './write-output.ts';

export interface LockState {
  /** Absolute path of the lock file. */
  file: string;
  /** Its text, when it exists. */
  text?: string;
  lock?: LockFile;
  diagnostics: Diagnostic[];
}

export function readLockFile(root: string): LockState {
  const file = path.join(root, LOCK_FILE);
  if (!existsSync(file)) return { file, diagnostics: [] };
  const text = readFileSync(file, 'utf8');
  return { file, text, ...parseLock(text) };
}

/** Every detection that compiled, with its rule GUID and content hashes. */
export function compiledDetections(run: Pick<ProjectRun, 'detections' | 'entries' | 'queries'>): CompiledDetection[] {
  return run.entries.flatMap((entry) => {
    const loaded = run.detections.find((l) => l.detection.id === entry.id && l.file === entry.file);
    const query = run.queries.get(entry.id);
    return loaded && query !== undefined ? [{ loaded, ruleGuid: entry.ruleGuid, parts: partHashes(loaded.detection, query) }] : [];
  });
}

export interface Guarded {
  /** Positioned and sorted. */
  diagnostics: Diagnostic[];
  lock: LockState;
  review?: LockReview;
  /** The lock file's text once every detection is recorded (record mode). */
  nextLockText?: string;
}

/**
 * Review the lock (`check` reports what is not recorded, `record` works out the lock to write) and, when `outDir`
 * is given and exists, compare it with the artefacts. Skipped while the run has errors: its artefacts are incomplete.
 */
export async function guardProject(run: ProjectRun, options: { root: string; mode: LockMode; outDir?: string }): Promise<Guarded> {
  const lock = readLockFile(options.root);
  if (run.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: [], lock };
  if (lock.diagnostics.length > 0) return { diagnostics: lock.diagnostics, lock };
  const review = reviewLock({ compiled: compiledDetections(run), definedIds: new Set(run.detections.map((l) => l.detection.id)) }, lock.lock, options.mode, lock.text);
  const found = [...review.diagnostics];
  if (options.outDir !== undefined && existsSync(options.outDir)) {
    const label = path.relative(options.root, options.outDir).split(path.sep).join('/') || '.';
    found.push(...staleOutput(run.artefacts, readTree(options.outDir), label));
  }
  const diagnostics = await positionDiagnostics(found, run.detections, options.root);
  return { diagnostics, lock, review, nextLockText: options.mode === 'record' ? serializeLock(review.next) : undefined };
}

/**
 * Positions for lock diagnostics: one about a `version` points at the string literal the version comes from, which
 * for a detection built by a factory is in the factory's file (where the fix goes); the rest as usual.
 */
export async function positionDiagnostics(diagnostics: readonly Diagnostic[], detections: readonly LoadedDetection[], root: string): Promise<Diagnostic[]> {
  const located: Diagnostic[] = [];
  let locator: VersionLocator | undefined;
  for (const d of diagnostics) {
    const loaded = d.line === 0 && d.field === 'version' ? detections.find((l) => l.file === d.file && l.detection.id === d.detectionId) : undefined;
    const literal = loaded && (locator ??= await VersionLocator.create()).find(loaded);
    if (!literal) {
      located.push(d);
      continue;
    }
    const text = readFileSync(literal.file, 'utf8').slice(0, literal.start);
    const file = path.relative(root, literal.file).split(path.sep).join('/');
    const elsewhere = file === d.file ? '' : ` (${d.file} takes its version from here)`;
    located.push({ ...d, file, line: text.split('\n').length, column: literal.start - text.lastIndexOf('\n'), message: d.message + elsewhere });
  }
  return sortDiagnostics(await resolvePositions(located, detections));
}

/** Write the lock when its text changes; true when it was written. */
export function writeLock(state: LockState, text: string): boolean {
  if (state.text === text) return false;
  writeFileAtomic(state.file, text);
  return true;
}

/** Every file below `dir` (relative path with `/` → content). */
function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (current: string) => {
    for (const name of readdirSync(current).sort()) {
      const full = path.join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.set(path.relative(dir, full).split(path.sep).join('/'), readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return out;
}
