/**
 * Markdown escaping: whatever a detection's text holds (pipes, backslashes, markup, HTML, line breaks), a table
 * cell shows it as written and the row keeps its columns, read back the way GitHub's table parser reads it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { encodeHref, markdownCell, markdownLink, markdownTable, markdownHeading } from '../../src/docs/markdown.ts';
import { HOSTILE } from '../render/hostile-values.ts';
import { cellText, splitRow } from '../support/gfm-table.ts';

const MARKUP: Array<[string, string]> = [
  ['pipe', 'Service = PIM | Category = Role Management'],
  ['escaped-looking pipe', 'a \\| b'],
  ['backslash before a pipe', 'C:\\temp\\|x'],
  ['line break tag', 'keep <br> literal'],
  ['html', '<script>alert(1)</script>'],
  ['emphasis', '**bold** and _italic_ and *star*'],
  ['code span', 'run `search *` here'],
  ['link', '[click](https://example.com) ![img](x.png)'],
  ['entity', 'AT&amp;T &lt;x&gt; &#124;'],
  ['strikethrough', '~~gone~~'],
  ['windows line breaks', 'first\r\nsecond\rthird'],
  ['table delimiter', '| --- | --- |'],
  ['hashes', 'C# section ##'],
];
const CASES = [...HOSTILE.filter((h) => h.text).map((h): [string, string] => [h.name, h.value]), ...MARKUP];

/** What a reader should see: the value without surrounding blanks, every line break a newline. */
const shown = (value: string) => value.trim().replace(/\r\n|\r/g, '\n');

for (const [name, value] of CASES) {
  test(`a table cell shows ${name} as written and keeps the row's columns`, () => {
    const cells = splitRow(`| ${markdownCell(value)} | next |`);
    assert.is(cells.length, 2, `row split into ${JSON.stringify(cells)}`);
    assert.is(cellText(cells[0]), shown(value));
    assert.is(cells[1], 'next');
  });

  test(`a heading shows ${name} without breaking the line`, () => {
    const text = markdownHeading(value);
    assert.not.match(text, /[\r\n]/);
    assert.is(cellText(text), shown(value).replace(/\n/g, ' '));
  });
}

test('pipes are escaped, line breaks become <br>, surrounding blanks go', () => {
  assert.is(markdownCell('  a|b\nc\r\nd  '), 'a\\|b<br>c<br>d');
  assert.is(markdownCell('x\\|y'), 'x\\\\\\|y', 'a backslash before a pipe is escaped too, so the pipe stays escaped');
});

test('a heading keeps a trailing # (not read as the closing sequence)', () => {
  assert.is(markdownHeading('Section #'), 'Section \\#');
});

test('a link escapes its text and percent-encodes its path, keeping the folder separators', () => {
  assert.is(markdownLink('A [b] | c', '../detections/my folder/a (1).ts'), '[A \\[b\\] \\| c](../detections/my%20folder/a%20%281%29.ts)');
  assert.is(encodeHref('https://attack.mitre.org/techniques/T1078/004/'), 'https://attack.mitre.org/techniques/T1078/004/');
  assert.is(encodeHref('../dist/kql/pim-alert-disabled.kql'), '../dist/kql/pim-alert-disabled.kql');
});

test('a table has a header, a delimiter row and one line per body row', () => {
  const table = markdownTable(['A', 'B'], [[markdownCell('x|y'), markdownCell('1\n2')]]);
  assert.is(table, '| A | B |\n| --- | --- |\n| x\\|y | 1<br>2 |');
  assert.equal(table.split('\n').map((line) => splitRow(line).length), [2, 2, 2]);
});

test.run();
