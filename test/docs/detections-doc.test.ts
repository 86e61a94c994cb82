/**
 * `sentinel-forge docs`: the detection catalogue. Rows grouped by article section with the article's columns,
 * links that resolve from the Markdown file to the files the build wrote, opted-out targets with their reason,
 * detections without a source row, a coverage summary; nothing written on errors; the committed
 * docs/detections.md is what the bundled detections generate.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { detectionsDoc, DEFAULT_DOCS_FILE } from '../../src/docs/detections-doc.ts';
import { checkProject } from '../../src/project.ts';
import { detectionSource, makeProject, REPO_ROOT, runCli } from '../helpers.ts';
import { cellText, splitRow } from '../support/gfm-table.ts';

const row = (source: string, notes: string) =>
  `{ source: ${JSON.stringify(source)}, whatToMonitor: 'Changes to PIM settings', riskLevel: 'High', where: 'Azure AD Audit log', filter: 'Service = PIM | Category = Role Management', notes: ${JSON.stringify(notes)} }`;

const FILES = {
  'detections/pim/settings.ts': detectionSource({ id: `'pim-settings'`, title: `'PIM settings changed'`, source: row('Article, "Azure AD roles assignment"', 'Line one\nline | two'), tactics: `['Persistence', 'PrivilegeEscalation']`, techniques: `['T1098', 'T1078.004']` }),
  'detections/access/elevate.ts': detectionSource({
    id: `'elevate-access'`, title: `'Elevated access'`, source: row('Article, "Access management for Azure resources"', 'Global administrators can elevate.'),
    schedule: `{ frequency: '1h', period: '7h' }`, targets: `{ monitor: { skip: true, reason: 'Sentinel-only: a 7h window' } }`,
  }),
  'detections/other/no-row.ts': detectionSource({ id: `'no-source-row'`, title: `'Without a source row'`, techniques: '' }),
};

/** Every relative link target in `markdown`, resolved against the folder of the file. */
const relativeLinks = (markdown: string, file: string) =>
  [...markdown.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]).filter((href) => !/^[a-z]+:/.test(href)).map((href) => path.resolve(path.dirname(file), decodeURIComponent(href)));

/** The body rows of the table under `heading`, each as the text its cells display (links as their text). */
function tableUnder(markdown: string, heading: string): string[][] {
  const after = markdown.slice(markdown.indexOf(`${heading}\n`) + heading.length + 1).trimStart();
  const lines = after.split('\n');
  const end = lines.findIndex((l) => !l.startsWith('|'));
  return lines.slice(2, end === -1 ? undefined : end).map((l) => splitRow(l).map((cell) => plain(cellText(cell))));
}

/** A cell's text without link targets and code-span backticks: what a reader sees. */
const plain = (text: string) => text.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/`/g, '');

test('docs writes the catalogue: article sections, links that resolve into the build, opt-outs, coverage', async () => {
  const { dir, cleanup } = makeProject(FILES);
  try {
    assert.is((await runCli(['build', '--quiet'], dir)).code, 0);
    const { code, stderr } = await runCli(['docs', '--quiet'], dir);
    assert.is(code, 0, stderr);
    const file = path.join(dir, DEFAULT_DOCS_FILE);
    const md = readFileSync(file, 'utf8');

    const headings = md.split('\n').filter((l) => l.startsWith('### '));
    assert.equal(headings.slice(0, 2), ['### Article, "Access management for Azure resources"', '### Article, "Azure AD roles assignment"'], 'one section per source, sorted');
    const [settings] = tableUnder(md, '### Article, "Azure AD roles assignment"');
    assert.is(settings.length, 7, 'the article columns plus Detection and Outputs');
    assert.equal(settings.slice(0, 5), ['Changes to PIM settings', 'High', 'Azure AD Audit log', 'Service = PIM | Category = Role Management', 'Line one\nline | two']);
    assert.match(settings[6], /KQL · Sentinel ARM · Sentinel YAML · Monitor ARM/);

    assert.ok(md.includes('[KQL](../dist/kql/pim-settings.kql)'));
    assert.ok(md.includes('[Sentinel ARM](../dist/sentinel/arm/pim-settings.json)'));
    assert.ok(md.includes('[Sentinel YAML](../dist/sentinel/yaml/pim-settings.yaml)'));
    assert.ok(md.includes('[Monitor ARM](../dist/monitor/pim-settings.json)'));
    assert.ok(md.includes('[PIM settings changed](../detections/pim/settings.ts)'));
    const links = relativeLinks(md, file);
    assert.ok(links.length >= 12, `links found: ${links.length}`);
    for (const target of links) assert.ok(existsSync(target), `link target exists: ${path.relative(dir, target)}`);

    const [elevate] = tableUnder(md, '### Article, "Access management for Azure resources"');
    assert.match(elevate[6], /Monitor ARM: opted out \(Sentinel-only: a 7h window\)/);
    assert.not.ok(md.includes('monitor/elevate-access.json'), 'no link to an artefact that was not built');

    const [noRow] = tableUnder(md, '## Detections without a source row');
    assert.match(noRow[0], /^Without a source row\nno-source-row$/);
    assert.is(noRow[2], 'Persistence');

    const techniques = tableUnder(md, '### Techniques').map((r) => `${r[0]} ${r[1]} ${r[2]}`);
    assert.equal(techniques, ['T1078.004 Persistence 1', 'T1078.004 PrivilegeEscalation 1', 'T1098 Persistence 2']);
    assert.match(md, /Detections that list no technique: `no-source-row`\./);
  } finally {
    cleanup();
  }
});

test('links are relative to wherever --out-docs puts the file, and to --out', async () => {
  const { dir, cleanup } = makeProject(FILES);
  try {
    assert.is((await runCli(['build', '--quiet', '--out', 'build/rules'], dir)).code, 0);
    assert.is((await runCli(['docs', '--quiet', '--out', 'build/rules', '--out-docs', 'site/catalogue/index.md'], dir)).code, 0);
    const file = path.join(dir, 'site/catalogue/index.md');
    const md = readFileSync(file, 'utf8');
    assert.ok(md.includes('[KQL](../../build/rules/kql/pim-settings.kql)'));
    assert.ok(md.includes('[PIM settings changed](../../detections/pim/settings.ts)'));
    assert.ok(md.includes('[attack-layer.json](../../build/rules/attack-layer.json)'));
    for (const target of relativeLinks(md, file)) assert.ok(existsSync(target), `link target exists: ${path.relative(dir, target)}`);
  } finally {
    cleanup();
  }
});

test('with a detection error docs exits 1 and leaves the existing file as it was', async () => {
  const { dir, cleanup } = makeProject({ ...FILES, 'detections/bad.ts': detectionSource({ id: `'bad-detection'`, tactics: `['Sneaking']` }) });
  try {
    mkdirSync(path.join(dir, 'docs'));
    writeFileSync(path.join(dir, DEFAULT_DOCS_FILE), 'previous\n');
    const { code } = await runCli(['docs', '--quiet'], dir);
    assert.is(code, 1);
    assert.is(readFileSync(path.join(dir, DEFAULT_DOCS_FILE), 'utf8'), 'previous\n');
  } finally {
    cleanup();
  }
});

test('the committed docs/detections.md is what the bundled detections generate', async () => {
  const run = await checkProject({ root: REPO_ROOT, detectionsDir: path.join(REPO_ROOT, 'detections'), fresh: true });
  assert.equal(run.diagnostics.filter((d) => d.severity === 'error'), []);
  const expected = detectionsDoc(run, { root: REPO_ROOT, docsFile: path.join(REPO_ROOT, DEFAULT_DOCS_FILE), outDir: path.join(REPO_ROOT, 'dist') });
  assert.ok(existsSync(path.join(REPO_ROOT, DEFAULT_DOCS_FILE)), 'docs/detections.md is committed');
  assert.fixture(readFileSync(path.join(REPO_ROOT, DEFAULT_DOCS_FILE), 'utf8'), expected, 'docs/detections.md is stale: run npm run build and commit it');
});

test.run();
