/**
 * Compares the detections of two checkouts (a base ref and the working tree), both compiled by this tool: which
 * were added, removed, renamed (a new id for the same file and query, or a declared `identity.replaces`) or
 * changed, what changed in words, the diff of the formatted KQL, the targets whose artefacts change, and what a
 * reviewer must act on (a new or reused rule GUID, a rule to delete, a version not bumped enough). A new id with the
 * rule GUID of a removed one (kept through `ruleId`) is that detection renamed too, and nothing to act on.
 */
import type { LoadedDetection } from '../model/detection.ts';
import { detectionRuleGuid } from '../model/rule-id.ts';
import type { ManifestEntry } from '../manifest.ts';
import { changedParts, partHashes, PART_BUMP, PART_NAME, type ContentPart } from '../lock/content.ts';
import { readIdentity, identitySource } from '../lock/identity.ts';
import type { LockFile, RetiredEntry } from '../lock/lock-file.ts';
import { bumpVersion, compareVersions, maxLevel, type BumpLevel } from '../lock/semver.ts';
import { describeChanges } from './describe.ts';
import { unifiedDiff } from './line-diff.ts';

/** One side of the comparison: every detection defined there, and the ids its lock retired. */
export interface Side {
  detections: Map<string, SideDetection>;
  retired: Record<string, RetiredEntry>;
}

export interface SideDetection {
  loaded: LoadedDetection;
  ruleGuid: string;
  /** Absent when the detection did not compile on that side. */
  entry?: ManifestEntry;
  query?: string;
  parts?: Record<ContentPart, string>;
}

export type ChangeStatus = 'added' | 'removed' | 'renamed' | 'changed';

export interface DetectionChange {
  status: ChangeStatus;
  /** The id now (a removed detection: its id at the base). */
  id: string;
  /** A renamed detection's id at the base. */
  previousId?: string;
  title: string;
  file: string;
  ruleGuid: string;
  /** The rule GUID at the base, when it differs. */
  previousRuleGuid?: string;
  version: { before?: string; after?: string };
  /** Each changed property, in words. */
  changes: string[];
  /** What a reviewer must act on: a new or reused rule GUID, a rule to delete, a version not bumped enough. */
  warnings: string[];
  /** Targets whose artefact is added, removed or different. */
  targets: string[];
  /** Unified diff of the formatted KQL ('' when the query is the same). */
  kqlDiff: string;
}

export interface DiffReport {
  changes: DetectionChange[];
  /** Detections the same on both sides. */
  unchanged: number;
}

/** A side from a project run (`checkProject`) and that checkout's lock file. */
export function sideOf(run: { detections: readonly LoadedDetection[]; entries: readonly ManifestEntry[]; queries: ReadonlyMap<string, string> }, lock?: LockFile): Side {
  const detections = new Map<string, SideDetection>();
  for (const loaded of run.detections) {
    const id = loaded.detection.id;
    if (detections.has(id)) continue;
    const entry = run.entries.find((e) => e.id === id);
    const query = run.queries.get(id);
    detections.set(id, {
      loaded, entry, query,
      ruleGuid: entry?.ruleGuid ?? detectionRuleGuid(loaded.detection),
      parts: entry && query !== undefined ? partHashes(loaded.detection, query) : undefined,
    });
  }
  return { detections, retired: lock?.retired ?? {} };
}

const STATUS_ORDER: Record<ChangeStatus, number> = { added: 0, removed: 1, renamed: 2, changed: 3 };

export function compareSides(base: Side, head: Side): DiffReport {
  const removed = [...base.detections.keys()].filter((id) => !head.detections.has(id)).sort();
  const added = [...head.detections.keys()].filter((id) => !base.detections.has(id)).sort();
  const renamedFrom = new Map<string, string>();
  for (const id of added) {
    const after = head.detections.get(id)!;
    const replaces = readIdentity(after.loaded.detection.identity).replaces;
    const declared = replaces !== undefined && removed.includes(replaces) && ![...renamedFrom.values()].includes(replaces) ? replaces : undefined;
    const free = removed.filter((old) => ![...renamedFrom.values()].includes(old));
    // The same rule GUID (kept through ruleId) is the same rule whatever changed; else the same file and query.
    const sameRule = free.find((old) => base.detections.get(old)!.ruleGuid === after.ruleGuid);
    const inferred = free.find((old) => {
      const before = base.detections.get(old)!;
      return before.loaded.file === after.loaded.file && before.query !== undefined && before.query === after.query;
    });
    const from = declared ?? sameRule ?? inferred;
    if (from !== undefined) renamedFrom.set(id, from);
  }
  const changes: DetectionChange[] = [];
  let unchanged = 0;
  for (const id of [...head.detections.keys()].sort()) {
    const after = head.detections.get(id)!;
    const previous = base.detections.get(id) ?? (renamedFrom.has(id) ? base.detections.get(renamedFrom.get(id)!) : undefined);
    if (!previous) changes.push(addedChange(after, base));
    else {
      const change = changedDetection(previous, after, renamedFrom.has(id));
      if (change) changes.push(change);
      else unchanged++;
    }
  }
  const consumed = new Set(renamedFrom.values());
  for (const id of removed) if (!consumed.has(id)) changes.push(removedChange(base.detections.get(id)!));
  changes.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { changes, unchanged };
}

function addedChange(after: SideDetection, base: Side): DetectionChange {
  const d = after.loaded.detection;
  const warnings: string[] = [];
  const retiredId = Object.keys(base.retired).find((id) => base.retired[id].ruleGuid === after.ruleGuid);
  if (retiredId !== undefined) {
    const acknowledged = readIdentity(d.identity).reuses === retiredId;
    warnings.push(`reuses the retired id '${retiredId}': takes over rule GUID ${after.ruleGuid}${acknowledged ? ' (acknowledged)' : ` — not acknowledged: add ${identitySource('reuses', retiredId)}`}`);
  }
  return {
    status: 'added', id: d.id, title: d.title, file: after.loaded.file, ruleGuid: after.ruleGuid,
    version: { after: d.version }, changes: [], warnings, targets: emittedTargets(after.entry),
    kqlDiff: unifiedDiff('', after.query ?? '', { from: '/dev/null', to: `b/${kqlPath(after)}` }),
  };
}

function removedChange(before: SideDetection): DetectionChange {
  const d = before.loaded.detection;
  return {
    status: 'removed', id: d.id, title: d.title, file: before.loaded.file, ruleGuid: before.ruleGuid,
    version: { before: d.version }, changes: [],
    warnings: [`delete rule ${before.ruleGuid} in Sentinel: removing the definition does not remove the deployed rule`],
    targets: emittedTargets(before.entry),
    kqlDiff: unifiedDiff(before.query ?? '', '', { from: `a/${kqlPath(before)}`, to: '/dev/null' }),
  };
}

/** The change of a detection present on both sides (under one id, or renamed), or undefined when it is the same. */
function changedDetection(before: SideDetection, after: SideDetection, renamed: boolean): DetectionChange | undefined {
  const [b, a] = [before.loaded.detection, after.loaded.detection];
  const changes: string[] = [];
  const warnings: string[] = [];
  if (renamed) changes.push(`id ${b.id} → ${a.id}`);
  if (b.version !== a.version) changes.push(`version ${b.version} → ${a.version}`);
  if (before.loaded.file !== after.loaded.file) changes.push(`file ${before.loaded.file} → ${after.loaded.file}`);
  if (before.query !== after.query) changes.push('query changed');
  changes.push(...describeChanges(b, a));
  const targets = affectedTargets(before.entry, after.entry);
  if (changes.length === 0 && targets.length === 0) return undefined;

  let level: BumpLevel | undefined;
  let because: string[] = [];
  if (before.ruleGuid !== after.ruleGuid) {
    const acknowledged = readIdentity(a.identity).replaces === (renamed ? b.id : a.id);
    warnings.push(`new rule GUID ${after.ruleGuid} (was ${before.ruleGuid}): Sentinel gets a second rule; the old one must be deleted${acknowledged ? ' (acknowledged)' : ` — not acknowledged: \`check\` fails until the definition says ${identitySource('replaces', b.id)}`}`);
    level = 'major';
    because = ['the rule GUID changed'];
  }
  if (before.parts && after.parts) {
    const changed = changedParts(before.parts, after.parts);
    for (const part of changed) level = maxLevel(level, PART_BUMP[part]);
    because.push(...changed.map((p) => `${PART_NAME[p].replace(/ \(.*\)$/, '')} changed`));
  }
  if (level) {
    const needed = bumpVersion(b.version, level);
    if (compareVersions(a.version, needed) < 0) warnings.push(`version ${a.version} is not bumped enough: ${because.join(', ')}, so it must be at least ${needed}`);
  }
  return {
    status: renamed ? 'renamed' : 'changed', id: a.id, ...(renamed ? { previousId: b.id } : {}), title: a.title, file: after.loaded.file,
    ruleGuid: after.ruleGuid, ...(before.ruleGuid !== after.ruleGuid ? { previousRuleGuid: before.ruleGuid } : {}),
    version: { before: b.version, after: a.version }, changes, warnings, targets,
    kqlDiff: before.query === after.query ? '' : unifiedDiff(before.query ?? '', after.query ?? '', { from: `a/${kqlPath(before)}`, to: `b/${kqlPath(after)}` }),
  };
}

function kqlPath(side: SideDetection): string {
  const output = side.entry?.outputs.kql;
  return output && 'path' in output ? output.path : `kql/${side.loaded.detection.id}.kql`;
}

function emittedTargets(entry: ManifestEntry | undefined): string[] {
  return entry ? Object.entries(entry.outputs).filter(([, o]) => 'path' in o).map(([t]) => t) : [];
}

/** Targets whose artefact differs: by SHA-256, or written on one side and skipped (or absent) on the other. */
function affectedTargets(before: ManifestEntry | undefined, after: ManifestEntry | undefined): string[] {
  const names = [...new Set([...Object.keys(before?.outputs ?? {}), ...Object.keys(after?.outputs ?? {})])];
  const key = (o: ManifestEntry['outputs'][string] | undefined) => (!o ? 'none' : 'sha256' in o ? o.sha256 : `skipped`);
  return names.filter((t) => key(before?.outputs[t]) !== key(after?.outputs[t]));
}
