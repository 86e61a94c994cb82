/**
 * Version discipline through the CLI: a content change without a bump fails `check` at the `version` field with
 * the version to use, `version --bump` writes exactly that into the `.ts` file (a factory's shared literal too),
 * and a change to the generator's templates alone demands no bump.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { detectionSource, makeProject, REPO_ROOT, runCli } from '../helpers.ts';
import { LOCK_FILE } from '../../src/lock/lock-file.ts';
import { positionOf } from './support.ts';
import type { Diagnostic } from '../../src/diagnostics.ts';
import type { CliIO } from '../../src/cli/command.ts';

const lockOf = (dir: string) => JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8')) as { detections: Record<string, { version: string; contentHash: string }>; retired: Record<string, unknown> };
const diagnosticsOf = (stdout: string) => JSON.parse(stdout) as Diagnostic[];

test('a query edited without a bump fails check at the version field, naming the version; version --bump writes it', async () => {
  const source = detectionSource();
  const { dir, cleanup } = makeProject({ 'detections/a.ts': source });
  try {
    assert.is((await runCli(['check', '--json'], dir)).code, 1, 'a detection missing from the lock fails check');
    assert.is((await runCli(['version', '--quiet'], dir)).code, 0);
    assert.is(lockOf(dir).detections['test-detection'].version, '1.0.0');
    assert.is((await runCli(['check'], dir)).code, 0);

    const edited = source.replace('"Add member to role"', '"Add eligible member to role"');
    assert.is.not(edited, source);
    writeFileSync(path.join(dir, 'detections/a.ts'), edited);
    const failed = await runCli(['check', '--json'], dir);
    assert.is(failed.code, 1);
    const [d, ...others] = diagnosticsOf(failed.stdout);
    assert.equal(others, []);
    assert.is(d.code, 'SF7002');
    assert.is(d.field, 'version');
    assert.equal({ line: d.line, column: d.column }, positionOf(edited, `'1.0.0'`));
    assert.match(d.message, /the query changed since version 1\.0\.0 was recorded, so the version must be at least 1\.1\.0 \(minor\); it is 1\.0\.0\./);
    assert.match(d.hint!, /Set version: '1\.1\.0'/);

    const lockBefore = readFileSync(path.join(dir, LOCK_FILE), 'utf8');
    assert.is((await runCli(['version', '--quiet'], dir)).code, 1, 'version without --bump refuses');
    assert.is(readFileSync(path.join(dir, LOCK_FILE), 'utf8'), lockBefore);
    assert.is((await runCli(['build', '--quiet'], dir)).code, 1, 'build refuses too');
    assert.not.ok(existsSync(path.join(dir, 'dist')));

    const bumped = await runCli(['version', '--bump'], dir);
    assert.is(bumped.code, 0, bumped.stdout + bumped.stderr);
    assert.match(bumped.stdout, /test-detection: 1\.0\.0 → 1\.1\.0 \(the query changed\) in detections\/a\.ts/);
    assert.is(readFileSync(path.join(dir, 'detections/a.ts'), 'utf8'), edited.replace(`version: '1.0.0'`, `version: '1.1.0'`), 'only the literal changed');
    assert.is(lockOf(dir).detections['test-detection'].version, '1.1.0');
    assert.is((await runCli(['check'], dir)).code, 0);

    // A hand bump is recorded by version (check says so until then); a too small one is refused.
    writeFileSync(path.join(dir, 'detections/a.ts'), edited.replace(`version: '1.0.0'`, `version: '1.1.1'`).replace(`'Test detection'`, `'Test detection, retitled'`).replace(`severity: 'Medium'`, `severity: 'High'`));
    const small = diagnosticsOf((await runCli(['check', '--json'], dir)).stdout);
    assert.equal(small.map((x) => x.code), ['SF7002']);
    assert.match(small[0].message, /the rule logic .* changed; the metadata .* changed since version 1\.1\.0 was recorded, so the version must be at least 1\.2\.0 \(minor\); it is 1\.1\.1\./);
    writeFileSync(path.join(dir, 'detections/a.ts'), edited.replace(`version: '1.0.0'`, `version: '1.2.0'`).replace(`'Test detection'`, `'Test detection, retitled'`).replace(`severity: 'Medium'`, `severity: 'High'`));
    const stale = diagnosticsOf((await runCli(['check', '--json'], dir)).stdout);
    assert.equal(stale.map((x) => x.code), ['SF7003']);
    assert.match(stale[0].hint!, /sentinel-forge version/);
    assert.is((await runCli(['version', '--quiet'], dir)).code, 0);
    assert.is((await runCli(['check'], dir)).code, 0);
  } finally {
    cleanup();
  }
});

test('build records new detections and retires removed ones; check reports both until recorded', async () => {
  const { dir, cleanup } = makeProject({ 'detections/a.ts': detectionSource() });
  try {
    assert.is((await runCli(['build', '--quiet'], dir)).code, 0);
    assert.equal(Object.keys(lockOf(dir).detections), ['test-detection']);
    writeFileSync(path.join(dir, 'detections/b.ts'), detectionSource({ id: `'second-detection'`, title: `'Second detection'`, query: detectionSource().match(/query: (kql`[^`]*`)/)![1].replace('Add member', 'Add owner') }));
    const missing = diagnosticsOf((await runCli(['check', '--json'], dir)).stdout).filter((d) => d.code.startsWith('SF700'));
    assert.ok(missing.some((d) => d.code === 'SF7001' && d.file === 'detections/b.ts' && d.message.includes(`'second-detection' is not in ${LOCK_FILE}`)), JSON.stringify(missing));
    assert.is((await runCli(['build', '--quiet'], dir)).code, 0);
    assert.equal(Object.keys(lockOf(dir).detections), ['second-detection', 'test-detection']);
    assert.is((await runCli(['check'], dir)).code, 0);

    execFileSync('rm', [path.join(dir, 'detections/b.ts')]);
    const removed = diagnosticsOf((await runCli(['check', '--json'], dir)).stdout).filter((d) => d.code === 'SF7003');
    assert.is(removed.length, 1);
    assert.is(removed[0].file, LOCK_FILE);
    assert.is(removed[0].line, readFileSync(path.join(dir, LOCK_FILE), 'utf8').split('\n').findIndex((l) => l.includes('"second-detection": {')) + 1);
    assert.is((await runCli(['build', '--quiet'], dir)).code, 0);
    assert.equal(Object.keys(lockOf(dir).retired), ['second-detection']);
    assert.is((await runCli(['check'], dir)).code, 0);

    // The retired id comes back: its old rule GUID would be taken over, so it must be acknowledged.
    writeFileSync(path.join(dir, 'detections/c.ts'), detectionSource({ id: `'second-detection'`, title: `'Another detection'`, query: detectionSource().match(/query: (kql`[^`]*`)/)![1].replace('Add member', 'Delete member') }));
    const reused = diagnosticsOf((await runCli(['build', '--json'], dir)).stdout).filter((d) => d.code === 'SF7004');
    assert.is(reused.length, 1);
    assert.is(reused[0].field, 'id');
    assert.match(reused[0].hint!, /identity: \{ reuses: 'second-detection', acknowledged: 'reused id: this rule takes over the retired rule GUID' \}/);
    const source = readFileSync(path.join(dir, 'detections/c.ts'), 'utf8');
    assert.is((await runCli(['version', '--bump', '--quiet'], dir)).code, 1, 'an unacknowledged identity change is not bumped away');
    assert.is(readFileSync(path.join(dir, 'detections/c.ts'), 'utf8'), source);
  } finally {
    cleanup();
  }
});

test('version --bump rewrites the literal a factory shares, once, to the highest version its detections need', () => {
  const factory = (operation: string) => `import { defineDetection, kql } from 'sentinel-forge';

export function roleDetection(options: { id: string; title: string }) {
  return defineDetection({
    id: options.id,
    title: options.title,
    description: 'Identifies a role change.',
    severity: 'Medium',
    kind: 'Scheduled',
    version: "1.0.0",
    query: kql\`AuditLogs
| where OperationName =~ "${operation}"
| extend Actor = tostring(InitiatedBy.user.userPrincipalName)
| project TimeGenerated, Actor, OperationName\`,
    schedule: { frequency: '1h', period: '1h' },
    trigger: { operator: 'gt', threshold: 0 },
    tactics: ['Persistence'],
    entityMappings: [{ entityType: 'Account', fieldMappings: [{ identifier: 'FullName', columnName: 'Actor' }] }],
    requiredDataConnectors: [{ connectorId: 'AzureActiveDirectory', dataTypes: ['AuditLogs'] }],
  });
}
`;
  const user = (id: string) => `import { roleDetection } from './shared/factory.ts';\n\nexport default roleDetection({ id: '${id}', title: 'Role change ${id}' });\n`;
  const { dir, cleanup } = makeProject({ 'detections/shared/factory.ts': factory('Add member to role'), 'detections/one.ts': user('role-change-one'), 'detections/two.ts': user('role-change-two') });
  // Separate processes: ESM caches the factory module, which an in-process re-run would not import again.
  const cli = (...args: string[]) => {
    try {
      return { code: 0, out: execFileSync(process.execPath, [path.join(REPO_ROOT, 'bin/sentinel-forge.js'), ...args], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
    } catch (error) {
      const e = error as { status: number; stdout: string };
      return { code: e.status, out: e.stdout };
    }
  };
  try {
    assert.is(cli('version', '--quiet').code, 0);
    writeFileSync(path.join(dir, 'detections/shared/factory.ts'), factory('Add eligible member to role'));
    const failed = cli('check', '--json');
    assert.is(failed.code, 1);
    // Each points at the literal to change: in the factory, named as where the detection file's version comes from.
    const at = positionOf(factory('Add eligible member to role'), '"1.0.0"');
    const found = diagnosticsOf(failed.out);
    assert.equal(found.map((d) => `${d.code} ${d.detectionId} ${d.file}:${d.line}:${d.column}`), [1, 2].map((_, i) => `SF7002 role-change-${['one', 'two'][i]} detections/shared/factory.ts:${at.line}:${at.column}`));
    assert.match(found[0].message, /\(detections\/one\.ts takes its version from here\)$/);
    const bumped = cli('version', '--bump');
    assert.is(bumped.code, 0, bumped.out);
    assert.is(readFileSync(path.join(dir, 'detections/shared/factory.ts'), 'utf8'), factory('Add eligible member to role').replace('"1.0.0"', '"1.1.0"'));
    assert.equal(Object.values(lockOf(dir).detections).map((e) => e.version), ['1.1.0', '1.1.0']);
    assert.is(cli('check').code, 0);
  } finally {
    cleanup();
  }
});

test("a change to the generator's templates alone demands no bump; its artefacts are new, so the stale-output guard sees them", async () => {
  const { dir, cleanup } = makeProject({ 'detections/a.ts': detectionSource() });
  // A copy of the tool whose Sentinel YAML template writes a header comment: the same rule, another layout.
  const tool = makeProject({});
  try {
    assert.is((await runCli(['build', '--quiet'], dir)).code, 0);
    const lock = readFileSync(path.join(dir, LOCK_FILE), 'utf8');
    const yaml = readFileSync(path.join(dir, 'dist/sentinel/yaml/test-detection.yaml'), 'utf8');
    for (const part of ['src', 'templates', 'package.json']) cpSync(path.join(REPO_ROOT, part), path.join(tool.dir, part), { recursive: true });
    const template = path.join(tool.dir, 'templates/targets/sentinel-yaml.yaml.hbs');
    const original = readFileSync(template, 'utf8');
    const changed = original.replace('{{yamlEntry "id" id}}', '# Generated by sentinel-forge (edited template): do not edit by hand.\n{{yamlEntry "id" id}}');
    assert.is.not(changed, original);
    writeFileSync(template, changed);
    const { main } = (await import(pathToFileURL(path.join(tool.dir, 'src/cli/main.ts')).href)) as { main: (argv: string[], io: CliIO) => Promise<number> };
    const run = async (...argv: string[]) => {
      let stdout = '';
      const code = await main(argv, { cwd: dir, stdout: (t) => { stdout += t + '\n'; }, stderr: () => {} });
      return { code, stdout };
    };

    const check = await run('check', '--json');
    assert.is(check.code, 1);
    assert.equal(diagnosticsOf(check.stdout).map((d) => `${d.code} ${d.file}`), ['SF7006 dist/manifest.json', 'SF7006 dist/sentinel/yaml/test-detection.yaml'], 'only the output is stale, no version is asked for');
    assert.is((await run('version', '--quiet')).code, 0);
    assert.is((await run('build', '--quiet')).code, 0);
    assert.is(readFileSync(path.join(dir, LOCK_FILE), 'utf8'), lock, 'the lock is byte-for-byte the same');
    const rebuilt = readFileSync(path.join(dir, 'dist/sentinel/yaml/test-detection.yaml'), 'utf8');
    assert.is(rebuilt, '# Generated by sentinel-forge (edited template): do not edit by hand.\n' + yaml);
    assert.is((await run('check')).code, 0);

    // The same tool still asks for a bump when the content changes.
    writeFileSync(path.join(dir, 'detections/a.ts'), detectionSource({ trigger: `{ operator: 'gt', threshold: 3 }` }));
    const logic = await run('check', '--json');
    assert.ok(diagnosticsOf(logic.stdout).some((d) => d.code === 'SF7002' && d.message.includes('at least 1.1.0')), logic.stdout);
  } finally {
    cleanup();
    tool.cleanup();
  }
});

test.run();
