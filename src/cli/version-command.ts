/**
 * `version`: record every detection's version and content hashes in the lock file (new detections, versions bumped
 * by hand, removed detections retired). With `--bump`, first raise each version that a change needs raised, in the
 * detection's `.ts` file (the `version` string literal, found with TypeScript's parser), then record. Refuses,
 * writing nothing, while a change lacks its bump (without --bump) or an identity change is not acknowledged.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hasErrors, type Diagnostic } from '../diagnostics.ts';
import { LOCK_FILE, serializeLock } from '../lock/lock-file.ts';
import { reviewLock, type CompiledDetection, type VersionBump } from '../lock/review-lock.ts';
import { maxVersion } from '../lock/semver.ts';
import { rewriteVersions, VersionLocator, type VersionLiteral } from '../lock/version-literal.ts';
import { checkProject } from '../project.ts';
import type { Command, CommandContext } from './command.ts';
import { compiledDetections, positionDiagnostics, readLockFile, writeLock } from './project-guards.ts';
import { formatDiagnostics } from './print.ts';
import { writeFileAtomic } from './write-output.ts';

export const versionCommand: Command = {
  summary: `record each detection's version and content hash in ${LOCK_FILE}; --bump first raises the versions changes need, in the .ts files`,
  run: runVersion,
};

async function runVersion({ io, values, format, detectionsDir }: CommandContext): Promise<number> {
  const progress = (text: string) => { if (!values.quiet && format === 'human') io.stderr(text); };
  const report = (diagnostics: Diagnostic[]) => { if (diagnostics.length > 0 || format === 'json') io.stdout(formatDiagnostics(diagnostics, format)); };
  const run = await checkProject({ root: io.cwd, detectionsDir, strict: values.strict, cache: !values['no-cache'], fresh: true });
  if (hasErrors(run.diagnostics)) {
    report(run.diagnostics);
    progress('sentinel-forge: fix the errors above first; nothing recorded.');
    return 1;
  }
  const lock = readLockFile(io.cwd);
  if (lock.diagnostics.length > 0) {
    report(lock.diagnostics);
    return 1;
  }
  let compiled = compiledDetections(run);
  const definedIds = new Set(run.detections.map((l) => l.detection.id));
  let review = reviewLock({ compiled, definedIds }, lock.lock, 'record', lock.text);
  const bumped: string[] = [];
  // Bumps are written only when they are all that stands in the way: no file is touched while another error remains.
  if (values.bump && review.bumps.length > 0 && review.diagnostics.every((d) => d.code === 'SF7002')) {
    const applied = await applyBumps(review.bumps, compiled, io.cwd);
    if (applied.diagnostics.length > 0) {
      report(await positionDiagnostics(applied.diagnostics, run.detections, io.cwd));
      progress('sentinel-forge: some versions could not be bumped; nothing written.');
      return 1;
    }
    compiled = applied.compiled;
    bumped.push(...applied.lines);
    review = reviewLock({ compiled, definedIds }, lock.lock, 'record', lock.text);
  }
  if (hasErrors(review.diagnostics)) {
    report(await positionDiagnostics(review.diagnostics, run.detections, io.cwd));
    const next = review.bumps.length === 0 ? '' : values.bump ? '; fix the other errors, then --bump writes the versions' : '; `sentinel-forge version --bump` writes the versions suggested above';
    progress(`sentinel-forge: ${LOCK_FILE} not written, no file changed${next}.`);
    return 1;
  }
  const written = writeLock(lock, serializeLock(review.next));
  const { added, updated, retired } = review.recorded;
  if (format === 'json') io.stdout(JSON.stringify({ bumped, added, updated, retired, written }, null, 2));
  else for (const line of bumped) io.stdout(line);
  const counts = [[added, 'added'], [updated, 'updated'], [retired, 'retired']].filter(([ids]) => ids.length > 0).map(([ids, what]) => `${ids.length} ${what}`);
  progress(`sentinel-forge: ${bumped.length > 0 ? `${bumped.length} version${bumped.length === 1 ? '' : 's'} bumped; ` : ''}${LOCK_FILE} ${written ? `written (${counts.join(', ') || 'reformatted'})` : 'already up to date'}${bumped.length > 0 ? '; run `sentinel-forge build` to write the new versions into the outputs' : ''}.`);
  return 0;
}

/**
 * Rewrite each version literal a bump needs. A literal shared by several detections (a factory) gets the highest
 * version any of them needs, and every detection built from it moves to that version.
 */
async function applyBumps(bumps: readonly VersionBump[], compiled: readonly CompiledDetection[], root: string): Promise<{ compiled: CompiledDetection[]; lines: string[]; diagnostics: Diagnostic[] }> {
  const locator = await VersionLocator.create();
  const diagnostics: Diagnostic[] = [];
  const literals = new Map<string, { literal: VersionLiteral; version: string; ids: string[] }>();
  const literalOf = new Map<string, string>();
  for (const c of compiled) {
    const literal = locator.find(c.loaded);
    if (!literal) continue;
    const key = `${literal.file}:${literal.start}`;
    literalOf.set(c.loaded.detection.id, key);
    const slot = literals.get(key) ?? { literal, version: c.loaded.detection.version, ids: [] };
    slot.ids.push(c.loaded.detection.id);
    literals.set(key, slot);
  }
  const targets = new Set<string>();
  for (const bump of bumps) {
    const key = literalOf.get(bump.id);
    if (!key) {
      diagnostics.push({
        code: 'SF7007', severity: 'error', file: bump.loaded.file, line: 0, column: 0, field: 'version', detectionId: bump.id,
        message: `the version of '${bump.id}' is not a string literal sentinel-forge can find, so it cannot be bumped to ${bump.to}.`,
        hint: `Set it to '${bump.to}' by hand, then run \`sentinel-forge version\`.`,
      });
      continue;
    }
    const slot = literals.get(key)!;
    slot.version = maxVersion(slot.version, bump.to);
    targets.add(key);
  }
  if (diagnostics.length > 0) return { compiled: [...compiled], lines: [], diagnostics };
  const byFile = new Map<string, Array<{ start: number; end: number; version: string }>>();
  for (const key of targets) {
    const { literal, version } = literals.get(key)!;
    byFile.set(literal.file, [...(byFile.get(literal.file) ?? []), { start: literal.start, end: literal.end, version }]);
  }
  for (const [file, edits] of byFile) writeFileAtomic(file, rewriteVersions(readFileSync(file, 'utf8'), edits));
  const lines: string[] = [];
  const next = compiled.map((c) => {
    const key = literalOf.get(c.loaded.detection.id);
    if (!key || !targets.has(key)) return c;
    const { literal, version } = literals.get(key)!;
    const because = bumps.find((b) => b.id === c.loaded.detection.id)?.because ?? `shares its version with ${literals.get(key)!.ids.filter((id) => id !== c.loaded.detection.id).join(', ')}`;
    lines.push(`${c.loaded.detection.id}: ${c.loaded.detection.version} → ${version} (${because}) in ${path.relative(root, literal.file).split(path.sep).join('/')}`);
    return { ...c, loaded: { ...c.loaded, detection: { ...c.loaded.detection, version: version as typeof c.loaded.detection.version } } };
  });
  return { compiled: next, lines, diagnostics: [] };
}
