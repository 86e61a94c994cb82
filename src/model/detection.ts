/**
 * The detection model: what an author writes in `detections/*.ts`. Everything a Sentinel Scheduled or NRT
 * analytic rule and an Azure Monitor log search alert can carry, in one typed object. What a type cannot
 * express (ranges, lengths, cross-field rules) is checked by check-detection.ts at load time.
 */
import type { Duration } from './duration.ts';
import type { AlertProperty, EntityIdentifier, EntityType, MonitorSeverity, Severity, Tactic, TriggerOperator } from './vocabulary.ts';
import type { QueryTemplateParams } from './query-templates.ts';
import type { SampleCase } from './samples.ts';

/** A kebab-case slug: lower-case letters and digits separated by single hyphens. The rule GUID derives from it. */
export type DetectionId = string;

/** `major.minor.patch`, as Sentinel's `version` and `templateVersion` want it. */
export type SemanticVersion = `${number}.${number}.${number}`;

/** `T1234` or `T1234.001`. */
export type TechniqueId = `T${number}` | `T${number}.${number}`;

/** The row of a security-operations table that a detection implements: the article's columns. */
export interface MonitoringRow {
  /** Where the row comes from, e.g. the article title and section. */
  source: string;
  whatToMonitor: string;
  riskLevel: 'High' | 'Medium' | 'Low';
  where: string;
  filter: string;
  notes: string;
}

/** Raw KQL written with the `kql` tag; `text` is exactly what ships. */
export interface KqlQuery {
  readonly kind: 'kql';
  readonly text: string;
  /** Offsets in `text` of each literal part of the template, in source order (interpolated values lie between). */
  readonly segments?: ReadonlyArray<{ readonly start: number; readonly length: number }>;
}

/**
 * A structured filter rendered by the named Handlebars template in `templates/query/`. `C` is the union of the
 * columns it returns (a type only), so mappings and custom details can be checked against it in the editor.
 */
export type TemplateQuery<C extends string = string> = {
  [T in keyof QueryTemplateParams]: {
    readonly kind: 'template';
    readonly template: T;
    readonly params: QueryTemplateParams[T];
    /** Never set at run time: carries the result columns for the type checker. */
    readonly columns?: readonly C[];
  };
}[keyof QueryTemplateParams];

export type DetectionQuery<C extends string = string> = KqlQuery | TemplateQuery<C>;

/** One entity mapping; the identifier is limited to those the entity type allows, the column to `C`. */
export type EntityMapping<C extends string = string> = {
  [E in EntityType]: {
    entityType: E;
    fieldMappings: Array<{ identifier: EntityIdentifier<E>; columnName: C }>;
  };
}[EntityType];

export interface AlertDetails {
  /** Alert title; up to 3 `{{Column}}` placeholders. */
  displayNameFormat?: string;
  /** Alert description; up to 3 `{{Column}}` placeholders. */
  descriptionFormat?: string;
  /** A result column holding the alert's tactics. */
  tacticsColumn?: string;
  /** A result column holding the alert's severity. */
  severityColumn?: string;
  dynamicProperties?: Array<{ alertProperty: AlertProperty; column: string }>;
}

export interface IncidentGrouping {
  enabled: boolean;
  reopenClosedIncident?: boolean;
  /** 5m … 7d. */
  lookback: Duration;
  matchingMethod: 'AllEntities' | 'AnyAlert' | 'Selected';
  groupByEntities?: EntityType[];
  groupByAlertDetails?: Array<'DisplayName' | 'Severity'>;
  groupByCustomDetails?: string[];
}

export interface IncidentSettings {
  create: boolean;
  grouping?: IncidentGrouping;
}

export interface RequiredDataConnector {
  connectorId: string;
  dataTypes: string[];
}

/** Opting out of a target: the artefact is not written, and the reason is recorded in the manifest. */
export interface TargetOptOut {
  skip: true;
  reason: string;
}

export interface MonitorOptions {
  /** 0 = Critical … 4 = Verbose. Default: derived from the detection's severity. */
  severity?: MonitorSeverity;
  /** Resolve the alert when the condition clears. Default false: a security detection fires per occurrence. */
  autoMitigate?: boolean;
  /** Override the evaluation frequency (default: the Sentinel schedule's frequency). */
  evaluationFrequency?: Duration;
  /** Override the window (default: the Sentinel schedule's period). */
  windowSize?: Duration;
  /** Result columns to split alerts by (at most 6). */
  dimensions?: string[];
}

export interface TargetOptions {
  sentinel?: TargetOptOut;
  monitor?: MonitorOptions | TargetOptOut;
}

/** A JSON value, as a passthrough field holds it. */
export type PassthroughValue = string | number | boolean | null | PassthroughValue[] | { [key: string]: PassthroughValue };

/**
 * Fields of an imported rule that the model has no place for (`tags`, `status`, `metadata`,
 * `alertRuleTemplateName`, …), keyed as each format spells them. The Sentinel targets write them back after the
 * model's own fields, so importing and building loses nothing: `yaml` goes into the Azure-Sentinel YAML document,
 * `arm` into the ARM resource's `properties` (ARM-escaped like every other value). A key the model writes itself is
 * an error, except one it only fills with a default (`suppressionDuration` while suppression is off).
 */
export interface Passthrough {
  yaml?: Record<string, PassthroughValue>;
  arm?: Record<string, PassthroughValue>;
}

/**
 * Acknowledges a breaking change of identity. The rule GUID derives from the id (or `ruleId`), so a new id deploys
 * a second rule while the old one keeps running until deleted, and a retired id reused takes over its old rule.
 * `check` and `diff` report either until it is declared here; the sentence is a literal type, written out in full.
 */
export type IdentityChange =
  /** This detection replaces `replaces` (its previous id, or its own id when `ruleId` changed): a new rule GUID. */
  | { replaces: DetectionId; acknowledged: 'new rule GUID: the old rule must be deleted in Sentinel' }
  /** This detection takes the id (and rule GUID) of `reuses`, a detection that was removed. */
  | { reuses: DetectionId; acknowledged: 'reused id: this rule takes over the retired rule GUID' };

/** `C`: the columns the query returns, when its type says (structured filters); any string for raw KQL. */
interface DetectionBase<C extends string = string> {
  id: DetectionId;
  /**
   * The rule GUID of a rule that already exists in Sentinel under its own GUID (an imported rule): used instead of
   * the GUID derived from `id`, so deploying updates that rule rather than creating a second one. Never change it.
   */
  ruleId?: string;
  /** Sentinel `displayName`: sentence case, no final period, ≤ 256 characters (≤ 50 recommended). */
  title: string;
  description: string;
  severity: Severity;
  /** Default true. */
  enabled?: boolean;
  version: SemanticVersion;
  /** The monitoring row this detection implements. */
  source?: MonitoringRow;
  query: DetectionQuery<C>;
  tactics: Tactic[];
  techniques?: TechniqueId[];
  entityMappings?: EntityMapping<NoInfer<C>>[];
  /** Custom detail key → result column. */
  customDetails?: Record<string, NoInfer<C>>;
  alertDetails?: AlertDetails;
  /** Suppress new alerts for this long after one fires. Omitted: no suppression. */
  suppression?: Duration;
  /** Default: create an incident, no grouping. */
  incident?: IncidentSettings;
  /** Default `SingleAlert`. */
  eventGrouping?: 'SingleAlert' | 'AlertPerResult';
  requiredDataConnectors: RequiredDataConnector[];
  targets?: TargetOptions;
  /** Sample events: cases that must alert and near-misses that must not. */
  samples?: SampleCase[];
  /** Fields of an imported rule the model has no place for, written back as they are (see `Passthrough`). */
  passthrough?: Passthrough;
  /** An acknowledged change of identity (a renamed id, a changed ruleId, a reused retired id); see `IdentityChange`. */
  identity?: IdentityChange;
}

export interface ScheduledDetection<C extends string = string> extends DetectionBase<C> {
  kind: 'Scheduled';
  /** How often the query runs, and how far back it looks. 5m ≤ frequency ≤ period ≤ 14d. */
  schedule: { frequency: Duration; period: Duration };
  /** Alert when the number of result rows compares so with the threshold (0–10000). */
  trigger: { operator: TriggerOperator; threshold: number };
}

export interface NrtDetection<C extends string = string> extends DetectionBase<C> {
  kind: 'NRT';
}

export type Detection<C extends string = string> = ScheduledDetection<C> | NrtDetection<C>;

/** A detection as loaded: the definition plus the file it came from. */
export interface LoadedDetection {
  readonly detection: Detection;
  /** Path relative to the project root, with `/` separators. */
  readonly file: string;
  /** Absolute path, for reading the source when a position is needed. */
  readonly absoluteFile: string;
}
