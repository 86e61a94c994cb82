/**
 * Conformance: row-wise operators and statements — where, extend, project and its variants, take/limit, count,
 * distinct, print, datatable, let (scalar, dynamic, tabular, lambdas), comments, sort/order by and top.
 */
import { defineCases, t, type Case } from './support.ts';

const abc = t({ S: 'a', N: 1 }, { S: 'b', N: 2 }, { S: 'c', N: 3 });

const cases: Case[] = [
  { name: 'where keeps rows whose predicate is true', query: 'T | where N > 1 | project S', tables: abc, rows: [{ S: 'b' }, { S: 'c' }] },
  { name: 'where drops rows whose predicate is null (null > 1 is null)', query: 'T | where N > 1 | project S', tables: t({ S: 'a', N: null }, { S: 'b', N: 2 }), rows: [{ S: 'b' }] },
  { name: 'where with and/or', query: 'T | where N == 1 or (N == 3 and S == "c") | project S', tables: abc, rows: [{ S: 'a' }, { S: 'c' }] },
  { name: 'where not()', query: 'T | where not(N == 2) | project S', tables: abc, rows: [{ S: 'a' }, { S: 'c' }] },
  { name: 'extend appends a column', query: 'T | extend M = N * 10 | project S, M', tables: abc, rows: [{ S: 'a', M: 10 }, { S: 'b', M: 20 }, { S: 'c', M: 30 }] },
  { name: 'extend replaces an existing column in place', query: 'T | extend N = N + 100 | project N', tables: abc, rows: [{ N: 101 }, { N: 102 }, { N: 103 }] },
  { name: 'a later extend sees the earlier one', query: 'T | take 1 | extend A = N + 1 | extend B = A * 2 | project A, B', tables: abc, rows: [{ A: 2, B: 4 }] },
  {
    name: 'the analyser rejects a column used in the extend that defines it (SF6002)',
    query: 'T | extend A = N + 1, B = A * 2',
    error: { code: 'SF6002', message: "KS142: The name 'A' does not refer to any known column" },
  },
  {
    name: 'extend names an unnamed expression as the analyser does (Column1)',
    query: 'T | take 1 | extend tolower(S) | project Column1',
    tables: t({ S: 'ABC' }),
    rows: [{ Column1: 'abc' }],
  },
  { name: 'project renames and computes', query: 'T | project Name = S, Double = N * 2', tables: abc, rows: [{ Name: 'a', Double: 2 }, { Name: 'b', Double: 4 }, { Name: 'c', Double: 6 }] },
  {
    name: 'project of dynamic members names them after the path',
    query: 'T | project D.a, D.b',
    tables: t({ D: { a: 1, b: 'x' } }),
    columns: ['D_a:dynamic', 'D_b:dynamic'],
    rows: [{ D_a: 1, D_b: 'x' }],
  },
  { name: 'project-away removes columns', query: 'T | project S, N, R | project-away N', tables: t({ S: 'a', N: 1, R: 1.5 }), rows: [{ S: 'a', R: 1.5 }] },
  { name: 'project-away with a wildcard', query: 'T | project S, S2, N | project-away S*', tables: t({ S: 'a', S2: 'b', N: 1 }), rows: [{ N: 1 }] },
  { name: 'project-keep keeps matching columns in input order', query: 'T | project S, N, S2 | project-keep S*', tables: t({ S: 'a', S2: 'b', N: 1 }), rows: [{ S: 'a', S2: 'b' }] },
  { name: 'project-rename', query: 'T | project S, N | project-rename Name = S', tables: t({ S: 'a', N: 1 }), columns: ['Name:string', 'N:long'], rows: [{ Name: 'a', N: 1 }] },
  { name: 'project-reorder puts named columns first', query: 'T | project S, N, R | project-reorder R, N', tables: t({ S: 'a', N: 1, R: 2.5 }), columns: ['R:real', 'N:long', 'S:string'], rows: [{ R: 2.5, N: 1, S: 'a' }] },
  { name: 'take', query: 'T | take 2 | project S', tables: abc, rows: [{ S: 'a' }, { S: 'b' }] },
  { name: 'limit is take', query: 'T | limit 1 | project S', tables: abc, rows: [{ S: 'a' }] },
  { name: 'take 0', query: 'T | take 0 | project S', tables: abc, rows: [] },
  { name: 'count', query: 'T | count', tables: abc, columns: ['Count:long'], rows: [{ Count: 3 }] },
  { name: 'count of an empty table', query: 'T | count', rows: [{ Count: 0 }] },
  { name: 'tables not given are empty', query: 'AuditLogs | project OperationName', rows: [] },
  { name: 'distinct columns keeps first appearances', query: 'T | distinct S', tables: t({ S: 'b' }, { S: 'a' }, { S: 'b' }), rows: [{ S: 'b' }, { S: 'a' }] },
  { name: 'distinct is case-sensitive', query: 'T | distinct S', tables: t({ S: 'a' }, { S: 'A' }), rows: [{ S: 'a' }, { S: 'A' }] },
  { name: 'distinct of two columns', query: 'T | distinct S, N', tables: t({ S: 'a', N: 1 }, { S: 'a', N: 1 }, { S: 'a', N: 2 }), rows: [{ S: 'a', N: 1 }, { S: 'a', N: 2 }] },
  { name: 'distinct * over all columns', query: 'T | project S, N | distinct *', tables: t({ S: 'a', N: 1 }, { S: 'a', N: 1 }), rows: [{ S: 'a', N: 1 }] },
  { name: 'print', query: 'print x = 1, y = "a"', rows: [{ x: 1, y: 'a' }] },
  {
    name: 'datatable with typed columns',
    query: 'datatable(A: string, B: long, C: dynamic)["x", 1, dynamic({"k": 1}), "y", 2, dynamic(null)] | where B > 1',
    rows: [{ A: 'y', B: 2, C: null }],
  },
  { name: 'empty datatable', query: 'datatable(A: string)[] | count', rows: [{ Count: 0 }] },
  { name: 'let scalar', query: 'let threshold = 1; T | where N > threshold | project S', tables: abc, rows: [{ S: 'b' }, { S: 'c' }] },
  { name: 'let dynamic list used with in', query: 'let names = dynamic(["a", "c"]); T | where S in (names) | project S', tables: abc, rows: [{ S: 'a' }, { S: 'c' }] },
  { name: 'let tabular, used twice', query: 'let big = T | where N >= 2; big | union big | count', tables: abc, rows: [{ Count: 4 }] },
  { name: 'let lambda with a default argument', query: 'let f = (x: long, y: long = 10) { x + y }; print a = f(1), b = f(1, 2)', rows: [{ a: 11, b: 3 }] },
  { name: 'let lambda returning a table', query: 'let over = (n: long) { T | where N > n }; over(2) | project S', tables: abc, rows: [{ S: 'c' }] },
  { name: 'let lambda with its own let', query: 'let f = (x: long) { let y = x * 2; y + 1 }; print r = f(4)', rows: [{ r: 9 }] },
  { name: 'comments are ignored', query: '// leading comment\nT // trailing\n| where N == 2 // why\n| project S', tables: abc, rows: [{ S: 'b' }] },
  { name: 'sort defaults to descending', query: 'T | sort by N | project N', tables: abc, rows: [{ N: 3 }, { N: 2 }, { N: 1 }] },
  { name: 'order by asc', query: 'T | order by N asc | project N', tables: t({ N: 2 }, { N: 3 }, { N: 1 }), rows: [{ N: 1 }, { N: 2 }, { N: 3 }] },
  // https://learn.microsoft.com/kusto/query/sort-operator: nulls first when ascending, last when descending.
  { name: 'sort asc puts nulls first by default', query: 'T | sort by N asc | project N', tables: t({ N: 2 }, { N: null }, { N: 1 }), rows: [{ N: null }, { N: 1 }, { N: 2 }] },
  { name: 'sort desc puts nulls last by default', query: 'T | sort by N desc | project N', tables: t({ N: 2 }, { N: null }, { N: 1 }), rows: [{ N: 2 }, { N: 1 }, { N: null }] },
  { name: 'sort desc nulls first', query: 'T | sort by N desc nulls first | project N', tables: t({ N: 2 }, { N: null }, { N: 1 }), rows: [{ N: null }, { N: 2 }, { N: 1 }] },
  { name: 'sort by two keys', query: 'T | sort by S asc, N desc | project S, N', tables: t({ S: 'b', N: 1 }, { S: 'a', N: 1 }, { S: 'a', N: 2 }), rows: [{ S: 'a', N: 2 }, { S: 'a', N: 1 }, { S: 'b', N: 1 }] },
  { name: 'sort strings ordinally (upper case before lower case)', query: 'T | sort by S asc | project S', tables: t({ S: 'b' }, { S: 'B' }, { S: 'a' }), rows: [{ S: 'B' }, { S: 'a' }, { S: 'b' }] },
  { name: 'sort datetimes', query: 'T | sort by TS asc | project TS', tables: t({ TS: '2026-01-02T00:00:00Z' }, { TS: '2026-01-01T00:00:00Z' }), rows: [{ TS: '2026-01-01T00:00:00.0000000Z' }, { TS: '2026-01-02T00:00:00.0000000Z' }] },
  { name: 'top', query: 'T | top 2 by N | project N', tables: abc, rows: [{ N: 3 }, { N: 2 }] },
  { name: 'top asc', query: 'T | top 1 by N asc | project S', tables: abc, rows: [{ S: 'a' }] },
];

defineCases(cases);
