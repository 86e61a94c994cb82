/**
 * How the CLI reports: the human and GitHub formats carry the same file:line:col as the JSON diagnostics,
 * usage errors exit 2 and write nothing, and a detection file that fails to import is a positioned SF0001.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { detectionSource, makeProject, runCli } from '../helpers.ts';

type Json = Record<string, any>;

/** 1-based line and column of the first occurrence of `needle` in `source`. */
function positionOf(source: string, needle: string): { line: number; column: number } {
  const offset = source.indexOf(needle);
  assert.ok(offset >= 0, `${JSON.stringify(needle)} not found`);
  const before = source.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

async function inProject<T>(files: Record<string, string>, body: (dir: string) => Promise<T>): Promise<T> {
  const { dir, cleanup } = makeProject(files);
  try {
    return await body(dir);
  } finally {
    cleanup();
  }
}

const bad = detectionSource({ trigger: `{ operator: 'gt', threshold: -1 }` });
const at = positionOf(bad, '-1');

test('human format: file:line:col: error CODE: message, then the field; exit 1', async () => {
  await inProject({ 'detections/a.ts': bad }, async (dir) => {
    const [d] = JSON.parse((await runCli(['check', '--json'], dir)).stdout) as Json[];
    const { code, stdout, stderr } = await runCli(['build'], dir);
    assert.is(code, 1);
    const lines = stdout.split('\n');
    const head = lines.findIndex((l) => l === `detections/a.ts:${at.line}:${at.column}: error SF1006: ${d.message}`);
    assert.ok(head >= 0, `no tsc-style line for the error in:\n${stdout}`);
    assert.is(lines[head + 1], '    at trigger.threshold');
    assert.match(stderr, /1 error, 0 warnings; nothing written/);
  });
});

test('github format: one ::error workflow command per error, positioned', async () => {
  await inProject({ 'detections/a.ts': bad, 'detections/b.ts': detectionSource({ id: `'b-detection'`, tactics: `['Sneaking']`, techniques: '' }) }, async (dir) => {
    const { code, stdout } = await runCli(['build', '--format', 'github'], dir);
    assert.is(code, 1);
    const commands = stdout.trim().split('\n');
    const b = positionOf(detectionSource({ id: `'b-detection'`, tactics: `['Sneaking']`, techniques: '' }), `'Sneaking'`);
    assert.is(commands.length, 2, stdout);
    assert.ok(commands[0].startsWith(`::error file=detections/a.ts,line=${at.line},col=${at.column},title=SF1006::`), commands[0]);
    assert.ok(commands[1].startsWith(`::error file=detections/b.ts,line=${b.line},col=${b.column},title=SF1003::`), commands[1]);
    for (const c of commands) assert.not.match(c.split('::').slice(2).join('::'), /[\r\n]/);
  });
});

test('a warning alone is printed as a warning and does not fail the build', async () => {
  const source = detectionSource({ title: `'Ends with a period.'` });
  await inProject({ 'detections/a.ts': source }, async (dir) => {
    const { code, stdout } = await runCli(['build'], dir);
    const p = positionOf(source, `'Ends with a period.'`);
    assert.is(code, 0);
    assert.ok(stdout.includes(`detections/a.ts:${p.line}:${p.column}: warning SF1007: `), stdout);
    assert.ok(existsSync(path.join(dir, 'dist/manifest.json')));
  });
});

const USAGE_ERRORS: Array<[name: string, argv: string[]]> = [
  ['no command', []],
  ['unknown command', ['frobnicate']],
  ['extra argument', ['build', 'extra']],
  ['unknown flag', ['build', '--frobnicate']],
  ['bad --format', ['build', '--format', 'xml']],
  ['string option without a value', ['build', '--out']],
  ['missing detections folder', ['build', '--detections', 'nowhere']],
];

for (const [name, argv] of USAGE_ERRORS) {
  test(`usage error (${name}) exits 2 and writes nothing`, async () => {
    await inProject({ 'detections/a.ts': detectionSource() }, async (dir) => {
      const { code, stdout, stderr } = await runCli(argv, dir);
      assert.is(code, 2);
      assert.match(stderr, /^sentinel-forge: /);
      assert.is(stdout, '');
      assert.not.ok(existsSync(path.join(dir, 'dist')), 'no dist/');
    });
  });
}

test('--help exits 0 and prints the usage on stdout', async () => {
  await inProject({}, async (dir) => {
    for (const argv of [['--help'], ['build', '--help'], ['help']]) {
      const { code, stdout, stderr } = await runCli(argv, dir);
      assert.is(code, 0, argv.join(' '));
      assert.match(stdout, /^Usage: sentinel-forge <command>/);
      assert.match(stdout, /--format <value>/);
      assert.is(stderr, '');
    }
  });
});

test('a file that throws at import: SF0001 at the throwing line, exit 1, the other files still checked', async () => {
  const throwing = `import { defineDetection } from 'sentinel-forge';\n\nconst x = 1;\nthrow new Error('boom at import');\n`;
  await inProject({ 'detections/a.ts': throwing, 'detections/b.ts': detectionSource() }, async (dir) => {
    const { code, stdout } = await runCli(['build', '--json'], dir);
    assert.is(code, 1);
    const diagnostics = JSON.parse(stdout) as Json[];
    assert.is(diagnostics.length, 1, stdout);
    const [d] = diagnostics;
    assert.is(d.code, 'SF0001');
    assert.is(d.file, 'detections/a.ts');
    assert.equal({ line: d.line, column: d.column }, positionOf(throwing, 'new Error'), 'where the error was raised');
    assert.match(d.message, /boom at import/);
    assert.not.ok(existsSync(path.join(dir, 'dist')));
  });
});

test('a file with a syntax error: SF0001 at the 1-based position of the offending token', async () => {
  const broken = `import { defineDetection } from 'sentinel-forge';\n\nconst x = ;\n`;
  await inProject({ 'detections/a.ts': broken }, async (dir) => {
    const { code, stdout } = await runCli(['build', '--json'], dir);
    assert.is(code, 1);
    const [d] = JSON.parse(stdout) as Json[];
    assert.is(d.code, 'SF0001');
    const statement = positionOf(broken, 'const x = ;');
    assert.equal({ line: d.line, column: d.column }, { line: statement.line, column: statement.column + 'const x = '.length }, 'points at the stray `;`');
  });
});

test('a file with a syntax error: the SF0001 message names the error, not just "Transform failed"', async () => {
  await inProject({ 'detections/a.ts': `import { defineDetection } from 'sentinel-forge';\n\nconst x = ;\n` }, async (dir) => {
    const [d] = JSON.parse((await runCli(['build', '--json'], dir)).stdout) as Json[];
    assert.is(d.code, 'SF0001');
    assert.match(d.message, /Unexpected ";"/);
  });
});

test('a file that calls defineDetection() but exports nothing: SF0002', async () => {
  const source = detectionSource().replace('export default ', 'const unused = ');
  await inProject({ 'detections/a.ts': source }, async (dir) => {
    const { code, stdout } = await runCli(['build', '--json'], dir);
    assert.is(code, 1);
    assert.equal(JSON.parse(stdout).map((d: Json) => [d.code, d.file]), [['SF0002', 'detections/a.ts']]);
  });
});

test.run();
