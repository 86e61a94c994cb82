/**
 * Baselines: the PIM role settings an organisation commits to (justification, approval, approval stages, MFA on
 * activation, maximum activation duration) for a set of roles. A baseline compiles to a drift detection (alert on
 * `Update role setting in PIM` for those roles) and is what `sentinel-forge baseline --policies` compares a policy
 * export with.
 */
import type { Duration } from './duration.ts';
import type { SemanticVersion } from './detection.ts';

/** A baseline row of a security-operations table: the article's baseline columns. */
export interface BaselineRow {
  source: string;
  whatToMonitor: string;
  riskLevel: 'High' | 'Medium' | 'Low';
  recommendation: string;
  roles: string;
  notes: string;
}

/** The activation settings a baseline requires of each role. */
export interface RoleSettingsBaseline {
  /** Require a justification on activation. */
  requireJustification: boolean;
  /** Require approval to activate. */
  requireApproval: boolean;
  /** Minimum number of approval stages (2 = a two-level approver process); 0 when approval is not required. */
  approvalStages: number;
  /** Require multifactor authentication on activation. */
  requireMfa: boolean;
  /** The longest an activation may last, e.g. '8h'. */
  maxActivationDuration: Duration;
}

export interface Baseline {
  id: string;
  title: string;
  version: SemanticVersion;
  source: BaselineRow;
  /** Which PIM surface the roles belong to: Entra ID directory roles or Azure resource (RBAC) roles. */
  scope: 'DirectoryRole' | 'AzureResource';
  /** Role display names, as PIM and the audit log name them. */
  roles: string[];
  settings: RoleSettingsBaseline;
}

export const BASELINE_MARK: unique symbol = Symbol.for('sentinel-forge.baseline');

export type DefinedBaseline = Baseline & { readonly [BASELINE_MARK]: true };

/** Declare a baseline; the loader picks up every export carrying the mark. */
export function defineBaseline(baseline: Baseline): DefinedBaseline {
  return Object.defineProperty({ ...baseline }, BASELINE_MARK, { value: true, enumerable: false }) as DefinedBaseline;
}

export function isDefinedBaseline(value: unknown): value is DefinedBaseline {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BASELINE_MARK] === true;
}
