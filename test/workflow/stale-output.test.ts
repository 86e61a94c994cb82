/**
 * The stale-output guard: `check` fails when the committed output folder is not what the sources build, naming
 * each file; the repository's own `check` (lock file and dist/ included) passes.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { detectionSource, makeProject, REPO_ROOT, runCli } from '../helpers.ts';
import type { Diagnostic } from '../../src/diagnostics.ts';

test('check names every stale file in --out: changed, missing (added) and no longer built (removed)', async () => {
  const { dir, cleanup } = makeProject({ 'detections/a.ts': detectionSource() });
  try {
    assert.is((await runCli(['build', '--quiet'], dir)).code, 0);
    assert.is((await runCli(['check', '--quiet'], dir)).code, 0, 'fresh output passes');
    appendFileSync(path.join(dir, 'dist/kql/test-detection.kql'), '| take 10\n');
    rmSync(path.join(dir, 'dist/monitor/test-detection.json'));
    writeFileSync(path.join(dir, 'dist/kql/old-detection.kql'), 'AuditLogs\n');
    const { code, stdout } = await runCli(['check', '--json'], dir);
    assert.is(code, 1);
    const found = (JSON.parse(stdout) as Diagnostic[]).map((d) => `${d.code} ${d.file}: ${d.message}`);
    assert.equal(found, [
      'SF7006 dist/kql/old-detection.kql: dist/kql/old-detection.kql is not built by the sources any more (removed).',
      'SF7006 dist/kql/test-detection.kql: dist/kql/test-detection.kql differs from what the sources build (changed).',
      'SF7006 dist/monitor/test-detection.json: dist/monitor/test-detection.json is missing: the sources build it (added).',
    ]);
    const human = await runCli(['check'], dir);
    assert.match(human.stdout, /dist\/kql\/test-detection\.kql:1:1: error SF7006: .*\n {4}Run `sentinel-forge build` \(npm run build\) and commit dist\//);
    // --out names the folder compared; build makes it current again.
    assert.is((await runCli(['check', '--quiet', '--out', 'elsewhere'], dir)).code, 0, 'an --out folder that does not exist is not compared');
    assert.is((await runCli(['build', '--quiet'], dir)).code, 0);
    assert.is((await runCli(['check', '--quiet'], dir)).code, 0);
  } finally {
    cleanup();
  }
});

test('a CRLF checkout of the same output is not stale', async () => {
  const { dir, cleanup } = makeProject({ 'detections/a.ts': detectionSource() });
  try {
    assert.is((await runCli(['build', '--quiet'], dir)).code, 0);
    const file = path.join(dir, 'dist/kql/test-detection.kql');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\n/g, '\r\n'));
    assert.is((await runCli(['check', '--quiet'], dir)).code, 0);
  } finally {
    cleanup();
  }
});

test('the repository passes its own check: every detection recorded in the lock, dist/ current', async () => {
  const { code, stdout, stderr } = await runCli(['check'], REPO_ROOT);
  assert.is(code, 0, `sentinel-forge check fails on the repository:\n${stdout}\n${stderr}`);
});

test.run();
