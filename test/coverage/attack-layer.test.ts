/**
 * The ATT&CK Navigator layer: valid against our schema of layer format 4.5, and true to the detections — one
 * entry per (technique, tactic) pair a detection claims, scored by the number of detections, in a fixed order.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { attackLayer, attackLayerArtefact, type NavigatorLayer } from '../../src/attack-layer.ts';
import type { Detection } from '../../src/model/detection.ts';
import { detectionSource, makeProject, REPO_ROOT, runCli } from '../helpers.ts';
import { layerProblems } from '../support/navigator-schema.ts';

/** Just what coverage reads; the rest of a detection does not matter here. */
const detection = (id: string, tactics: string[], techniques: string[]): Detection => ({ id, title: `Title of ${id}`, tactics, techniques }) as unknown as Detection;
const entry = (layer: NavigatorLayer, techniqueID: string, tactic: string) => layer.techniques.find((t) => t.techniqueID === techniqueID && t.tactic === tactic);
const pairs = (layer: NavigatorLayer) => layer.techniques.map((t) => `${t.techniqueID} ${t.tactic} ${t.score}`);

test('a technique counts under each listed tactic it belongs to, and only those', () => {
  const layer = attackLayer([detection('a', ['PrivilegeEscalation', 'Persistence', 'Impact'], ['T1078.004', 'T1098'])]);
  // T1078 belongs to Persistence and PrivilegeEscalation (not Impact); T1098 to Persistence only.
  assert.equal(pairs(layer), ['T1078.004 persistence 1', 'T1078.004 privilege-escalation 1', 'T1098 persistence 1']);
  assert.equal(layerProblems(layer), []);
});

test('the score is the number of detections covering the pair; the comment and metadata name them', () => {
  const layer = attackLayer([
    detection('b-second', ['Persistence'], ['T1098', 'T1098']),
    detection('a-first', ['Persistence'], ['T1098']),
    detection('c-other', ['DefenseEvasion'], ['T1562.001']),
  ]);
  const t1098 = entry(layer, 'T1098', 'persistence')!;
  assert.is(t1098.score, 2, 'a technique listed twice by one detection counts once');
  assert.is(t1098.comment, 'a-first: Title of a-first\nb-second: Title of b-second');
  assert.equal(t1098.metadata, [{ name: 'a-first', value: 'Title of a-first' }, { name: 'b-second', value: 'Title of b-second' }]);
  assert.is(entry(layer, 'T1562.001', 'defense-evasion')!.score, 1);
  assert.is(layer.gradient.maxValue, 2);
  assert.equal(layer.legendItems.map((l) => l.label), ['1 detection', '2 detections']);
  assert.equal(layerProblems(layer), []);
});

test('the same detections in another order give the same bytes', () => {
  const detections = [detection('x', ['DefenseEvasion', 'PrivilegeEscalation'], ['T1484', 'T1078']), detection('y', ['Persistence'], ['T1556.006', 'T1098']), detection('z', ['Persistence'], ['T1098'])];
  const first = attackLayerArtefact(detections).content;
  assert.is(attackLayerArtefact([...detections].reverse()).content, first);
  assert.equal(pairs(JSON.parse(first)), ['T1078 privilege-escalation 1', 'T1078 defense-evasion 1', 'T1098 persistence 2', 'T1484 privilege-escalation 1', 'T1484 defense-evasion 1', 'T1556.006 persistence 1']);
  assert.not.match(first, /\d{4}-\d{2}-\d{2}T/, 'no timestamps');
});

test('ICS techniques and tactics, which the Enterprise matrix lacks, are named in the layer metadata instead', () => {
  const layer = attackLayer([detection('ics', ['InitialAccess', 'Persistence'], ['T0817', 'T1098'])]);
  assert.equal(pairs(layer), ['T1098 persistence 1']);
  assert.equal(layer.metadata.find((m) => m.name === 'not in the Enterprise matrix'), { name: 'not in the Enterprise matrix', value: 'T0817 (InitialAccess)' });
  assert.equal(layerProblems(layer), []);
});

test('the schema is not vacuous: it rejects what Navigator 4.5 would not read', () => {
  const good = attackLayer([detection('a', ['Persistence'], ['T1098'])]);
  const broken: Array<[string, (l: any) => void]> = [
    ['Sentinel tactic name', (l) => { l.techniques[0].tactic = 'Persistence'; }],
    ['older layer version', (l) => { l.versions.layer = '4.4'; }],
    ['navigator older than 4.9.0', (l) => { l.versions.navigator = '4.8.2'; }],
    ['malformed sub-technique id', (l) => { l.techniques[0].techniqueID = 'T1098.3'; }],
    ['misspelt property', (l) => { l.techniques[0].techniqueId = l.techniques[0].techniqueID; }],
    ['one gradient colour', (l) => { l.gradient.colors = ['#ffffff']; }],
    ['gradient max not above min', (l) => { l.gradient.maxValue = 0; }],
    ['unknown domain', (l) => { l.domain = 'enterprise'; }],
  ];
  for (const [name, breakIt] of broken) {
    const layer = structuredClone(good);
    breakIt(layer);
    assert.ok(layerProblems(layer).length > 0, `${name} is rejected`);
  }
});

test('build writes attack-layer.json; a detection added with a new technique shows up with its tactic and score', async () => {
  const { dir, cleanup } = makeProject({ 'detections/a.ts': detectionSource({ id: `'first-detection'`, tactics: `['Persistence']`, techniques: `['T1098']` }) });
  try {
    assert.is((await runCli(['build', '--quiet'], dir)).code, 0);
    const read = (): NavigatorLayer => JSON.parse(readFileSync(path.join(dir, 'dist', 'attack-layer.json'), 'utf8'));
    assert.equal(pairs(read()), ['T1098 persistence 1']);

    writeFileSync(
      path.join(dir, 'detections', 'b.ts'),
      detectionSource({ id: `'second-detection'`, title: `'Second detection'`, tactics: `['Persistence', 'PrivilegeEscalation']`, techniques: `['T1098', 'T1136.003', 'T1078.004']` }),
    );
    const { code, stderr } = await runCli(['build', '--quiet'], dir);
    assert.is(code, 0, stderr);
    const layer = read();
    assert.equal(layerProblems(layer), []);
    assert.equal(pairs(layer), ['T1078.004 persistence 1', 'T1078.004 privilege-escalation 1', 'T1098 persistence 2', 'T1136.003 persistence 1']);
    assert.is(entry(layer, 'T1136.003', 'persistence')!.comment, 'second-detection: Second detection');
    assert.match(layer.description, /2 detections/);
  } finally {
    cleanup();
  }
});

test('the committed dist/attack-layer.json is a valid layer of the detections in dist/manifest.json', () => {
  const layer = JSON.parse(readFileSync(path.join(REPO_ROOT, 'dist', 'attack-layer.json'), 'utf8'));
  assert.equal(layerProblems(layer), []);
  const ids = new Set(JSON.parse(readFileSync(path.join(REPO_ROOT, 'dist', 'manifest.json'), 'utf8')).detections.map((d: { id: string }) => d.id));
  for (const t of layer.techniques) for (const m of t.metadata) assert.ok(ids.has(m.name), `${t.techniqueID}: ${m.name} is in the manifest`);
});

test.run();
