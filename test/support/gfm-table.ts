/**
 * How GitHub reads a Markdown table row, after cmark-gfm's table extension: a row splits at every `|` that is
 * not backslash-escaped (a backslash escapes the character after it), each cell's `\|` becomes `|`, and then the
 * inline parser applies backslash escapes of ASCII punctuation. Just enough of GFM for the docs tests to read
 * back what a cell displays, with raw `<br>` as a line break.
 */

/** The raw cells of one table row (outer pipes optional), trimmed. */
export function splitRow(line: string): string[] {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  const cells: string[] = [];
  let current = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && i + 1 < s.length) {
      current += s[i] + s[i + 1];
      i++;
    } else if (s[i] === '|') {
      cells.push(current);
      current = '';
    } else {
      current += s[i];
    }
  }
  if (current.trim() !== '') cells.push(current);
  return cells.map((c) => c.trim());
}

const PUNCTUATION = /[!-/:-@[-`{-~]/;

/** The text a raw cell displays. */
export function cellText(raw: string): string {
  const s = raw.replace(/\\\|/g, '|');
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && i + 1 < s.length && PUNCTUATION.test(s[i + 1])) {
      out += s[i + 1];
      i++;
    } else if (s.startsWith('<br>', i)) {
      out += '\n';
      i += 3;
    } else {
      out += s[i];
    }
  }
  return out;
}
