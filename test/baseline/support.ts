/**
 * Shared by the baseline tests: the policy-export fixtures and detection-file sources for baselines, in the shape
 * the PIM content uses (one Entra ID baseline, one Azure resource baseline).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../helpers.ts';

export const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/policies');

/** Absolute path of a fixture under test/fixtures/policies/. */
export function fixture(name: string): string {
  return path.join(FIXTURES, name);
}

/** A fixture, JSON-decoded (a fresh copy each call, so tests may edit it). */
export function fixtureJson(name: string): any {
  return JSON.parse(readFileSync(fixture(name), 'utf8'));
}

export const RECOMMENDED = `{ requireJustification: true, requireApproval: true, approvalStages: 2, requireMfa: true, maxActivationDuration: '8h' }`;

/** Source of a file exporting one baseline; fields are raw TypeScript text so tests can write what the types reject. */
export function baselineSource(name: string, fields: { id: string; scope: string; roles: string; settings?: string }): string {
  return `import { defineBaseline } from 'sentinel-forge';

export const ${name} = defineBaseline({
  id: '${fields.id}',
  title: 'Test baseline ${fields.id}',
  version: '1.0.0',
  scope: ${fields.scope},
  roles: ${fields.roles},
  settings: ${fields.settings ?? RECOMMENDED},
  source: { source: 'test', whatToMonitor: 'test', riskLevel: 'High', recommendation: 'test', roles: 'test', notes: 'test' },
});
`;
}

/** The two baselines the PIM content defines: Entra ID (GA, PRA, SA) and Azure resources (Owner, UAA). */
export const BASELINE_FILES: Record<string, string> = {
  'detections/baselines/entra.ts': baselineSource('entra', {
    id: 'entra-roles',
    scope: `'DirectoryRole'`,
    roles: `['Global Administrator', 'Privileged Role Administrator', 'Security Administrator']`,
  }),
  'detections/baselines/azure.ts': baselineSource('azure', {
    id: 'azure-roles',
    scope: `'AzureResource'`,
    roles: `['Owner', 'User Access Administrator']`,
  }),
};
