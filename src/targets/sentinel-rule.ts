/**
 * The Sentinel analytic rule of a detection, in the two shapes Sentinel takes it: the ARM `properties` bag
 * (`ScheduledAlertRuleProperties` / `NrtAlertRuleProperties`, API 2025-09-01 and 2025-07-01-preview) and
 * the Azure-Sentinel repository YAML document (sentinel-analytic-rules-creation.md).
 */
import type { Detection } from '../model/detection.ts';
import { durationMinutes, isoDuration, yamlDuration } from '../model/duration.ts';

/** Stable API for Scheduled rules (newest with an RM schema); NRT exists only in preview versions. */
export const SENTINEL_API_VERSION = { Scheduled: '2025-09-01', NRT: '2025-07-01-preview' } as const;

const TRIGGER_OPERATOR_NAMES = { gt: 'GreaterThan', lt: 'LessThan', eq: 'Equal', ne: 'NotEqual' } as const;
/** Sentinel requires a suppression duration even when suppression is off; the portal's default. */
const DEFAULT_SUPPRESSION = '5h';
const DEFAULT_GROUPING_LOOKBACK = '5h';

/** The `properties` of the ARM resource, key order as the portal exports it. */
export function sentinelArmProperties(d: Detection, query: string): Record<string, unknown> {
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

/** The Azure-Sentinel YAML document, key order as the repository's rules use it; `version` last. */
export function sentinelYamlDocument(d: Detection, query: string, guid: string): Record<string, unknown> {
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
