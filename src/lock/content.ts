/**
 * A detection's content as the lock file records it: what it ships to Sentinel and Azure Monitor, normalised and
 * split into parts by the version bump a change to each needs. Built from the definition and the formatted query
 * only, never from the artefacts: a change to the generator's templates or output layout changes no hash.
 */
import { createHash } from 'node:crypto';
import type { Detection } from '../model/detection.ts';
import type { BumpLevel } from './semver.ts';

export type ContentPart = 'kind' | 'query' | 'logic' | 'metadata';

/** The bump a change to each part needs. */
export const PART_BUMP: Readonly<Record<ContentPart, BumpLevel>> = { kind: 'major', query: 'minor', logic: 'minor', metadata: 'patch' };

/** What each part holds, in words, for diagnostics. */
export const PART_NAME: Readonly<Record<ContentPart, string>> = {
  kind: 'the kind',
  query: 'the query',
  logic: 'the rule logic (schedule, trigger, severity, entity mappings, grouping, incidents, enabled, target options)',
  metadata: 'the metadata (title, description, ATT&CK, custom details, alert details, connectors, source row)',
};

/** When the rule runs, what makes it fire and what its alerts and incidents carry: a change is minor. */
const LOGIC_FIELDS = ['schedule', 'trigger', 'suppression', 'eventGrouping', 'incident', 'enabled', 'severity', 'entityMappings', 'targets'];

/**
 * Not content: the id and rule GUID are the identity (the lock's key and its `ruleGuid`), the version is what is
 * being checked, samples are tests that never ship, and the query is hashed as its formatted text. Every other
 * field, including fields added to the model later, counts as metadata.
 */
const NOT_CONTENT = new Set(['id', 'ruleId', 'version', 'identity', 'samples', 'query', 'kind', ...LOGIC_FIELDS]);

/** The normalised content of each part: defaults filled in, so writing a default out is not a change. */
export function contentParts(detection: Detection, formattedQuery: string): Record<ContentPart, unknown> {
  const d = detection as unknown as Record<string, unknown>;
  const defaults: Record<string, unknown> = { enabled: true, eventGrouping: 'SingleAlert', incident: { create: true } };
  const logic = Object.fromEntries(LOGIC_FIELDS.map((field) => [field, d[field] ?? defaults[field]]));
  const metadata = Object.fromEntries(Object.keys(d).filter((k) => !NOT_CONTENT.has(k)).map((k) => [k, d[k]]));
  return { kind: detection.kind, query: formattedQuery.replace(/\r\n/g, '\n').trimEnd(), logic, metadata };
}

/** A short hash (16 hex digits of SHA-256) of each part's canonical JSON. */
export function partHashes(detection: Detection, formattedQuery: string): Record<ContentPart, string> {
  const parts = contentParts(detection, formattedQuery);
  return {
    kind: shortHash(canonicalJson(parts.kind)),
    query: shortHash(canonicalJson(parts.query)),
    logic: shortHash(canonicalJson(parts.logic)),
    metadata: shortHash(canonicalJson(parts.metadata)),
  };
}

/** The hash of the whole content: SHA-256 of the part hashes, in a fixed order. */
export function contentHash(parts: Record<ContentPart, string>): string {
  return createHash('sha256').update(`kind:${parts.kind}\nquery:${parts.query}\nlogic:${parts.logic}\nmetadata:${parts.metadata}\n`).digest('hex');
}

/** The parts whose hashes differ. */
export function changedParts(before: Record<ContentPart, string>, after: Record<ContentPart, string>): ContentPart[] {
  return (Object.keys(PART_BUMP) as ContentPart[]).filter((part) => before[part] !== after[part]);
}

/** JSON with object keys sorted and undefined dropped at every level: equal values, equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sortKeys(v)));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value).sort().filter((k) => (value as Record<string, unknown>)[k] !== undefined).map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

function shortHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);
}
