/**
 * Checks of what an alert carries: ATT&CK tactics and techniques (each technique must belong to a listed tactic,
 * as Microsoft's content validator requires), entity mappings (allowed and required identifiers), custom details,
 * alert details override and incident grouping — with the limits of the Sentinel API and service-limits page.
 */
import type { Detection } from './detection.ts';
import { ALERT_PROPERTIES, ENTITY_IDENTIFIERS, TACTICS, TACTICS_OF_TECHNIQUE, type EntityType } from './vocabulary.ts';
import { checkColumnName, checkDuration, checkText, MINUTES, type DetectionIssues } from './detection-issues.ts';

const TECHNIQUE_PATTERN = /^T\d{4}(?:\.\d{3})?$/;
const CUSTOM_DETAIL_KEY_PATTERN = /^[a-zA-Z]+\w*$/;
const PLACEHOLDER_PATTERN = /\{\{[^{}]*\}\}/g;

/** Tactics from the API enum; techniques well-formed, known, and under a listed tactic. */
export function checkAttack(d: Detection, issues: DetectionIssues): void {
  if (!Array.isArray(d.tactics)) {
    issues.error('SF1001', 'tactics', 'tactics must be a list of ATT&CK tactics.');
    return;
  }
  d.tactics.forEach((tactic, i) => {
    if (!TACTICS.includes(tactic)) issues.error('SF1003', `tactics[${i}]`, `unknown tactic ${JSON.stringify(tactic)}.`, `Sentinel knows: ${TACTICS.join(', ')}.`);
  });
  (d.techniques ?? []).forEach((technique, i) => {
    const field = `techniques[${i}]`;
    if (typeof technique !== 'string' || !TECHNIQUE_PATTERN.test(technique)) {
      issues.error('SF1008', field, `technique ${JSON.stringify(technique)} is not of the form T1234 or T1234.001.`);
      return;
    }
    const tactics = TACTICS_OF_TECHNIQUE.get(technique.split('.')[0]);
    if (!tactics) {
      issues.error('SF1008', field, `technique ${technique} is not in the ATT&CK catalogue Sentinel validates against.`, 'Check the id on attack.mitre.org.');
    } else if (!tactics.some((t) => d.tactics.includes(t))) {
      issues.error('SF1008', field, `technique ${technique} belongs to ${tactics.join(', ')}, none of which is in tactics.`, `Add ${tactics[0]} to tactics, or remove the technique.`);
    }
  });
}

/** At most 10 mappings of 1–3 allowed, distinct identifiers, each holding a required identifier set. */
export function checkEntityMappings(d: Detection, issues: DetectionIssues): void {
  const mappings = d.entityMappings ?? [];
  if (mappings.length > 10) {
    issues.error('SF1009', `entityMappings[10]`, `${mappings.length} entity mappings; Sentinel allows at most 10.`, 'Merge mappings of the same entity type, or drop the least useful.');
  }
  mappings.forEach((mapping, i) => {
    const field = `entityMappings[${i}]`;
    const spec = ENTITY_IDENTIFIERS[mapping.entityType as EntityType] as { identifiers: readonly string[]; required: readonly (readonly string[])[] } | undefined;
    if (!spec) {
      issues.error('SF1009', `${field}.entityType`, `unknown entity type ${JSON.stringify(mapping.entityType)}.`, `Sentinel knows: ${Object.keys(ENTITY_IDENTIFIERS).join(', ')}.`);
      return;
    }
    const fields = Array.isArray(mapping.fieldMappings) ? mapping.fieldMappings : [];
    if (fields.length < 1 || fields.length > 3) {
      issues.error('SF1009', `${field}.fieldMappings`, `${mapping.entityType} mapping has ${fields.length} identifiers; Sentinel allows 1 to 3.`);
    }
    const seen = new Set<string>();
    fields.forEach((fm, j) => {
      const fmField = `${field}.fieldMappings[${j}]`;
      if (!spec.identifiers.includes(fm.identifier)) {
        issues.error('SF1009', `${fmField}.identifier`, `${JSON.stringify(fm.identifier)} is not an identifier of ${mapping.entityType}.`, `${mapping.entityType} identifiers: ${spec.identifiers.join(', ')}.`);
      } else if (seen.has(fm.identifier)) {
        issues.error('SF1009', `${fmField}.identifier`, `identifier ${fm.identifier} appears twice in one ${mapping.entityType} mapping.`, 'Use a second mapping of the same entity type instead.');
      }
      seen.add(fm.identifier);
      checkColumnName(issues, `${fmField}.columnName`, fm.columnName);
    });
    if (fields.length > 0 && !spec.required.some((set) => set.every((id) => seen.has(id)))) {
      issues.error('SF1009', `${field}.fieldMappings`, `the ${mapping.entityType} mapping lacks a required identifier.`, `Include one of: ${spec.required.map((s) => s.join('+')).join(', ')}.`);
    }
  });
}

/** At most 20 custom details with valid keys and column names. */
export function checkCustomDetails(d: Detection, issues: DetectionIssues): void {
  const entries = Object.entries(d.customDetails ?? {});
  if (entries.length > 20) issues.error('SF1010', 'customDetails', `${entries.length} custom details; Sentinel allows at most 20.`);
  for (const [key, column] of entries) {
    if (!CUSTOM_DETAIL_KEY_PATTERN.test(key) || key.length > 20) {
      issues.error('SF1010', `customDetails.${key}`, `custom detail key ${JSON.stringify(key)} must start with a letter, hold only letters, digits and underscores, and be at most 20 characters.`);
    }
    checkColumnName(issues, `customDetails.${key}`, column);
  }
}

/** Alert title/description formats (length, at most 3 placeholders) and override columns. */
export function checkAlertDetails(d: Detection, issues: DetectionIssues): void {
  const details = d.alertDetails;
  if (!details) return;
  const formats = [['displayNameFormat', details.displayNameFormat, 256], ['descriptionFormat', details.descriptionFormat, 5000]] as const;
  for (const [key, value, max] of formats) {
    if (value === undefined) continue;
    const field = `alertDetails.${key}`;
    checkText(issues, field, value, max);
    const placeholders = typeof value === 'string' ? (value.match(PLACEHOLDER_PATTERN) ?? []) : [];
    if (placeholders.length > 3) {
      issues.error('SF1011', field, `${placeholders.length} {{column}} placeholders; Sentinel allows at most 3.`, 'Keep the three most telling columns; move the rest to custom details.');
    }
    for (const p of placeholders) checkColumnName(issues, field, p.slice(2, -2).trim());
  }
  if (details.tacticsColumn !== undefined) checkColumnName(issues, 'alertDetails.tacticsColumn', details.tacticsColumn);
  if (details.severityColumn !== undefined) checkColumnName(issues, 'alertDetails.severityColumn', details.severityColumn);
  (details.dynamicProperties ?? []).forEach((p, i) => {
    if (!ALERT_PROPERTIES.includes(p.alertProperty)) {
      issues.error('SF1011', `alertDetails.dynamicProperties[${i}].alertProperty`, `unknown alert property ${JSON.stringify(p.alertProperty)}.`, `Known: ${ALERT_PROPERTIES.join(', ')}.`);
    }
    checkColumnName(issues, `alertDetails.dynamicProperties[${i}].column`, p.column);
  });
}

/** Incident grouping: lookback range, matching method, and groupBy entries that exist in the rule. */
export function checkIncident(d: Detection, issues: DetectionIssues): void {
  const grouping = d.incident?.grouping;
  if (!grouping) return;
  checkDuration(issues, 'incident.grouping.lookback', grouping.lookback, 5, MINUTES['7d'], '5m … 7d');
  if (!['AllEntities', 'AnyAlert', 'Selected'].includes(grouping.matchingMethod)) {
    issues.error('SF1012', 'incident.grouping.matchingMethod', `matchingMethod must be AllEntities, AnyAlert or Selected, not ${JSON.stringify(grouping.matchingMethod)}.`);
  }
  const byEntities = grouping.groupByEntities ?? [];
  const byDetails = grouping.groupByAlertDetails ?? [];
  const byCustom = grouping.groupByCustomDetails ?? [];
  if (grouping.matchingMethod === 'Selected' && byEntities.length + byDetails.length + byCustom.length === 0) {
    issues.error('SF1012', 'incident.grouping', "matchingMethod 'Selected' needs at least one of groupByEntities, groupByAlertDetails, groupByCustomDetails.");
  }
  const mapped = new Set((d.entityMappings ?? []).map((m) => m.entityType));
  byEntities.forEach((e, i) => {
    if (!mapped.has(e)) issues.error('SF1012', `incident.grouping.groupByEntities[${i}]`, `groups by ${e}, which the detection does not map.`, 'Add an entity mapping for it, or remove it here.');
  });
  const customKeys = new Set(Object.keys(d.customDetails ?? {}));
  byCustom.forEach((k, i) => {
    if (!customKeys.has(k)) issues.error('SF1012', `incident.grouping.groupByCustomDetails[${i}]`, `groups by custom detail ${JSON.stringify(k)}, which is not defined in customDetails.`);
  });
}
