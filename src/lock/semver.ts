/**
 * The three-number versions detections carry (`major.minor.patch`) and the bump a change needs: major for a
 * change of kind or identity, minor for the query or the rule's logic, patch for metadata.
 */

export type BumpLevel = 'major' | 'minor' | 'patch';

const LEVEL_RANK: Record<BumpLevel, number> = { patch: 1, minor: 2, major: 3 };

/** `[major, minor, patch]`, or undefined when the text is not three dot-separated non-negative integers. */
export function parseVersion(version: string): [number, number, number] | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

/** Negative, zero or positive as `a` is lower than, equal to or higher than `b` (unparseable sorts lowest). */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [parseVersion(a) ?? [-1, -1, -1], parseVersion(b) ?? [-1, -1, -1]];
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

/** The next version at `level`: 1.2.3 → 2.0.0 (major), 1.3.0 (minor), 1.2.4 (patch). */
export function bumpVersion(version: string, level: BumpLevel): string {
  const [major, minor, patch] = parseVersion(version) ?? [0, 0, 0];
  if (level === 'major') return `${major + 1}.0.0`;
  if (level === 'minor') return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

/** The larger of two bumps; undefined (no change) is the smallest. */
export function maxLevel(a: BumpLevel | undefined, b: BumpLevel | undefined): BumpLevel | undefined {
  if (!a) return b;
  if (!b) return a;
  return LEVEL_RANK[a] >= LEVEL_RANK[b] ? a : b;
}

/** The higher of two versions. */
export function maxVersion(a: string, b: string): string {
  return compareVersions(a, b) >= 0 ? a : b;
}
