import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { detectionSource, makeProject, REPO_ROOT, runCli, snapshotTree } from '../helpers.ts';

test('build writes the four outputs per detection plus manifest.json and attack-layer.json', async () => {
  const { dir, cleanup } = makeProject({ 'detections/a.ts': detectionSource() });
  try {
    const { code, stderr } = await runCli(['build'], dir);
    assert.is(code, 0, stderr);
    const files = Object.keys(snapshotTree(path.join(dir, 'dist')));
    assert.equal(files, [
      'attack-layer.json',
      'kql/test-detection.kql',
      'manifest.json',
      'monitor/test-detection.json',
      'sentinel/arm/test-detection.json',
      'sentinel/yaml/test-detection.yaml',
    ]);
  } finally {
    cleanup();
  }
});

test('two builds of the same input are byte-identical', async () => {
  const first = path.join(REPO_ROOT, '.tmp-test', 'determinism-a');
  const second = path.join(REPO_ROOT, '.tmp-test', 'determinism-b');
  assert.is((await runCli(['build', '--out', first], REPO_ROOT)).code, 0);
  assert.is((await runCli(['build', '--out', second], REPO_ROOT)).code, 0);
  const a = snapshotTree(first);
  assert.ok(Object.keys(a).length >= 9, 'the bundled detections produce files');
  assert.equal(snapshotTree(second), a);
});

test('the committed dist/ is what the bundled detections build to', async () => {
  const out = path.join(REPO_ROOT, '.tmp-test', 'fresh-dist');
  assert.is((await runCli(['build', '--out', out], REPO_ROOT)).code, 0);
  assert.ok(existsSync(path.join(REPO_ROOT, 'dist')), 'dist/ is committed');
  assert.equal(snapshotTree(out), snapshotTree(path.join(REPO_ROOT, 'dist')), 'dist/ is stale: run npm run build and commit it');
});

test('a project-relative file path is recorded, not a machine path', async () => {
  const { dir, cleanup } = makeProject({ 'detections/a.ts': detectionSource() });
  try {
    await runCli(['build'], dir);
    const tree = snapshotTree(path.join(dir, 'dist'));
    for (const [file, content] of Object.entries(tree)) assert.not.ok(content.includes(REPO_ROOT), `${file} holds an absolute path`);
  } finally {
    cleanup();
  }
});

test.run();
