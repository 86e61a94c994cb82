/**
 * `sentinel-forge.lock.json`, committed at the project root: per detection, the version last recorded and the
 * hashes of its content (content.ts), plus the retired ids (removed or renamed detections) and their rule GUIDs,
 * so a reused id is noticed. Written sorted and without timestamps: the same state always gives the same bytes.
 */
import type { Diagnostic } from '../diagnostics.ts';
import { contentHash, type ContentPart } from './content.ts';
import { parseVersion } from './semver.ts';

export const LOCK_FILE = 'sentinel-forge.lock.json';

export interface LockEntry {
  version: string;
  ruleGuid: string;
  /** Project-relative path of the definition, to recognise a renamed detection. */
  file: string;
  /** SHA-256 over the part hashes. */
  contentHash: string;
  parts: Record<ContentPart, string>;
}

export interface RetiredEntry {
  /** The last version recorded. */
  version: string;
  ruleGuid: string;
  /** The detection that replaced it (a rename), when one did. */
  replacedBy?: string;
}

export interface LockFile {
  detections: Record<string, LockEntry>;
  retired: Record<string, RetiredEntry>;
}

export function emptyLock(): LockFile {
  return { detections: {}, retired: {} };
}

/** The file's text: keys sorted, two-space JSON, a final newline. */
export function serializeLock(lock: LockFile): string {
  const sorted = <T>(record: Record<string, T>, entry: (value: T) => unknown) =>
    Object.fromEntries(Object.keys(record).sort().map((k) => [k, entry(record[k])]));
  return JSON.stringify({
    lockfileVersion: 1,
    generator: 'sentinel-forge: written by `sentinel-forge build` and `sentinel-forge version`; commit it',
    detections: sorted(lock.detections, (e) => ({ version: e.version, ruleGuid: e.ruleGuid, file: e.file, contentHash: e.contentHash, parts: { kind: e.parts.kind, query: e.parts.query, logic: e.parts.logic, metadata: e.parts.metadata } })),
    retired: sorted(lock.retired, (e) => ({ version: e.version, ruleGuid: e.ruleGuid, ...(e.replacedBy ? { replacedBy: e.replacedBy } : {}) })),
  }, null, 2) + '\n';
}

/** Parse the file's text; a malformed file is an SF7005 diagnostic (and no lock). */
export function parseLock(text: string): { lock?: LockFile; diagnostics: Diagnostic[] } {
  const problem = (message: string, line = 1): { diagnostics: Diagnostic[] } => ({
    diagnostics: [{
      code: 'SF7005', severity: 'error', file: LOCK_FILE, line, column: 1, message,
      hint: `Restore it from version control, or delete it and run \`sentinel-forge version\` to record every detection as it is now.`,
    }],
  });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return problem(`${LOCK_FILE} is not valid JSON: ${(error as Error).message}`);
  }
  const root = data as { lockfileVersion?: unknown; detections?: unknown; retired?: unknown };
  if (!isRecord(root) || root.lockfileVersion !== 1 || !isRecord(root.detections) || (root.retired !== undefined && !isRecord(root.retired))) {
    return problem(`${LOCK_FILE} is not a lock file this version reads (lockfileVersion 1 with "detections" and "retired").`);
  }
  const lock = emptyLock();
  for (const [id, value] of Object.entries(root.detections)) {
    const e = value as Partial<LockEntry>;
    const parts = e?.parts as Partial<Record<ContentPart, unknown>> | undefined;
    if (!isRecord(e) || typeof e.version !== 'string' || !parseVersion(e.version) || typeof e.ruleGuid !== 'string' || typeof e.file !== 'string' || !isRecord(parts)
      || !(['kind', 'query', 'logic', 'metadata'] as const).every((p) => typeof parts[p] === 'string')) {
      return problem(`${LOCK_FILE}: the entry of '${id}' is malformed.`, lineOf(text, id));
    }
    const partHashes = parts as Record<ContentPart, string>;
    lock.detections[id] = { version: e.version, ruleGuid: e.ruleGuid, file: e.file, parts: partHashes, contentHash: contentHash(partHashes) };
  }
  for (const [id, value] of Object.entries(root.retired ?? {})) {
    const e = value as Partial<RetiredEntry>;
    if (!isRecord(e) || typeof e.version !== 'string' || typeof e.ruleGuid !== 'string' || (e.replacedBy !== undefined && typeof e.replacedBy !== 'string')) {
      return problem(`${LOCK_FILE}: the retired entry of '${id}' is malformed.`, lineOf(text, id));
    }
    lock.retired[id] = { version: e.version, ruleGuid: e.ruleGuid, ...(e.replacedBy ? { replacedBy: e.replacedBy } : {}) };
  }
  return { lock, diagnostics: [] };
}

/** The 1-based line of `"<id>":` in the lock's text (1 when absent), for diagnostics about an entry. */
export function lineOf(text: string | undefined, id: string): number {
  if (!text) return 1;
  const index = text.indexOf(`${JSON.stringify(id)}:`);
  return index < 0 ? 1 : text.slice(0, index).split('\n').length;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
