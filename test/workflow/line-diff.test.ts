/** The line diff behind `diff`'s KQL hunks: a shortest edit script, and hunks as `git diff -U3` prints them. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { diffLines, unifiedDiff } from '../../src/diff/line-diff.ts';

test('the edit script rebuilds both sides and is as short as the longest common subsequence allows', () => {
  let seed = 7;
  const next = () => (seed = (seed * 48271) % 2147483647);
  for (let round = 0; round < 500; round++) {
    const a = Array.from({ length: next() % 14 }, () => 'abcd'[next() % 4]);
    const b = Array.from({ length: next() % 14 }, () => 'abcd'[next() % 4]);
    const edits = diffLines(a, b);
    assert.equal(edits.filter((e) => e.op !== '+').map((e) => e.line), a);
    assert.equal(edits.filter((e) => e.op !== '-').map((e) => e.line), b);
    const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
    for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    assert.is(edits.filter((e) => e.op !== ' ').length, a.length + b.length - 2 * lcs[0][0], `${a.join('')} → ${b.join('')}`);
  }
});

test('hunks: three lines of context, nearby changes merged, distant ones apart, added and removed files', () => {
  const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`);
  const before = lines(20).join('\n') + '\n';
  const after = lines(20).map((l, i) => (i === 1 ? 'LINE 2' : i === 17 ? 'LINE 18' : l)).join('\n') + '\n';
  assert.is(unifiedDiff(before, after, { from: 'a/q.kql', to: 'b/q.kql' }), [
    '--- a/q.kql', '+++ b/q.kql',
    '@@ -1,5 +1,5 @@', ' line 1', '-line 2', '+LINE 2', ' line 3', ' line 4', ' line 5',
    '@@ -15,6 +15,6 @@', ' line 15', ' line 16', ' line 17', '-line 18', '+LINE 18', ' line 19', ' line 20', '',
  ].join('\n'));
  const near = lines(10).map((l, i) => (i === 2 || i === 8 ? l.toUpperCase() : l)).join('\n');
  assert.is(unifiedDiff(lines(10).join('\n'), near, { from: 'a', to: 'b' }).split('\n').filter((l) => l.startsWith('@@')).length, 1, 'six lines apart: one hunk');
  assert.is(unifiedDiff('x\ny\n', 'x\ny\n', { from: 'a', to: 'b' }), '');
  assert.is(unifiedDiff('', 'x\n', { from: '/dev/null', to: 'b/n.kql' }), '--- /dev/null\n+++ b/n.kql\n@@ -0,0 +1 @@\n+x\n');
  assert.is(unifiedDiff('x\ny', '', { from: 'a/o.kql', to: '/dev/null' }), '--- a/o.kql\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-x\n-y\n');
});

test.run();
