/**
 * The Sentinel rule GUID of a detection: a UUIDv5 (RFC 9562 §5.5) of its id under a fixed namespace, so the
 * GUID never drifts when a title, query or file changes, and two machines always agree on it.
 */
import { createHash } from 'node:crypto';

/** Namespace of sentinel-forge rule ids. Never change it: every deployed rule's GUID depends on it. */
export const RULE_ID_NAMESPACE = '6b3c1f2e-58d4-5a8e-9f0b-2c7d4e6a1b93';

export function ruleGuid(detectionId: string): string {
  const namespace = Buffer.from(RULE_ID_NAMESPACE.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(detectionId, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50; // version 5
  hash[8] = (hash[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The rule GUID a detection deploys to: the GUID it keeps (`ruleId`, an imported rule's), else the one its id derives. */
export function detectionRuleGuid(d: { id: string; ruleId?: string }): string {
  return d.ruleId ?? ruleGuid(d.id);
}
