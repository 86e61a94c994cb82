/**
 * The typed columns: generated from the same snapshot the analyser uses (and up to date), and strict enough that a
 * column typo in a structured filter, an entity mapping or a custom detail fails `tsc --noEmit`.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generateColumnTypes } from '../../src/schema/column-types.ts';
import { builtinTables } from '../../src/schema/tables.ts';
import { makeProject, REPO_ROOT } from '../helpers.ts';

test('columns.generated.ts is what the table snapshot generates (run npm run generate)', () => {
  const committed = readFileSync(path.join(REPO_ROOT, 'src/schema/columns.generated.ts'), 'utf8');
  assert.is(committed, generateColumnTypes());
});

test('every shipped table has a record type and carries the Log Analytics standard columns', () => {
  const generated = generateColumnTypes();
  for (const table of builtinTables()) {
    assert.ok(generated.includes(`export interface ${table.name}Record {`), table.name);
    for (const column of ['Type', 'TenantId', '_ResourceId', 'TimeGenerated']) {
      assert.ok(table.columns.some((c) => c.name === column), `${table.name} lacks ${column}`);
    }
  }
});

function detection(project: string, columnName: string, customDetail: string): string {
  return `import { defineDetection, template } from 'sentinel-forge';
export default defineDetection({
  id: 'typed', title: 'Typed', description: 'Identifies typed columns.', severity: 'Low', kind: 'NRT', version: '1.0.0',
  tactics: ['Persistence'], requiredDataConnectors: [],
  query: template('audit-activity', { categories: ['RoleManagement'], operations: ['Add member to role'], project: [${project}] }),
  entityMappings: [{ entityType: 'Account', fieldMappings: [{ identifier: 'FullName', columnName: ${columnName} }] }],
  customDetails: { Extra: ${customDetail} },
});
`;
}

/** Runs tsc over one file with the project's compiler options; returns its output and whether it passed. */
function typeCheck(source: string): { ok: boolean; output: string } {
  const { dir, cleanup } = makeProject({
    'typed.ts': source,
    'tsconfig.json': JSON.stringify({ extends: path.join(REPO_ROOT, 'tsconfig.json'), include: ['typed.ts'] }),
  });
  try {
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', dir], { encoding: 'utf8' });
    return { ok: true, output: '' };
  } catch (error) {
    return { ok: false, output: String((error as { stdout?: string }).stdout ?? error) };
  } finally {
    cleanup();
  }
}

test('typed columns: the correct spelling type-checks', () => {
  const result = typeCheck(detection(`'AADOperationType'`, `'Actor'`, `'AADOperationType'`));
  assert.ok(result.ok, result.output);
});

test('typed columns: a typo in a structured filter, an entity mapping or a custom detail fails tsc', () => {
  const result = typeCheck(detection(`'AADOperationTyp'`, `'Actr'`, `'RoleNam'`));
  assert.not.ok(result.ok);
  assert.match(result.output, /'"AADOperationTyp"' is not assignable/);
  assert.match(result.output, /'"Actr"' is not assignable/);
  assert.match(result.output, /'"RoleNam"' is not assignable/);
});

test.run();
