/**
 * The PIM content pack against its source: every monitoring row of the article has a detection carrying that row,
 * every baseline row a baseline, and every detection has sample events that must alert and near-misses that must not.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { listTypeScriptFiles, loadDetections } from '../../src/load/load-detections.ts';
import type { Detection } from '../../src/model/detection.ts';
import { detectionSource, makeProject, REPO_ROOT, runCli, SHARED } from '../helpers.ts';

interface ArticleRow {
  section: string;
  cells: string[];
}

/** The table rows of the article, with the heading of the section each is under. */
function articleRows(): ArticleRow[] {
  const text = readFileSync(path.join(SHARED, 'seed/000_3ca628318e121561.txt'), 'utf8');
  const rows: ArticleRow[] = [];
  let section = '';
  for (const line of text.split('\n')) {
    if (line.startsWith('## ')) section = line.slice(3).trim();
    if (!line.startsWith('|') || /^\|\s*-/.test(line) || /^\|\s*What to monitor/.test(line)) continue;
    rows.push({ section, cells: line.split('|').slice(1, -1).map(normalise) });
  }
  return rows;
}

const normalise = (cell: string) => cell.replace(/<br>|<li>/g, ' ').replace(/\s+/g, ' ').trim();

const loaded = await loadDetections(path.join(REPO_ROOT, 'detections'), REPO_ROOT);
const detections: Detection[] = loaded.detections.map((l) => l.detection);
const rows = articleRows();

test('the article has the rows this pack was written from (2 baselines, 10 monitoring rows)', () => {
  assert.is(rows.filter((r) => r.section === 'Baselines').length, 2);
  assert.is(rows.filter((r) => r.section !== 'Baselines').length, 10);
});

test('every monitoring row of the article has a detection carrying that row', () => {
  const missing = rows
    .filter((r) => r.section !== 'Baselines')
    .filter(({ cells: [what, risk, where, filter] }) => !detections.some((d) => d.source && normalise(d.source.whatToMonitor) === what && d.source.riskLevel === risk && normalise(d.source.where) === where && normalise(d.source.filter) === filter));
  assert.equal(missing.map((r) => `${r.section}: ${r.cells[0]} (${r.cells[3]})`), [], 'rows without a detection');
});

test('every baseline row has a baseline, and the baseline-drift detection covers their roles', () => {
  const baselines = loaded.baselines.map((b) => b.baseline);
  for (const row of rows.filter((r) => r.section === 'Baselines')) {
    assert.ok(baselines.some((b) => b.source.whatToMonitor === row.cells[0] && b.source.riskLevel === row.cells[1]), `no baseline for ${row.cells[0]}`);
  }
  const drift = detections.find((d) => d.id === 'pim-baseline-role-settings-changed');
  assert.ok(drift, 'the baseline-drift detection exists');
  const roles = (drift.query as { params: { roles: string[] } }).params.roles;
  for (const b of baselines) for (const role of b.roles) assert.ok(roles.includes(role), `drift detection misses ${role}`);
});

test('severity follows the article risk level', () => {
  const wrong = detections.filter((d) => d.source && d.severity !== d.source.riskLevel).map((d) => d.id);
  assert.equal(wrong, []);
});

test('every detection has sample events that must alert and near-misses that must not', () => {
  const lacking = detections.filter((d) => !d.samples?.some((s) => s.expect === 'alert') || !d.samples?.some((s) => s.expect === 'no-alert')).map((d) => d.id);
  assert.equal(lacking, []);
});

test('detection ids are unique and every file under detections/pim is used', () => {
  const ids = detections.map((d) => d.id);
  assert.equal([...new Set(ids)].length, ids.length);
  assert.ok(ids.length >= 11, `${ids.length} detections`);
  // A file is used when it defines a detection or baseline, or another content file imports it (shared, factories).
  const defining = new Set([...loaded.detections.map((l) => l.file), ...loaded.baselines.map((b) => b.file)]);
  const files = listTypeScriptFiles(path.join(REPO_ROOT, 'detections/pim')).map((f) => path.relative(REPO_ROOT, f).split(path.sep).join('/'));
  const sources = files.map((f) => readFileSync(path.join(REPO_ROOT, f), 'utf8'));
  const unused = files.filter((f) => !defining.has(f) && !sources.some((text) => text.includes(`/${path.basename(f)}'`)));
  assert.equal(unused, [], 'content files nothing defines or imports');
});

test('a sample event with a column its table lacks, or a value of the wrong type, fails the build (SF1015)', async () => {
  const sample = `[{ name: 'x', expect: 'alert', tables: { AuditLogs: [{ OperationName: 'Add member to role', NoSuchColumn: 'x', DurationMs: 'ten' } as never] } }]`;
  const { dir, cleanup } = makeProject({ 'detections/a.ts': detectionSource({ samples: sample }) });
  try {
    const { code, stdout } = await runCli(['check', '--json'], dir);
    assert.is(code, 1);
    const found = (JSON.parse(stdout) as Array<{ code: string; message: string; field: string }>).filter((d) => d.code === 'SF1015');
    assert.is(found.length, 2);
    assert.ok(found.some((d) => d.message.includes("'NoSuchColumn'")));
    assert.ok(found.some((d) => d.message.includes('DurationMs') && d.message.includes('long')));
    assert.is(found[0].field, 'samples[0].tables.AuditLogs[0]');
  } finally {
    cleanup();
  }
});

test.run();
