/**
 * The acknowledgements of an identity change (`identity` in a definition), as values: the sentences the model's
 * literal types demand, and a reader that refuses anything else (tsx runs definitions without type checks).
 */
import type { IdentityChange } from '../model/detection.ts';

export const REPLACES_ACKNOWLEDGEMENT: Extract<IdentityChange, { replaces: string }>['acknowledged'] = 'new rule GUID: the old rule must be deleted in Sentinel';
export const REUSES_ACKNOWLEDGEMENT: Extract<IdentityChange, { reuses: string }>['acknowledged'] = 'reused id: this rule takes over the retired rule GUID';

/** The declared identity change, or a problem (message, field) when `identity` is malformed. */
export function readIdentity(identity: unknown): { replaces?: string; reuses?: string; problem?: { field: string; message: string } } {
  if (identity === undefined) return {};
  const i = identity as Record<string, unknown>;
  if (typeof i !== 'object' || i === null) return { problem: { field: 'identity', message: 'identity must be { replaces, acknowledged } or { reuses, acknowledged }.' } };
  if (typeof i.replaces === 'string' && i.reuses === undefined) {
    return i.acknowledged === REPLACES_ACKNOWLEDGEMENT ? { replaces: i.replaces } : { problem: { field: 'identity.acknowledged', message: `identity.acknowledged must read exactly '${REPLACES_ACKNOWLEDGEMENT}'.` } };
  }
  if (typeof i.reuses === 'string' && i.replaces === undefined) {
    return i.acknowledged === REUSES_ACKNOWLEDGEMENT ? { reuses: i.reuses } : { problem: { field: 'identity.acknowledged', message: `identity.acknowledged must read exactly '${REUSES_ACKNOWLEDGEMENT}'.` } };
  }
  return { problem: { field: 'identity', message: 'identity must name either the id it replaces (replaces) or the retired id it reuses (reuses), as a string.' } };
}

/** The `identity` property to write, as TypeScript source, for hints. */
export function identitySource(kind: 'replaces' | 'reuses', id: string): string {
  return `identity: { ${kind}: '${id}', acknowledged: '${kind === 'replaces' ? REPLACES_ACKNOWLEDGEMENT : REUSES_ACKNOWLEDGEMENT}' }`;
}
