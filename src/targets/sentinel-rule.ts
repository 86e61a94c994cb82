/**
 * The Sentinel analytic rule of a detection, in the two shapes Sentinel takes it: the ARM `properties` bag
 * (`ScheduledAlertRuleProperties` / `NrtAlertRuleProperties`, API 2025-09-01 and 2025-07-01-preview) and
 * the Azure-Sentinel repository YAML document (sentinel-analytic-rules-creation.md).
 */
import type { Diagnostic } from '../diagnostics.ts';
import type { Detection } from '../model/detection.ts';
import type { TargetInput } from './target.ts';
import { durationMinutes, isoDuration, yamlDuration } from '../model/duration.ts';

/** Stable API for Scheduled rules (newest with an RM schema); NRT exists only in preview versions. */
export const SENTINEL_API_VERSION = { Scheduled: '2025-09-01', NRT: '2025-07-01-preview' } as const;

const TRIGGER_OPERATOR_NAMES = { gt: 'GreaterThan', lt: 'LessThan', eq: 'Equal', ne: 'NotEqual' } as const;
/** Sentinel requires a suppression duration even when suppression is off; the portal's default. */
const DEFAULT_SUPPRESSION = '5h';
const DEFAULT_GROUPING_LOOKBACK = '5h';

/** The `properties` of the ARM resource, key order as the portal exports it, then the detection's ARM passthrough. */
export function sentinelArmProperties(d: Detection, query: string): Record<string, unknown> {
  return withPassthrough(d, armProperties(d, query), d.passthrough?.arm);
}

function armProperties(d: Detection, query: string): Record<string, unknown> {
  const baseTechniques = unique((d.techniques ?? []).map((t) => t.split('.')[0]));
  const subTechniques = unique((d.techniques ?? []).filter((t) => t.includes('.')));
  const override = alertDetailsOverride(d);
  return {
    displayName: d.title,
    description: d.description,
    severity: d.severity,
    enabled: d.enabled ?? true,
    query,
    ...(d.kind === 'Scheduled'
      ? {
          queryFrequency: iso(d.schedule.frequency),
          queryPeriod: iso(d.schedule.period),
          triggerOperator: TRIGGER_OPERATOR_NAMES[d.trigger.operator],
          triggerThreshold: d.trigger.threshold,
        }
      : {}),
    suppressionDuration: iso(d.suppression ?? DEFAULT_SUPPRESSION),
    suppressionEnabled: d.suppression !== undefined,
    tactics: d.tactics,
    // The stable API rejects sub-techniques in `techniques` ("expected format is T####"); preview has a field for them.
    techniques: baseTechniques,
    ...(d.kind === 'NRT' && subTechniques.length > 0 ? { subTechniques } : {}),
    ...(d.entityMappings?.length ? { entityMappings: d.entityMappings.map(entityMapping) } : {}),
    ...(d.customDetails && Object.keys(d.customDetails).length ? { customDetails: d.customDetails } : {}),
    ...(override ? { alertDetailsOverride: override } : {}),
    eventGroupingSettings: { aggregationKind: d.eventGrouping ?? 'SingleAlert' },
    incidentConfiguration: incidentConfiguration(d, iso),
  };
}

/** The Azure-Sentinel YAML document, key order as the repository's rules use it (`version` last), with the YAML passthrough. */
export function sentinelYamlDocument(d: Detection, query: string, guid: string): Record<string, unknown> {
  return withPassthrough(d, yamlDocument(d, query, guid), d.passthrough?.yaml);
}

/**
 * Passthrough keys that would replace a field the model writes (each an error; the model's value is kept). A key
 * the model only fills with a default may be passed through: `suppressionDuration` while suppression is off, the
 * inert duration a rule keeps, which the model (suppression on, for this long) has no place for.
 */
export function passthroughConflicts(d: Detection, format: 'yaml' | 'arm'): string[] {
  const extra = d.passthrough?.[format];
  if (!extra) return [];
  const model = format === 'yaml' ? yamlDocument(d, '', '') : armProperties(d, '');
  const defaulted = defaultedKeys(d);
  return Object.keys(extra).filter((key) => key in model && !defaulted.has(key));
}

/** The passthrough keys the model has no field for, in order: the YAML template writes these after its own. */
export function passthroughExtras(d: Detection, format: 'yaml' | 'arm'): Array<{ key: string; value: unknown }> {
  const model = format === 'yaml' ? yamlDocument(d, '', '') : armProperties(d, '');
  return Object.entries(d.passthrough?.[format] ?? {}).filter(([key]) => !(key in model)).map(([key, value]) => ({ key, value }));
}

/** An error per passthrough key that would replace a field the model writes: the target then writes nothing. */
export function passthroughDiagnostics(input: TargetInput, format: 'yaml' | 'arm'): Diagnostic[] {
  const d = input.loaded.detection;
  return passthroughConflicts(d, format).map((key) => ({
    code: 'SF1016', severity: 'error', file: input.loaded.file, line: 0, column: 0, field: `passthrough.${format}.${key}`, detectionId: d.id,
    message: `passthrough.${format}.${key} would replace the ${key} the detection's own fields produce.`,
    hint: `Set it through the detection's field for ${key}, and remove it from passthrough.${format}.`,
  }));
}

function defaultedKeys(d: Detection): Set<string> {
  return new Set(d.suppression === undefined ? ['suppressionDuration'] : []);
}

/** `model` with the passthrough merged in: keys the model lacks are added, defaulted ones replaced, others left. */
function withPassthrough(d: Detection, model: Record<string, unknown>, extra: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!extra) return model;
  const defaulted = defaultedKeys(d);
  const merged = { ...model };
  for (const [key, value] of Object.entries(extra)) if (!(key in model) || defaulted.has(key)) merged[key] = value;
  return merged;
}

function yamlDocument(d: Detection, query: string, guid: string): Record<string, unknown> {
  const override = alertDetailsOverride(d);
  return {
    id: guid,
    name: d.title,
    description: d.description,
    severity: d.severity,
    requiredDataConnectors: d.requiredDataConnectors.map((c) => ({ connectorId: c.connectorId, dataTypes: c.dataTypes })),
    ...(d.kind === 'Scheduled'
      ? {
          queryFrequency: short(d.schedule.frequency),
          queryPeriod: short(d.schedule.period),
          triggerOperator: d.trigger.operator,
          triggerThreshold: d.trigger.threshold,
        }
      : {}),
    tactics: d.tactics,
    relevantTechniques: d.techniques ?? [],
    query: query + '\n',
    ...(d.entityMappings?.length ? { entityMappings: d.entityMappings.map(entityMapping) } : {}),
    ...(d.customDetails && Object.keys(d.customDetails).length ? { customDetails: d.customDetails } : {}),
    ...(override ? { alertDetailsOverride: override } : {}),
    eventGroupingSettings: { aggregationKind: d.eventGrouping ?? 'SingleAlert' },
    incidentConfiguration: incidentConfiguration(d, iso),
    suppressionDuration: iso(d.suppression ?? DEFAULT_SUPPRESSION),
    suppressionEnabled: d.suppression !== undefined,
    enabled: d.enabled ?? true,
    kind: d.kind,
    version: d.version,
  };
}

function entityMapping(m: NonNullable<Detection['entityMappings']>[number]) {
  return { entityType: m.entityType, fieldMappings: m.fieldMappings.map((f) => ({ identifier: f.identifier, columnName: f.columnName })) };
}

function alertDetailsOverride(d: Detection): Record<string, unknown> | undefined {
  const a = d.alertDetails;
  if (!a) return undefined;
  const override = {
    ...(a.displayNameFormat !== undefined ? { alertDisplayNameFormat: a.displayNameFormat } : {}),
    ...(a.descriptionFormat !== undefined ? { alertDescriptionFormat: a.descriptionFormat } : {}),
    ...(a.tacticsColumn !== undefined ? { alertTacticsColumnName: a.tacticsColumn } : {}),
    ...(a.severityColumn !== undefined ? { alertSeverityColumnName: a.severityColumn } : {}),
    ...(a.dynamicProperties?.length ? { alertDynamicProperties: a.dynamicProperties.map((p) => ({ alertProperty: p.alertProperty, value: p.column })) } : {}),
  };
  return Object.keys(override).length ? override : undefined;
}

function incidentConfiguration(d: Detection, duration: (value: string) => string) {
  const g = d.incident?.grouping;
  return {
    createIncident: d.incident?.create ?? true,
    groupingConfiguration: {
      enabled: g?.enabled ?? false,
      reopenClosedIncident: g?.reopenClosedIncident ?? false,
      lookbackDuration: duration(g?.lookback ?? DEFAULT_GROUPING_LOOKBACK),
      matchingMethod: g?.matchingMethod ?? 'AllEntities',
      groupByEntities: g?.groupByEntities ?? [],
      groupByAlertDetails: g?.groupByAlertDetails ?? [],
      groupByCustomDetails: g?.groupByCustomDetails ?? [],
    },
  };
}

function iso(value: string): string {
  return isoDuration(durationMinutes(value)!);
}

function short(value: string): string {
  return yamlDuration(durationMinutes(value)!);
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
