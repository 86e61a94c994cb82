/**
 * Shared test fixtures: throw-away projects inside the repository (so detection files resolve
 * `import … from 'sentinel-forge'` through the package's self-reference) and an in-process CLI runner.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli/main.ts';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SHARED = path.resolve(REPO_ROOT, '../shared');
const TMP_ROOT = path.join(REPO_ROOT, '.tmp-test');

/** A temporary project folder with the given files (path → content); removed by `cleanup()`. */
export function makeProject(files: Record<string, string>): { dir: string; cleanup: () => void } {
  mkdirSync(TMP_ROOT, { recursive: true });
  const dir = mkdtempSync(path.join(TMP_ROOT, 'project-'));
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Run the CLI in-process in `cwd`; returns exit code and captured output. */
export async function runCli(argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd, stdout: (t) => { stdout += t + '\n'; }, stderr: (t) => { stderr += t + '\n'; } });
  return { code, stdout, stderr };
}

/** Every file below `dir` as relative path → content, for byte-for-byte comparisons. */
export function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (current: string) => {
    for (const name of readdirSync(current).sort()) {
      const full = path.join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[path.relative(dir, full).split(path.sep).join('/')] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/**
 * Source of a detection file: a complete, valid Scheduled detection whose fields can be overridden with raw
 * TypeScript text (so tests can write values the types would reject, which tsx runs unchecked).
 */
export function detectionSource(overrides: Record<string, string> = {}, imports = 'defineDetection, kql'): string {
  const fields: Record<string, string> = {
    id: `'test-detection'`,
    title: `'Test detection'`,
    description: `'Identifies a test activity.'`,
    severity: `'Medium'`,
    kind: `'Scheduled'`,
    version: `'1.0.0'`,
    query: 'kql`AuditLogs\n| where OperationName =~ "Add member to role"\n| extend Actor = tostring(InitiatedBy.user.userPrincipalName), ActorIpAddress = tostring(InitiatedBy.user.ipAddress)\n| project TimeGenerated, Actor, ActorIpAddress, OperationName`',
    schedule: `{ frequency: '1h', period: '1h' }`,
    trigger: `{ operator: 'gt', threshold: 0 }`,
    tactics: `['Persistence']`,
    techniques: `['T1098']`,
    entityMappings: `[{ entityType: 'Account', fieldMappings: [{ identifier: 'FullName', columnName: 'Actor' }] }]`,
    requiredDataConnectors: `[{ connectorId: 'AzureActiveDirectory', dataTypes: ['AuditLogs'] }]`,
    ...overrides,
  };
  const body = Object.entries(fields)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `  ${k}: ${v},`)
    .join('\n');
  return `import { ${imports} } from 'sentinel-forge';\n\nexport default defineDetection({\n${body}\n});\n`;
}
