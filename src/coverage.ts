/**
 * ATT&CK coverage of a set of detections: which (technique, tactic) pairs they claim and which tactics they
 * list. Shared by the Navigator layer (attack-layer.ts) and the Markdown catalogue (docs/), so both count the
 * same way. Sorted: techniques by id, tactics in kill-chain order (the order of `TACTICS`).
 */
import type { Detection } from './model/detection.ts';
import { TACTICS, TACTICS_OF_TECHNIQUE, type Tactic } from './model/vocabulary.ts';

/** A detection as coverage names it. */
export interface DetectionRef {
  id: string;
  title: string;
}

/** One technique under one tactic, and the detections that claim it there. */
export interface TechniqueCoverage {
  /** `T1234` or `T1234.001`, as the detection lists it. */
  technique: string;
  tactic: Tactic;
  detections: DetectionRef[];
}

export interface TacticCoverage {
  tactic: Tactic;
  detections: DetectionRef[];
}

/**
 * ATT&CK tactic shortnames (the `x_mitre_shortname` Navigator layers use), by Sentinel tactic. PreAttack has
 * none: PRE-ATT&CK was folded into Reconnaissance and Resource Development in ATT&CK v8.
 */
export const TACTIC_SHORTNAMES: Readonly<Record<Tactic, string | undefined>> = {
  Reconnaissance: 'reconnaissance',
  ResourceDevelopment: 'resource-development',
  InitialAccess: 'initial-access',
  Execution: 'execution',
  Persistence: 'persistence',
  PrivilegeEscalation: 'privilege-escalation',
  DefenseEvasion: 'defense-evasion',
  CredentialAccess: 'credential-access',
  Discovery: 'discovery',
  LateralMovement: 'lateral-movement',
  Collection: 'collection',
  Exfiltration: 'exfiltration',
  CommandAndControl: 'command-and-control',
  Impact: 'impact',
  PreAttack: undefined,
  ImpairProcessControl: 'impair-process-control',
  InhibitResponseFunction: 'inhibit-response-function',
};

/** The tactics of the Enterprise matrix; the other three are PRE-ATT&CK's and ICS's. */
export const ENTERPRISE_TACTICS: readonly Tactic[] = TACTICS.filter((t) => !['PreAttack', 'ImpairProcessControl', 'InhibitResponseFunction'].includes(t));

/**
 * Every (technique, tactic) pair the detections claim: a technique counts under each of the detection's tactics
 * it belongs to (a sub-technique by its parent), the way Sentinel's validator pairs them.
 */
export function techniqueCoverage(detections: readonly Detection[]): TechniqueCoverage[] {
  const pairs = new Map<string, TechniqueCoverage>();
  for (const d of detections) {
    for (const technique of new Set(d.techniques ?? [])) {
      const belongs = TACTICS_OF_TECHNIQUE.get(technique.split('.')[0]) ?? [];
      for (const tactic of new Set(d.tactics)) {
        if (!belongs.includes(tactic)) continue;
        const key = `${technique} ${tactic}`;
        const pair = pairs.get(key) ?? { technique, tactic, detections: [] };
        pair.detections.push({ id: d.id, title: d.title });
        pairs.set(key, pair);
      }
    }
  }
  return [...pairs.values()]
    .map((p) => ({ ...p, detections: sortRefs(p.detections) }))
    .sort((a, b) => compare(a.technique, b.technique) || TACTICS.indexOf(a.tactic) - TACTICS.indexOf(b.tactic));
}

/** Every tactic at least one detection lists, with those detections. */
export function tacticCoverage(detections: readonly Detection[]): TacticCoverage[] {
  return TACTICS.map((tactic) => ({ tactic, detections: sortRefs(detections.filter((d) => d.tactics.includes(tactic)).map((d) => ({ id: d.id, title: d.title }))) }))
    .filter((t) => t.detections.length > 0);
}

/** Byte order, not locale order, so every machine sorts the same. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortRefs(refs: DetectionRef[]): DetectionRef[] {
  return [...refs].sort((a, b) => compare(a.id, b.id));
}
