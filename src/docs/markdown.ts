/**
 * Escaping for GitHub-flavoured Markdown: detection text (titles, the article's filter and notes columns) must
 * read exactly as written, whatever characters it holds, and must never split or end a table row.
 */

/**
 * The punctuation that can start markup inline: code spans, emphasis, links, raw HTML, entities, strikethrough
 * and the table cell separator. CommonMark lets any ASCII punctuation be backslash-escaped, and GFM splits table
 * cells only at a `|` that is not escaped, so a backslash before each of these keeps it literal.
 */
const SPECIAL = /[\\`*_[\]<>&~|]/g;
const NEWLINES = /\r\n|\r|\n/g;

/**
 * Text for a heading: literal characters, line breaks as spaces, and `#` escaped too, since trailing `#`s would
 * be read as the heading's closing sequence and dropped.
 */
export function markdownHeading(value: string): string {
  return value.trim().replace(SPECIAL, '\\$&').replace(/#/g, '\\#').replace(NEWLINES, ' ');
}

/** Text for one table cell: literal characters, `|` escaped, line breaks as `<br>` (a cell is one line). */
export function markdownCell(value: string): string {
  return value.trim().replace(SPECIAL, '\\$&').replace(NEWLINES, '<br>');
}

/** `[text](href)`; the text is escaped as a cell, the href percent-encoded per path segment. */
export function markdownLink(text: string, href: string): string {
  return `[${markdownCell(text)}](${encodeHref(href)})`;
}

/** A relative or absolute URL safe in a link destination: no spaces, parentheses or angle brackets unescaped. */
export function encodeHref(href: string): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/]*)(.*)$/i.exec(href);
  const [origin, rest] = match ? [match[1], match[2]] : ['', href];
  return origin + rest.split('/').map((s) => encodeURIComponent(s).replace(/[()'*!]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())).join('/');
}

/** A GFM table: header row, delimiter row, body rows; every cell is already Markdown. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
