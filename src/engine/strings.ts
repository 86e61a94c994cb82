/**
 * Kusto's string predicates. `has` and its family match whole terms, not substrings: a term is a maximal run of
 * alphanumeric characters, and the needle must start and end on term boundaries (a needle with inner punctuation
 * or spaces is a phrase of terms). Needles shorter than three characters are not looked up in the term index but
 * scanned; the match is still on whole terms, only slower
 * (https://learn.microsoft.com/kusto/query/datatypes-string-operators, https://learn.microsoft.com/kusto/query/has-operator).
 */

const NON_ASCII_TERM = /[\p{L}\p{N}]/u;

function isTermChar(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return NON_ASCII_TERM.test(s[i]);
}

/** A compiled string predicate with a fixed needle. */
export type StringTest = (hay: string) => boolean;

/** Where the needle must sit on term boundaries: both ends (`has`), start (`hasprefix`), end (`hassuffix`). */
type Anchor = 'term' | 'prefix' | 'suffix';

function termTest(needle: string, caseSensitive: boolean, anchor: Anchor): StringTest {
  const n = caseSensitive ? needle : needle.toLowerCase();
  if (n === '') return () => true;
  const checkStart = anchor !== 'suffix' && isTermChar(n, 0);
  const checkEnd = anchor !== 'prefix' && isTermChar(n, n.length - 1);
  return (hay) => {
    const h = caseSensitive ? hay : hay.toLowerCase();
    for (let i = h.indexOf(n); i >= 0; i = h.indexOf(n, i + 1)) {
      if (checkStart && i > 0 && isTermChar(h, i - 1)) continue;
      const end = i + n.length;
      if (checkEnd && end < h.length && isTermChar(h, end)) continue;
      return true;
    }
    return false;
  };
}

/** The string operators by their Kusto spelling (negations are built by the caller). */
export function stringTest(op: string, needle: string): StringTest | undefined {
  const lower = needle.toLowerCase();
  switch (op) {
    case 'has': return termTest(needle, false, 'term');
    case 'has_cs': return termTest(needle, true, 'term');
    case 'hasprefix': return termTest(needle, false, 'prefix');
    case 'hasprefix_cs': return termTest(needle, true, 'prefix');
    case 'hassuffix': return termTest(needle, false, 'suffix');
    case 'hassuffix_cs': return termTest(needle, true, 'suffix');
    case 'contains': return (h) => h.toLowerCase().includes(lower);
    case 'contains_cs': return (h) => h.includes(needle);
    case 'startswith': return (h) => h.toLowerCase().startsWith(lower);
    case 'startswith_cs': return (h) => h.startsWith(needle);
    case 'endswith': return (h) => h.toLowerCase().endsWith(lower);
    case 'endswith_cs': return (h) => h.endsWith(needle);
    case '==': return (h) => h === needle;
    case '=~': return (h) => h === needle || (h.length === needle.length && h.toLowerCase() === lower);
    default: return undefined;
  }
}

const regexCache = new Map<string, RegExp>();

/**
 * A Kusto (RE2) regular expression as a JS RegExp: leading inline flags `(?i)`, `(?s)`, `(?m)` become RegExp
 * flags and `(?P<name>` becomes `(?<name>`; Unicode mode when the pattern allows it. Throws on an invalid pattern.
 */
export function compileRegex(pattern: string): RegExp {
  let re = regexCache.get(pattern);
  if (re) return re;
  let source = pattern;
  let flags = '';
  const inline = /^\(\?([ims]+)\)/.exec(source);
  if (inline) {
    flags = [...new Set(inline[1])].join('');
    source = source.slice(inline[0].length);
  }
  source = source.replace(/\(\?P</g, '(?<');
  try {
    re = new RegExp(source, flags + 'u');
  } catch {
    re = new RegExp(source, flags);
  }
  // Patterns can come from the data; keep the cache bounded.
  if (regexCache.size >= 1000) regexCache.clear();
  regexCache.set(pattern, re);
  return re;
}
