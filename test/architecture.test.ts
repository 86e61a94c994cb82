/**
 * The import direction of src/: the CLI sits on top and nothing imports it; the model knows no KQL engine, targets
 * or CLI; the Kusto library is loaded in one module only. A new edge that breaks this fails here.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { listTypeScriptFiles } from '../src/load/load-detections.ts';
import { REPO_ROOT } from './helpers.ts';

const SRC = path.join(REPO_ROOT, 'src');
const files = listTypeScriptFiles(SRC).map((f) => path.relative(SRC, f).split(path.sep).join('/'));

/** src-relative module paths each file imports (relative imports only). */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(SRC, file), 'utf8');
  return [...text.matchAll(/^(?:import|export)[^'"]*from\s+'(\.[^']+)'/gm)].map((m) => path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1])));
}

const area = (file: string) => (file.includes('/') ? file.split('/')[0] : file.replace(/\.ts$/, ''));

/** area → areas it must not import. */
const FORBIDDEN: Record<string, string[]> = {
  model: ['cli', 'targets', 'kql', 'engine', 'compile', 'project', 'import', 'diff', 'lock', 'docs', 'baseline', 'rule'],
  schema: ['cli', 'targets', 'kql', 'engine', 'compile', 'project', 'render'],
  render: ['cli', 'targets', 'kql', 'engine', 'compile', 'project'],
  kql: ['cli', 'targets', 'render', 'engine', 'compile', 'project'],
  engine: ['cli', 'targets', 'render', 'compile', 'project', 'rule'],
  targets: ['cli', 'engine', 'compile', 'project'],
  compile: ['cli', 'project'],
};

test('nothing outside src/cli imports the CLI', () => {
  const offenders = files.filter((f) => area(f) !== 'cli').flatMap((f) => importsOf(f).filter((i) => i.startsWith('cli/')).map((i) => `${f} → ${i}`));
  assert.equal(offenders, []);
});

test('each layer imports only what is below it', () => {
  const offenders = files.flatMap((f) => {
    const forbidden = FORBIDDEN[area(f)] ?? [];
    return importsOf(f).filter((i) => forbidden.includes(area(i))).map((i) => `${f} → ${i}`);
  });
  assert.equal(offenders, []);
});

test('only src/kql/kusto.ts loads the Kusto library', () => {
  const loaders = files.filter((f) => /@kusto\/language-service-next\/[\w.]+\.js['"]/.test(readFileSync(path.join(SRC, f), 'utf8')));
  assert.equal(loaders, ['kql/kusto.ts']);
});

test('only src/cli prints or exits', () => {
  const offenders = files.filter((f) => area(f) !== 'cli' && /\bconsole\.(log|error|warn)|process\.exit\b/.test(readFileSync(path.join(SRC, f), 'utf8')));
  assert.equal(offenders, []);
});

test.run();
