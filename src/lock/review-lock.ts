/**
 * Version discipline: compares every compiled detection with the lock file and says what is wrong (SF7001–SF7004),
 * which versions to bump and to what, and how the lock must read afterwards. Pure: the CLI reads and writes.
 *
 * Per detection, against its lock entry: content changed (any part hash differs) → the version must be at least
 * the recorded one bumped by the largest level a changed part needs; a version bumped enough but not yet recorded
 * (or a new detection, or a removed one still listed) makes the lock stale. A new rule GUID for a known detection
 * (renamed id, changed ruleId) and a retired id (GUID) reused are identity changes: errors until `identity`
 * acknowledges them, and then they need a major bump over the predecessor's version.
 */
import type { Diagnostic } from '../diagnostics.ts';
import type { LoadedDetection } from '../model/detection.ts';
import { changedParts, contentHash, PART_BUMP, PART_NAME, type ContentPart } from './content.ts';
import { identitySource, readIdentity } from './identity.ts';
import { emptyLock, LOCK_FILE, lineOf, type LockEntry, type LockFile } from './lock-file.ts';
import { bumpVersion, compareVersions, maxLevel, type BumpLevel } from './semver.ts';

/** A detection that compiled: what the lock records of it. */
export interface CompiledDetection {
  loaded: LoadedDetection;
  ruleGuid: string;
  parts: Record<ContentPart, string>;
}

/** `check` reports a lock that is not current; `record` (build, version) brings it up to date. */
export type LockMode = 'check' | 'record';

export interface VersionBump {
  id: string;
  loaded: LoadedDetection;
  from: string;
  to: string;
  level: BumpLevel;
  /** Why, in words: "the query changed". */
  because: string;
}

export interface LockReview {
  /** Detection diagnostics are unpositioned (line 0, a field); those about lock entries point into the lock. */
  diagnostics: Diagnostic[];
  bumps: VersionBump[];
  /** The lock as it must read once every detection is recorded (meaningful when there are no errors). */
  next: LockFile;
  recorded: { added: string[]; updated: string[]; retired: string[] };
}

export interface ReviewInput {
  compiled: readonly CompiledDetection[];
  /** Ids of every detection defined, compiled or not (one with errors is not "removed"). */
  definedIds: ReadonlySet<string>;
}

const RECORD_HINT = `Run \`sentinel-forge version\` (or \`sentinel-forge build\`) and commit ${LOCK_FILE}.`;

export function reviewLock(input: ReviewInput, lockOrNone: LockFile | undefined, mode: LockMode, lockText?: string): LockReview {
  const lock = lockOrNone ?? emptyLock();
  const next: LockFile = structuredClone(lock);
  const review: LockReview = { diagnostics: [], bumps: [], next, recorded: { added: [], updated: [], retired: [] } };
  const accounted = new Set<string>([...input.definedIds].filter((id) => lock.detections[id]));
  const diagnostic = (c: CompiledDetection, code: string, field: string, message: string, hint: string) =>
    review.diagnostics.push({ code, severity: 'error', file: c.loaded.file, line: 0, column: 0, field, detectionId: c.loaded.detection.id, message, hint });

  for (const c of [...input.compiled].sort((a, b) => (a.loaded.detection.id < b.loaded.detection.id ? -1 : 1))) {
    const d = c.loaded.detection;
    const identity = readIdentity(d.identity);
    if (identity.problem) {
      // The id it names is spoken for: it is not reported as removed on top.
      const named = (d.identity as { replaces?: unknown } | undefined)?.replaces;
      if (typeof named === 'string') accounted.add(named);
      diagnostic(c, 'SF7004', identity.problem.field, identity.problem.message, 'Write identity as the README shows; the acknowledgement is a literal type, so the editor completes it.');
      continue;
    }
    const entry = lock.detections[d.id];
    // What the version is measured against: the recorded version and the bump the change needs.
    let base: { version: string; level: BumpLevel | undefined; because: string } | undefined;
    if (entry) {
      if (entry.ruleGuid !== c.ruleGuid) {
        if (identity.replaces !== d.id) {
          diagnostic(c, 'SF7004', d.ruleId !== undefined ? 'ruleId' : 'id', `the rule GUID of '${d.id}' changed from ${entry.ruleGuid} to ${c.ruleGuid}: deploying creates a second rule, and the old one keeps running.`,
            `Restore the GUID (ruleId), or acknowledge the change: ${identitySource('replaces', d.id)}.`);
          continue;
        }
        base = { version: entry.version, level: 'major', because: 'the rule GUID changed' };
      } else base = { version: entry.version, ...contentBump(entry.parts, c.parts) };
    } else {
      const predecessor = findPredecessor(c, identity, lock, input, accounted);
      if (predecessor.problem) {
        diagnostic(c, 'SF7004', predecessor.problem.field, predecessor.problem.message, predecessor.problem.hint);
        continue;
      }
      if (predecessor.version) base = { version: predecessor.version, level: predecessor.level, because: predecessor.because ?? '' };
      if (!(base && !versionIsEnough(c, base, review, diagnostic))) record(c, undefined, predecessor, lock, review, mode, diagnostic);
      continue;
    }

    if (base && !versionIsEnough(c, base, review, diagnostic)) continue;
    record(c, entry, {}, lock, review, mode, diagnostic);
  }

  // Entries no detection accounts for: removed detections.
  for (const [id, entry] of Object.entries(lock.detections)) {
    if (accounted.has(id) || input.definedIds.has(id)) continue;
    if (mode === 'check') {
      review.diagnostics.push({
        code: 'SF7003', severity: 'error', file: LOCK_FILE, line: lineOf(lockText, id), column: 1, detectionId: id,
        message: `the lock lists '${id}', which no detection defines any more.`,
        hint: `${RECORD_HINT} It retires the id (rule GUID ${entry.ruleGuid}); delete that rule in Sentinel too.`,
      });
    } else {
      next.retired[id] = { version: entry.version, ruleGuid: entry.ruleGuid };
      delete next.detections[id];
      review.recorded.retired.push(id);
    }
  }
  return review;
}

/** False (with an SF7002 and a planned bump) when the version is lower than the change needs. */
function versionIsEnough(c: CompiledDetection, base: { version: string; level: BumpLevel | undefined; because: string }, review: LockReview, diagnostic: (c: CompiledDetection, code: string, field: string, message: string, hint: string) => void): boolean {
  const version = c.loaded.detection.version;
  const needed = base.level ? bumpVersion(base.version, base.level) : base.version;
  if (compareVersions(version, needed) >= 0) return true;
  const message = compareVersions(version, base.version) < 0
    ? `version ${version} is lower than ${base.version}, the last version the lock records${base.because ? ` (${base.because})` : ''}; use ${needed}.`
    : `${base.because} since version ${base.version} was recorded, so the version must be at least ${needed} (${base.level}); it is ${version}.`;
  diagnostic(c, 'SF7002', 'version', message, `Set version: '${needed}', or run \`sentinel-forge version --bump\` to write it for every detection that needs one.`);
  review.bumps.push({ id: c.loaded.detection.id, loaded: c.loaded, from: version, to: needed, level: base.level ?? 'patch', because: base.because || `the version went below ${base.version}` });
  return false;
}

/** The bump a content change needs, and why, in words. */
function contentBump(before: Record<ContentPart, string>, after: Record<ContentPart, string>): { level: BumpLevel | undefined; because: string } {
  const changed = changedParts(before, after);
  return { level: changed.reduce<BumpLevel | undefined>((l, part) => maxLevel(l, PART_BUMP[part]), undefined), because: changed.map((p) => `${PART_NAME[p]} changed`).join('; ') };
}

/** A consistent detection: report (check) or make (record) the lock entry it needs, retiring what it continues. */
function record(c: CompiledDetection, entry: LockEntry | undefined, predecessor: Predecessor, lock: LockFile, review: LockReview, mode: LockMode, diagnostic: (c: CompiledDetection, code: string, field: string, message: string, hint: string) => void): void {
  const d = c.loaded.detection;
  const wanted: LockEntry = { version: d.version, ruleGuid: c.ruleGuid, file: c.loaded.file, parts: c.parts, contentHash: contentHash(c.parts) };
  if (entry && entry.version === wanted.version && entry.ruleGuid === wanted.ruleGuid && entry.contentHash === wanted.contentHash) {
    // A moved file is not worth a failed check; the next build or version records it.
    if (mode === 'record' && entry.file !== wanted.file) {
      review.next.detections[d.id] = wanted;
      review.recorded.updated.push(d.id);
    }
    return;
  }
  if (mode === 'check') {
    if (entry) diagnostic(c, 'SF7003', 'version', `the lock records version ${entry.version} of '${d.id}' with other content; version ${d.version} is not recorded yet.`, RECORD_HINT);
    else diagnostic(c, 'SF7001', 'version', `'${d.id}' is not in ${LOCK_FILE}${Object.keys(lock.detections).length === 0 ? ' (the lock is empty or missing)' : ''}.`, RECORD_HINT);
    return;
  }
  review.next.detections[d.id] = wanted;
  (entry ? review.recorded.updated : review.recorded.added).push(d.id);
  const replaced = predecessor.replaces;
  if (replaced !== undefined && replaced !== d.id) {
    const old = lock.detections[replaced] ?? lock.retired[replaced];
    if (old) review.next.retired[replaced] = { version: old.version, ruleGuid: old.ruleGuid, replacedBy: d.id };
    if (review.next.detections[replaced]) {
      delete review.next.detections[replaced];
      review.recorded.retired.push(replaced);
    }
  }
  if (predecessor.reuses !== undefined) delete review.next.retired[predecessor.reuses];
}

/** What a detection new to the lock continues, if anything, and the version it must bump from. */
interface Predecessor {
  /** The version to bump from, when the detection continues another. */
  version?: string;
  level?: BumpLevel;
  because?: string;
  /** The lock id it takes the place of (retired with `replacedBy` once recorded). */
  replaces?: string;
  /** The retired id it takes up again (no longer retired once recorded). */
  reuses?: string;
  problem?: { field: string; message: string; hint: string };
}

/** For a detection the lock does not know: the detection it replaces or the retired id it reuses, if any. */
function findPredecessor(c: CompiledDetection, identity: { replaces?: string; reuses?: string }, lock: LockFile, input: ReviewInput, accounted: Set<string>): Predecessor {
  const d = c.loaded.detection;
  if (identity.replaces !== undefined) {
    const replaced = identity.replaces;
    if (replaced !== d.id && input.definedIds.has(replaced)) {
      return { problem: { field: 'identity.replaces', message: `'${d.id}' says it replaces '${replaced}', which is still defined: both would be deployed.`, hint: `Remove '${replaced}', or remove identity from '${d.id}'.` } };
    }
    const live = lock.detections[replaced];
    const retired = lock.retired[replaced];
    if (live) {
      accounted.add(replaced);
      return { version: live.version, level: 'major', because: `'${d.id}' replaces '${replaced}' (new rule GUID)`, replaces: replaced };
    }
    if (retired && (!retired.replacedBy || retired.replacedBy === d.id)) return { version: retired.version, level: 'major', because: `'${d.id}' replaces '${replaced}' (new rule GUID)`, replaces: replaced };
    const why = retired ? `was already replaced by '${retired.replacedBy}'` : 'is neither a detection in the lock nor a retired one';
    return { problem: { field: 'identity.replaces', message: `identity.replaces names '${replaced}', which ${why}.`, hint: 'Name the id this detection had before (as the lock records it), or remove identity if it never reached the lock.' } };
  }
  // A new id that keeps the rule GUID (ruleId) of a detection gone from the definitions is that detection renamed:
  // the same rule in Sentinel, so no acknowledgement, and the usual bump for what changed.
  const sameRule = Object.entries(lock.detections).find(([id, e]) => !input.definedIds.has(id) && !accounted.has(id) && e.ruleGuid === c.ruleGuid);
  if (sameRule) {
    accounted.add(sameRule[0]);
    return { version: sameRule[1].version, ...contentBump(sameRule[1].parts, c.parts), replaces: sameRule[0] };
  }
  const retiredId = Object.keys(lock.retired).find((id) => lock.retired[id].ruleGuid === c.ruleGuid) ?? (lock.retired[d.id] ? d.id : undefined);
  if (retiredId !== undefined) {
    const retired = lock.retired[retiredId];
    if (identity.reuses === retiredId) return { version: retired.version, level: 'major', because: `'${d.id}' reuses the retired '${retiredId}'`, reuses: retiredId };
    return { problem: { field: 'id', message: `'${retiredId}' was retired (last version ${retired.version}, rule GUID ${retired.ruleGuid}); '${d.id}' would take over that rule in Sentinel, with the old rule's history.`, hint: `Choose a new id, or acknowledge the reuse: ${identitySource('reuses', retiredId)}.` } };
  }
  if (identity.reuses !== undefined) {
    return { problem: { field: 'identity.reuses', message: `identity.reuses names '${identity.reuses}', which the lock does not list as retired.`, hint: 'Remove identity: the id is not a reused one.' } };
  }
  // Same file and same query under a new id: a rename that would leave the old rule running.
  const renamed = Object.entries(lock.detections).find(([id, e]) => !input.definedIds.has(id) && !accounted.has(id) && e.file === c.loaded.file && e.parts.query === c.parts.query);
  if (renamed) {
    const [oldId, old] = renamed;
    accounted.add(oldId);
    return { problem: { field: 'id', message: `'${d.id}' is '${oldId}' renamed (same file, same query): its rule GUID changes from ${old.ruleGuid} to ${c.ruleGuid}, so Sentinel would run both rules.`, hint: `Keep the id '${oldId}' (the title can change freely), or acknowledge the new GUID: ${identitySource('replaces', oldId)}.` } };
  }
  return {};
}
