/**
 * `manifest.json`: one entry per detection — id, rule GUID, version, source file and monitoring row — with the
 * path and SHA-256 of each artefact, or why a target was skipped. Sorted by id; no timestamps, so the same
 * input always gives the same bytes.
 */
import { createHash } from 'node:crypto';
import type { LoadedDetection, MonitoringRow } from './model/detection.ts';
import type { Artefact } from './targets/index.ts';

export interface ManifestEntry {
  id: string;
  ruleGuid: string;
  version: string;
  title: string;
  kind: string;
  severity: string;
  file: string;
  sourceRow?: MonitoringRow;
  outputs: Record<string, { path: string; sha256: string } | { skipped: string }>;
}

export const MANIFEST_PATH = 'manifest.json';

export function manifestEntry(loaded: LoadedDetection, ruleGuid: string, outputs: Record<string, Artefact | undefined>): ManifestEntry {
  const d = loaded.detection;
  const targets = d.targets as Record<string, { reason?: string } | undefined> | undefined;
  return {
    id: d.id,
    ruleGuid,
    version: d.version,
    title: d.title,
    kind: d.kind,
    severity: d.severity,
    file: loaded.file,
    ...(d.source ? { sourceRow: d.source } : {}),
    outputs: Object.fromEntries(
      Object.entries(outputs).map(([target, artefact]) => [
        target,
        artefact ? { path: artefact.path, sha256: sha256(artefact.content) } : { skipped: targets?.[targetOption(target)]?.reason ?? 'opted out' },
      ]),
    ),
  };
}

export function manifestArtefact(entries: ManifestEntry[]): Artefact {
  const sorted = [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { path: MANIFEST_PATH, content: JSON.stringify({ generator: 'sentinel-forge', detections: sorted }, null, 2) + '\n' };
}

/** The `targets` option that opts a detection out of a target: `sentinel-arm` and `sentinel-yaml` share `sentinel`. */
function targetOption(target: string): string {
  return target.split('-')[0];
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
