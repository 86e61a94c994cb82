/**
 * The "ATT&CK coverage" section of the detection catalogue: tactics and techniques the detections claim, counted
 * as the Navigator layer counts them (coverage.ts), plus what is missing.
 */
import type { Detection } from '../model/detection.ts';
import { ENTERPRISE_TACTICS, tacticCoverage, techniqueCoverage } from '../coverage.ts';
import { markdownLink, markdownTable } from './markdown.ts';

export function coverageSection(detections: readonly Detection[]): string {
  const pairs = techniqueCoverage(detections);
  const tactics = tacticCoverage(detections);
  const parts = ['## ATT&CK coverage'];
  if (detections.length === 0) return [...parts, 'No detections.'].join('\n\n');

  const tacticRows = tactics.map(({ tactic, detections: refs }) => [
    tactic,
    String(refs.length),
    pairs.filter((p) => p.tactic === tactic).map((p) => `${p.technique} (${p.detections.length})`).join(', ') || '–',
  ]);
  parts.push('### Tactics', markdownTable(['Tactic', 'Detections', 'Techniques (detections)'], tacticRows));
  const uncovered = ENTERPRISE_TACTICS.filter((t) => !tactics.some((c) => c.tactic === t));
  parts.push(uncovered.length > 0 ? `Enterprise tactics no detection lists: ${uncovered.join(', ')}.` : 'Every Enterprise tactic is listed by at least one detection.');

  const techniqueRows = pairs.map((p) => [
    markdownLink(p.technique, techniqueUrl(p.technique)),
    p.tactic,
    String(p.detections.length),
    p.detections.map((d) => `\`${d.id}\``).join('<br>'),
  ]);
  parts.push('### Techniques', techniqueRows.length > 0 ? markdownTable(['Technique', 'Tactic', 'Detections', 'Covered by'], techniqueRows) : 'No detection lists an ATT&CK technique.');
  const without = detections.filter((d) => (d.techniques ?? []).length === 0).map((d) => `\`${d.id}\``).sort();
  if (without.length > 0) parts.push(`Detections that list no technique: ${without.join(', ')}.`);
  return parts.join('\n\n');
}

/** The technique's page on attack.mitre.org (`T1078.004` → `/techniques/T1078/004/`). */
export function techniqueUrl(technique: string): string {
  return `https://attack.mitre.org/techniques/${technique.replace('.', '/')}/`;
}
