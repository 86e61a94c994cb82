/**
 * Conformance: string operators and functions. `has` matches whole terms (maximal alphanumeric runs), including
 * needles shorter than three characters, which Kusto scans instead of using its term index
 * (https://learn.microsoft.com/kusto/query/datatypes-string-operators, https://learn.microsoft.com/kusto/query/has-operator);
 * `contains`, `startswith`, `endswith`, `=~`, `in~` ignore case; `==`, `in`, `*_cs` and `matches regex` do not.
 */
import { defineCases, t, type Case } from './support.ts';

/** A one-column boolean check: `print r = <expr>` must give `expected`. */
const is = (expr: string, expected: unknown, name = expr): Case => ({ name, query: `print r = ${expr}`, rows: [{ r: expected }] });

const cases: Case[] = [
  is('"North America" has "america"', true, 'has is case-insensitive'),
  is('"North America" has "amer"', false, 'has does not match part of a term'),
  is('"North America" !has "amer"', true),
  is('"North America" has_cs "America"', true),
  is('"North America" has_cs "america"', false, 'has_cs is case-sensitive'),
  is('"a b-c" has "b"', true, 'has with a one-character needle still matches a whole term'),
  is('"abc" has "b"', false, 'has with a one-character needle does not match inside a term'),
  is('"Add member to role" has "member to"', true, 'has with a phrase needle'),
  is('"Add members to role" has "member to"', false, 'has phrase must start and end on term boundaries'),
  is('"user@contoso.com" has "contoso.com"', true, 'has with punctuation in the needle'),
  is('"Kusto: ad67d136-c1db-4f9f-88ef-d94f3b6b0b5a;KustoExplorerQueryRun" has "c1db"', true, 'has finds a term between punctuation (docs example)'),
  is('"North America" hasprefix "ame"', true),
  is('"North America" hassuffix "ica"', true),
  is('"FabriKam" contains "BRik"', true, 'contains is case-insensitive'),
  is('"FabriKam" contains_cs "brik"', false, 'contains_cs is case-sensitive'),
  is('"Fabrikam" !contains "xyz"', true),
  is('"Fabrikam" startswith "fab"', true),
  is('"Fabrikam" endswith "KAM"', true),
  is('"Fabrikam" endswith_cs "kam"', true),
  is('"Fabrikam" !startswith "rik"', true),
  is('"aBc" == "aBc"', true),
  is('"abc" == "ABC"', false, '== is case-sensitive'),
  is('"abc" =~ "ABC"', true, '=~ ignores case'),
  is('"aBc" !~ "xyz"', true),
  is('"abc" != "ABC"', true),
  { name: 'strings have no < (the analyser rejects it: SF6002)', query: 'print r = "a" < "b"', error: { code: 'SF6002', message: "KS106: The operator '<' is not defined" } },
  is('"a" in ("A", "b")', false, 'in is case-sensitive'),
  is('"a" in~ ("A", "b")', true, 'in~ ignores case'),
  is('"a" !in~ ("A")', false),
  is('"a" !in ("A")', true),
  is('"b" in ("a", dynamic(["b", "c"]))', true, 'in expands dynamic arrays in its list'),
  is('"North America" has_any ("asia", "america")', true),
  is('"North Americas" has_any ("america")', false, 'has_any matches whole terms'),
  is('"North America" has_all ("north", "america")', true),
  is('"abc123" matches regex "[0-9]+"', true),
  is('"ABC" matches regex "abc"', false, 'matches regex is case-sensitive'),
  is('"ABC" matches regex "(?i)abc"', true, 'matches regex with an inline (?i) flag'),
  is('extract("x=([0-9]+)", 1, "a x=42 b")', '42'),
  is('extract("x=([0-9]+)", 0, "a x=42 b")', 'x=42', 'extract group 0 is the whole match'),
  is('extract("y=([0-9]+)", 1, "a x=42 b")', '', 'extract without a match gives an empty string'),
  is('extract("x=([0-9]+)", 1, "a x=42 b", typeof(long))', 42, 'extract to typeof(long)'),
  is(`extract(@'"key":"ipaddr","value":"([^"]+)"', 1, tostring(dynamic([{"key":"ipaddr","value":"1.2.3.4"}])))`, '1.2.3.4', 'extract over tostring(dynamic) sees compact JSON'),
  is(`trim(@'"', '"Global Administrator"')`, 'Global Administrator', 'trim removes leading and trailing regex matches'),
  is('trim("[ -]+", "- x -")', 'x'),
  is('trim_start("a", "aabaa")', 'baa'),
  is('trim_end("a", "aabaa")', 'aab'),
  is('split("a,b,,c", ",")', ['a', 'b', '', 'c']),
  is('split("a,b,c", ",", 1)', ['b'], 'split with an index'),
  is('split("", ",")', [''], 'split of an empty string'),
  is('replace_string("aXbX", "X", "-")', 'a-b-'),
  is('replace_string("aXbx", "x", "-")', 'aXb-', 'replace_string is case-sensitive'),
  is('replace_regex("a1b22", "[0-9]+", "#")', 'a#b#'),
  is('strcat("a", 1, true, dynamic([1]), 2.5)', 'a1true[1]2.5'),
  is('strlen("héllo")', 5),
  is('substring("abcdef", 2, 3)', 'cde'),
  is('toupper("aBc")', 'ABC'),
  is('tolower("aBc")', 'abc'),
  { name: 'a missing string column is the empty string, never null', query: 'T | project e = isempty(S), n = isnull(S), eq = S == ""', tables: t({ N: 1 }), rows: [{ e: true, n: false, eq: true }] },
  { name: '=~ between two columns', query: 'T | where S =~ S2 | project S', tables: t({ S: 'Ab', S2: 'aB' }, { S: 'x', S2: 'y' }), rows: [{ S: 'Ab' }] },
  { name: 'in~ against a column of a let tabular expression', query: 'let names = datatable(x: string)["ALICE"]; T | where S in~ (names) | project S', tables: t({ S: 'alice' }, { S: 'bob' }), rows: [{ S: 'alice' }] },
];

defineCases(cases);
