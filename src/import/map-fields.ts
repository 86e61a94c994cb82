/**
 * Field mappers for import: each turns one source field (YAML or ARM spelling) into the model's shape, reporting
 * what it cannot keep. Used by to-detection.ts, one per field group.
 */
import { durationMinutes, yamlDuration } from '../model/duration.ts';
import { isoDurationMinutes } from '../baseline/iso-duration.ts';
import { isObject } from './read-rules.ts';

/** Sentinel's default incident-grouping lookback (PT5H); a grouping equal to the defaults is left out. */
const DEFAULT_LOOKBACK_MINUTES = 300;

/** Minutes in a duration written either way (`1h`, `PT1H`); undefined when it is not a whole number of minutes. */
export function minutesOf(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const minutes = durationMinutes(value.trim()) ?? isoDurationMinutes(value);
  return minutes !== undefined && Number.isInteger(minutes) && minutes > 0 ? minutes : undefined;
}

export function duration(value: unknown, field: string, error: (field: string, message: string) => void): string | undefined {
  const minutes = minutesOf(value);
  if (minutes === undefined) {
    error(field, value === undefined ? `a Scheduled rule needs ${field}.` : `${field} ${JSON.stringify(value)} is not a whole number of minutes, hours or days (1h, PT1H).`);
    return undefined;
  }
  return yamlDuration(minutes);
}

export function stringList(value: unknown, field: string, error: (field: string, message: string) => void): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    error(field, `${field} must be a list of names.`);
    return undefined;
  }
  return value.map((v: string) => v.trim());
}

/** ARM splits techniques (`T1078`) from sub-techniques (`T1078.004`); the model lists the most precise of each. */
export function armTechniques(techniques: string[], subTechniques: string[]): string[] {
  const out: string[] = [];
  for (const technique of techniques) {
    const subs = subTechniques.filter((s) => s.split('.')[0] === technique.split('.')[0]);
    out.push(...(subs.length > 0 && !technique.includes('.') ? subs : [technique]));
  }
  out.push(...subTechniques.filter((s) => !out.includes(s)));
  return [...new Set(out)];
}

export function entityMappingsOf(value: unknown, error: (field: string, message: string) => void, adapted: (field: string, message: string) => void): unknown[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    error('entityMappings', 'entityMappings must be a list.');
    return undefined;
  }
  return value.map((mapping, i) => {
    const field = `entityMappings[${i}]`;
    if (!isObject(mapping) || typeof mapping.entityType !== 'string' || !Array.isArray(mapping.fieldMappings)) {
      error(field, `${field} needs an entityType and a list of fieldMappings.`);
      return undefined;
    }
    unknownKeys(mapping, ['entityType', 'fieldMappings'], field, adapted);
    const fieldMappings = mapping.fieldMappings.map((fm: unknown, j: number) => {
      if (!isObject(fm) || typeof fm.identifier !== 'string' || typeof fm.columnName !== 'string') {
        error(`${field}.fieldMappings[${j}]`, `${field}.fieldMappings[${j}] needs an identifier and a columnName.`);
        return undefined;
      }
      unknownKeys(fm, ['identifier', 'columnName'], `${field}.fieldMappings[${j}]`, adapted);
      return { identifier: fm.identifier.trim(), columnName: fm.columnName.trim() };
    });
    return { entityType: mapping.entityType.trim(), fieldMappings };
  });
}

const OVERRIDE_FIELDS = { alertDisplayNameFormat: 'displayNameFormat', alertDescriptionFormat: 'descriptionFormat', alertTacticsColumnName: 'tacticsColumn', alertSeverityColumnName: 'severityColumn' } as const;

export function alertDetailsOf(value: unknown, error: (field: string, message: string) => void, adapted: (field: string, message: string) => void): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) {
    error('alertDetailsOverride', 'alertDetailsOverride must be a mapping.');
    return undefined;
  }
  unknownKeys(value, [...Object.keys(OVERRIDE_FIELDS), 'alertDynamicProperties'], 'alertDetailsOverride', adapted);
  const out: Record<string, unknown> = {};
  for (const [from, to] of Object.entries(OVERRIDE_FIELDS)) {
    if (value[from] === undefined || value[from] === null) continue;
    if (typeof value[from] !== 'string') error(`alertDetailsOverride.${from}`, `alertDetailsOverride.${from} must be text.`);
    else out[to] = value[from];
  }
  const dynamic = value.alertDynamicProperties;
  if (Array.isArray(dynamic) && dynamic.length > 0) {
    out.dynamicProperties = dynamic.map((p: unknown, i: number) => {
      if (!isObject(p) || typeof p.alertProperty !== 'string' || typeof p.value !== 'string') {
        error(`alertDetailsOverride.alertDynamicProperties[${i}]`, 'each alertDynamicProperties entry needs an alertProperty and a value (a column).');
        return undefined;
      }
      return { alertProperty: p.alertProperty, column: p.value };
    });
  } else if (dynamic !== undefined && dynamic !== null && !Array.isArray(dynamic)) error('alertDetailsOverride.alertDynamicProperties', 'alertDynamicProperties must be a list.');
  return Object.keys(out).length > 0 ? out : undefined;
}

const GROUPING_KEYS = ['enabled', 'reopenClosedIncident', 'lookbackDuration', 'matchingMethod', 'groupByEntities', 'groupByAlertDetails', 'groupByCustomDetails'];

export function incidentOf(value: unknown, error: (field: string, message: string) => void, adapted: (field: string, message: string) => void): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) {
    error('incidentConfiguration', 'incidentConfiguration must be a mapping.');
    return undefined;
  }
  unknownKeys(value, ['createIncident', 'groupingConfiguration'], 'incidentConfiguration', adapted);
  const create = value.createIncident ?? true;
  if (typeof create !== 'boolean') error('incidentConfiguration.createIncident', 'createIncident must be true or false.');
  const g = value.groupingConfiguration;
  let grouping: Record<string, unknown> | undefined;
  if (isObject(g)) {
    unknownKeys(g, GROUPING_KEYS, 'incidentConfiguration.groupingConfiguration', adapted);
    const lookback = g.lookbackDuration === undefined || g.lookbackDuration === null ? DEFAULT_LOOKBACK_MINUTES : minutesOf(g.lookbackDuration);
    if (lookback === undefined) error('incidentConfiguration.groupingConfiguration.lookbackDuration', `lookbackDuration ${JSON.stringify(g.lookbackDuration)} is not a duration such as 5h or PT5H.`);
    const lists = ['groupByEntities', 'groupByAlertDetails', 'groupByCustomDetails'].map((k) => [k, stringList(g[k], `incidentConfiguration.groupingConfiguration.${k}`, error) ?? []] as const);
    const isDefault = g.enabled !== true && g.reopenClosedIncident !== true && lookback === DEFAULT_LOOKBACK_MINUTES && (g.matchingMethod ?? 'AllEntities') === 'AllEntities' && lists.every(([, l]) => l.length === 0);
    if (!isDefault) {
      grouping = {
        enabled: g.enabled === true,
        ...(g.reopenClosedIncident === true ? { reopenClosedIncident: true } : {}),
        lookback: yamlDuration(lookback ?? DEFAULT_LOOKBACK_MINUTES),
        matchingMethod: g.matchingMethod ?? 'AllEntities',
        ...Object.fromEntries(lists.filter(([, l]) => l.length > 0)),
      };
    }
  }
  return create === true && !grouping ? undefined : { create, ...(grouping ? { grouping } : {}) };
}

export function connectorsOf(value: unknown, error: (field: string, message: string) => void, adapted: (field: string, message: string) => void): unknown[] | undefined {
  if (!Array.isArray(value)) {
    error('requiredDataConnectors', 'requiredDataConnectors must be a list.');
    return undefined;
  }
  return value.map((c, i) => {
    const field = `requiredDataConnectors[${i}]`;
    if (!isObject(c) || typeof c.connectorId !== 'string') {
      error(field, `${field} needs a connectorId.`);
      return undefined;
    }
    unknownKeys(c, ['connectorId', 'dataTypes'], field, adapted);
    const dataTypes = stringList(c.dataTypes, `${field}.dataTypes`, error) ?? [];
    return { connectorId: c.connectorId, dataTypes };
  });
}

/** Keys inside a structure the model mirrors field by field have nowhere to go: each is named in a warning. */
export function unknownKeys(value: Record<string, unknown>, known: string[], field: string, adapted: (field: string, message: string) => void): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key) && value[key] !== null && value[key] !== undefined) {
      adapted(`${field}.${key}`, `${field}.${key} is not part of the ${field.replace(/\[\d+\]/g, '')} format the model writes; not imported (value ${JSON.stringify(value[key])}).`);
    }
  }
}
