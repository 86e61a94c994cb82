/**
 * The output contract: every column the rule relies on — entity mappings, custom details, `{{column}}`
 * placeholders, alert override columns, Monitor dimensions — must be in what the query returns, and entity
 * identifiers must be scalars. Sentinel does not check this when a rule is saved: a mapping to a column the
 * query dropped fails silently at run time, with alerts that lack their entities.
 */
import type { Diagnostic } from '../diagnostics.ts';
import type { LoadedDetection } from './detection.ts';
import { DetectionIssues } from './detection-issues.ts';
import { isOptOut } from './check-monitor.ts';

export interface ResultColumn {
  name: string;
  type: string;
}

const PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/g;

export function checkOutputContract(loaded: LoadedDetection, columns: readonly ResultColumn[], schemaVersion: string): Diagnostic[] {
  const issues = new DetectionIssues(loaded);
  const d = loaded.detection;
  const types = new Map(columns.map((c) => [c.name, c.type]));
  const listed = columns.map((c) => c.name).join(', ');
  const need = (field: string, column: string, role: string) => {
    if (!types.has(column)) {
      issues.error('SF4002', field, `${role} uses column '${column}', which the query does not return.`, `The query returns: ${listed}. Project '${column}' in the query or map another column.`);
      return false;
    }
    return true;
  };
  d.entityMappings?.forEach((m, i) =>
    m.fieldMappings.forEach((f, j) => {
      const field = `entityMappings[${i}].fieldMappings[${j}].columnName`;
      if (need(field, f.columnName, `the ${m.entityType}.${f.identifier} mapping`) && types.get(f.columnName) === 'dynamic') {
        issues.error('SF4003', field, `the ${m.entityType}.${f.identifier} mapping uses '${f.columnName}', a dynamic column; entity identifiers must be scalar.`, `Convert it in the query, e.g. ${f.columnName} = tostring(${f.columnName}).`);
      }
    }),
  );
  for (const [key, column] of Object.entries(d.customDetails ?? {})) need(`customDetails.${key}`, column, `custom detail '${key}'`);
  const a = d.alertDetails;
  for (const [key, value] of [['displayNameFormat', a?.displayNameFormat], ['descriptionFormat', a?.descriptionFormat]] as const) {
    for (const match of (value ?? '').matchAll(PLACEHOLDER)) need(`alertDetails.${key}`, match[1], `the placeholder {{${match[1]}}}`);
  }
  if (a?.tacticsColumn) need('alertDetails.tacticsColumn', a.tacticsColumn, 'the tactics override');
  if (a?.severityColumn) need('alertDetails.severityColumn', a.severityColumn, 'the severity override');
  a?.dynamicProperties?.forEach((p, i) => need(`alertDetails.dynamicProperties[${i}].column`, p.column, `the ${p.alertProperty} override`));
  const monitor = d.targets?.monitor;
  if (monitor && !isOptOut(monitor)) monitor.dimensions?.forEach((c, i) => need(`targets.monitor.dimensions[${i}]`, c, 'the Monitor dimension'));
  return issues.diagnostics.map((diag) => ({ ...diag, schemaVersion }));
}
