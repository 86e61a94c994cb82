/**
 * Conformance: summarize, its aggregation functions and bin(). Defaults over empty input follow
 * https://learn.microsoft.com/kusto/query/summarize-operator (no `by`: one row of defaults; with `by`: no rows);
 * arg_max/arg_min null handling per https://learn.microsoft.com/kusto/query/arg-max-aggregation-function.
 */
import { defineCases, t, type Case } from './support.ts';

const sales = t(
  { S: 'a', N: 1, R: 1.5, TS: '2026-11-02T09:10:00Z' },
  { S: 'b', N: 5, R: 0.5, TS: '2026-11-02T09:50:00Z' },
  { S: 'a', N: 3, R: 2.0, TS: '2026-11-02T10:05:00Z' },
  { S: 'a', N: null, R: null, TS: '2026-11-02T10:20:00Z' },
);

const cases: Case[] = [
  { name: 'count() by a column, groups in order of appearance', query: 'T | summarize count() by S', tables: sales, columns: ['S:string', 'count_:long'], rows: [{ S: 'a', count_: 3 }, { S: 'b', count_: 1 }] },
  { name: 'named aggregate and by column', query: 'T | summarize Total = count() by Name = S', tables: sales, rows: [{ Name: 'a', Total: 3 }, { Name: 'b', Total: 1 }] },
  { name: 'summarize without by over empty input yields one row of defaults', query: 'T | summarize c = count(), s = sum(N), d = dcount(S), ms = make_set(S), ml = make_list(N), mn = min(N), a = take_any(S)', rows: [{ c: 0, s: 0, d: 0, ms: [], ml: [], mn: null, a: '' }] },
  { name: 'summarize with by over empty input yields no rows', query: 'T | summarize count() by S', rows: [] },
  { name: 'summarize over rows all filtered out', query: 'T | where N > 100 | summarize n = count()', tables: sales, rows: [{ n: 0 }] },
  { name: 'countif counts true only (null is not true)', query: 'T | summarize c = countif(N > 2)', tables: sales, rows: [{ c: 2 }] },
  { name: 'dcount ignores nulls', query: 'T | summarize d = dcount(N), e = dcount(S)', tables: sales, rows: [{ d: 3, e: 2 }] },
  { name: 'dcountif', query: 'T | summarize d = dcountif(S, N > 2)', tables: sales, rows: [{ d: 2 }] },
  { name: 'sum of longs is a long and skips nulls', query: 'T | summarize s = sum(N) by S', tables: sales, columns: ['S:string', 's:long'], rows: [{ S: 'a', s: 4 }, { S: 'b', s: 5 }] },
  { name: 'sum of reals', query: 'T | summarize s = sum(R)', tables: sales, columns: ['s:real'], rows: [{ s: 4 }] },
  { name: 'avg', query: 'T | summarize a = avg(N)', tables: sales, rows: [{ a: 3 }] },
  { name: 'min and max skip nulls', query: 'T | summarize mn = min(N), mx = max(N)', tables: sales, rows: [{ mn: 1, mx: 5 }] },
  { name: 'min and max of datetimes', query: 'T | summarize mn = min(TS), mx = max(TS)', tables: sales, rows: [{ mn: '2026-11-02T09:10:00.0000000Z', mx: '2026-11-02T10:20:00.0000000Z' }] },
  { name: 'min and max of strings', query: 'T | summarize mn = min(S), mx = max(S)', tables: sales, rows: [{ mn: 'a', mx: 'b' }] },
  { name: 'make_set keeps distinct values in order of appearance', query: 'T | summarize m = make_set(S)', tables: sales, rows: [{ m: ['a', 'b'] }] },
  { name: 'make_set with a maximum size', query: 'T | summarize m = make_set(N, 2)', tables: sales, rows: [{ m: [1, 5] }] },
  {
    name: 'make_set unions array values (docs: "Set from array column")',
    query: "datatable (Val: int, Arr1: dynamic)[1, dynamic(['A1', 'A2', 'A3']), 5, dynamic(['A2', 'C1']), 7, dynamic(['C2', 'A3']), 5, dynamic(['C2', 'A1'])] | summarize Val_set = make_set(Val), Arr1_set = make_set(Arr1)",
    rows: [{ Val_set: [1, 5, 7], Arr1_set: ['A1', 'A2', 'A3', 'C1', 'C2'] }],
  },
  { name: 'make_list keeps array values whole', query: 'T | summarize l = make_list(D)', tables: t({ D: [1, 2] }, { D: null }, { D: [3] }), rows: [{ l: [[1, 2], [3]] }] },
  { name: 'make_list skips nulls and keeps duplicates', query: 'T | summarize l = make_list(N)', tables: t({ N: 2 }, { N: null }, { N: 2 }), rows: [{ l: [2, 2] }] },
  { name: 'make_list of datetimes gives ISO strings', query: 'T | summarize l = make_list(TS)', tables: t({ TS: '2026-11-02T09:10:00Z' }), rows: [{ l: ['2026-11-02T09:10:00.0000000Z'] }] },
  { name: 'make_set_if and make_list_if', query: 'T | summarize s = make_set_if(S, N > 1), l = make_list_if(N, S == "a")', tables: sales, rows: [{ s: ['b', 'a'], l: [1, 3] }] },
  { name: 'arg_max returns the named columns of the maximising row', query: 'T | summarize arg_max(N, S, R)', tables: sales, columns: ['N:long', 'S:string', 'R:real'], rows: [{ N: 5, S: 'b', R: 0.5 }] },
  { name: 'arg_max by group', query: 'T | summarize arg_max(TS, N) by S', tables: sales, rows: [{ S: 'a', TS: '2026-11-02T10:20:00.0000000Z', N: null }, { S: 'b', TS: '2026-11-02T09:50:00.0000000Z', N: 5 }] },
  { name: 'arg_max skips rows whose maximised value is null', query: 'T | summarize arg_max(N, S)', tables: t({ S: 'x', N: null }, { S: 'y', N: 1 }), rows: [{ N: 1, S: 'y' }] },
  {
    name: 'arg_max null handling (docs example): an all-null group keeps one of its rows',
    query: 'datatable(Fruit: string, Color: string, Version: int)["Apple", "Red", 1, "Apple", "Green", int(null), "Banana", "Yellow", int(null), "Banana", "Green", int(null), "Pear", "Brown", 1, "Pear", "Green", 2] | summarize arg_max(Version, *) by Fruit',
    rows: [{ Fruit: 'Apple', Version: 1, Color: 'Red' }, { Fruit: 'Banana', Version: null, Color: 'Yellow' }, { Fruit: 'Pear', Version: 2, Color: 'Green' }],
  },
  { name: 'arg_min', query: 'T | summarize arg_min(R, S)', tables: sales, rows: [{ R: 0.5, S: 'b' }] },
  {
    name: 'arg_max(x, *) returns every other column',
    query: 'T | project S, N, R | summarize arg_max(N, *) by S',
    tables: sales,
    columns: ['S:string', 'N:long', 'R:real'],
    rows: [{ S: 'a', N: 3, R: 2 }, { S: 'b', N: 5, R: 0.5 }],
  },
  // https://learn.microsoft.com/kusto/query/take-anyif-aggregation-function: prefers a non-null/non-empty value.
  { name: 'take_any prefers a non-empty value', query: 'T | summarize a = take_any(S)', tables: t({ S: '' }, { S: 'x' }), rows: [{ a: 'x' }] },
  { name: 'take_anyif', query: 'T | summarize a = take_anyif(S, N > 4)', tables: sales, rows: [{ a: 'b' }] },
  { name: 'take_anyif with no matching row gives the empty value', query: 'T | summarize a = take_anyif(S, N > 40), b = take_anyif(N, N > 40)', tables: sales, rows: [{ a: '', b: null }] },
  {
    name: 'summarize by bin(datetime, 1h)',
    query: 'T | summarize count() by bin(TS, 1h)',
    tables: sales,
    columns: ['TS:datetime', 'count_:long'],
    rows: [{ TS: '2026-11-02T09:00:00.0000000Z', count_: 2 }, { TS: '2026-11-02T10:00:00.0000000Z', count_: 2 }],
  },
  {
    name: 'summarize by a column and bin, then filter on count_',
    query: 'T | summarize count() by S, bin(TS, 1h) | where count_ > 1',
    tables: sales,
    rows: [{ S: 'a', TS: '2026-11-02T10:00:00.0000000Z', count_: 2 }],
  },
  // bins of datetimes are aligned to 0001-01-01, a Monday: 7-day bins start on Mondays, not on Thursdays (1970-01-01).
  { name: 'bin(datetime, 7d) aligns to 0001-01-01', query: 'print b = bin(datetime(2026-11-05 12:00), 7d)', rows: [{ b: '2026-11-02T00:00:00.0000000Z' }] },
  { name: 'bin of longs and reals', query: 'print a = bin(17, 5), b = bin(4.7, 0.5), c = bin(-3, 2)', rows: [{ a: 15, b: 4.5, c: -4 }] },
  { name: 'bin of a timespan', query: 'print b = bin(95m, 1h)', rows: [{ b: '01:00:00' }] },
  { name: 'floor is bin', query: 'print b = floor(datetime(2026-11-02 09:59:59), 1h)', rows: [{ b: '2026-11-02T09:00:00.0000000Z' }] },
  { name: 'summarize by a dynamic member', query: 'T | summarize c = count() by K = tostring(D.k)', tables: t({ D: { k: 'x' } }, { D: { k: 'x' } }, { D: {} }), rows: [{ K: 'x', c: 2 }, { K: '', c: 1 }] },
];

defineCases(cases);
