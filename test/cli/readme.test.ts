/** The README's CLI reference is the real help text: a new command or option must be documented to pass. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { usage } from '../../src/cli/main.ts';
import { REPO_ROOT } from '../helpers.ts';

test('README "## CLI" shows exactly what --help prints', () => {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const block = /## CLI\n[\s\S]*?```\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(block, 'README has a CLI code block');
  const expected = usage().replace('Usage: sentinel-forge', 'sentinel-forge').split('\n').filter((l) => !l.startsWith('Exit codes')).join('\n').trimEnd() + '\n';
  assert.is(block, expected, 'update the README CLI block from `node bin/sentinel-forge.js --help`');
});

test.run();
