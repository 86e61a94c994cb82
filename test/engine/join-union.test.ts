/**
 * Conformance: join kinds (innerunique is the default and de-duplicates the left side on the key,
 * https://learn.microsoft.com/kusto/query/join-innerunique), union, `in` against tabular expressions, toscalar.
 */
import { defineCases, t, type Case } from './support.ts';

const XY = `let X = datatable(Key: string, Value1: long)['a', 1, 'b', 2, 'b', 3, 'c', 4];
let Y = datatable(Key: string, Value2: long)['b', 10, 'c', 20, 'c', 30, 'd', 40];
X`;

const row = (k: string, v1: number | null, k1: string, v2: number | null) => ({ Key: k, Value1: v1, Key1: k1, Value2: v2 });

const cases: Case[] = [
  {
    name: 'join without kind is innerunique: one left row per key (docs example)',
    query: `${XY} | join Y on Key`,
    columns: ['Key:string', 'Value1:long', 'Key1:string', 'Value2:long'],
    rows: [row('b', 2, 'b', 10), row('c', 4, 'c', 20), row('c', 4, 'c', 30)],
  },
  { name: 'kind=innerunique explicitly', query: `${XY} | join kind=innerunique Y on Key | count`, rows: [{ Count: 3 }] },
  { name: 'kind=inner keeps every left row', query: `${XY} | join kind=inner Y on Key`, rows: [row('b', 2, 'b', 10), row('b', 3, 'b', 10), row('c', 4, 'c', 20), row('c', 4, 'c', 30)] },
  {
    name: 'kind=leftouter fills unmatched right columns with nulls ("" for strings)',
    query: `${XY} | join kind=leftouter Y on Key`,
    rows: [row('a', 1, '', null), row('b', 2, 'b', 10), row('b', 3, 'b', 10), row('c', 4, 'c', 20), row('c', 4, 'c', 30)],
  },
  { name: 'kind=leftanti', query: `${XY} | join kind=leftanti Y on Key`, columns: ['Key:string', 'Value1:long'], rows: [{ Key: 'a', Value1: 1 }] },
  { name: 'kind=leftsemi returns each matching left row once', query: `${XY} | join kind=leftsemi Y on Key`, rows: [{ Key: 'b', Value1: 2 }, { Key: 'b', Value1: 3 }, { Key: 'c', Value1: 4 }] },
  { name: 'kind=rightanti', query: `${XY} | join kind=rightanti Y on Key`, columns: ['Key:string', 'Value2:long'], rows: [{ Key: 'd', Value2: 40 }] },
  { name: 'kind=rightsemi', query: `${XY} | join kind=rightsemi Y on Key`, rows: [{ Key: 'b', Value2: 10 }, { Key: 'c', Value2: 20 }, { Key: 'c', Value2: 30 }] },
  {
    name: 'kind=rightouter',
    query: `${XY} | join kind=rightouter Y on Key`,
    rows: [row('b', 2, 'b', 10), row('b', 3, 'b', 10), row('c', 4, 'c', 20), row('c', 4, 'c', 30), row('', null, 'd', 40)],
  },
  { name: 'kind=fullouter', query: `${XY} | join kind=fullouter Y on Key | count`, rows: [{ Count: 6 }] },
  {
    name: 'join on $left.A == $right.B',
    query: 'T | project S, N | join kind=inner (U | project K, V) on $left.S == $right.K',
    tables: { ...t({ S: 'k1', N: 1 }, { S: 'k2', N: 2 }), U: [{ K: 'k2', V: 20 }] },
    rows: [{ S: 'k2', N: 2, K: 'k2', V: 20 }],
  },
  {
    name: 'join on two keys',
    query: 'T | project S, N | join kind=inner (T | project S, N, R) on S, N | project S, N, R',
    tables: t({ S: 'a', N: 1, R: 1.5 }, { S: 'a', N: 2, R: 2.5 }),
    rows: [{ S: 'a', N: 1, R: 1.5 }, { S: 'a', N: 2, R: 2.5 }],
  },
  {
    name: 'innerunique keeps the first left row of each key',
    query: 'T | project S, N | join (U | project S = K, V) on S | project N, V',
    tables: { ...t({ S: 'k', N: 1 }, { S: 'k', N: 2 }), U: [{ K: 'k', V: 7 }, { K: 'k', V: 8 }] },
    rows: [{ N: 1, V: 7 }, { N: 1, V: 8 }],
  },
  { name: 'null keys match nothing', query: 'T | project N | join kind=inner (T | project N) on N | count', tables: t({ N: null }, { N: 1 }), rows: [{ Count: 1 }] },
  {
    name: 'datetime keys match whatever their text form',
    query: 'T | project TS, S | join kind=inner (T | project TS, R) on TS | project S, R',
    tables: t({ TS: '2026-11-02T09:00:00Z', S: 'x' }, { TS: '2026-11-02T09:00:00.0000000Z', R: 1.5 }),
    rows: [{ S: 'x', R: null }, { S: 'x', R: 1.5 }, { S: '', R: null }, { S: '', R: 1.5 }],
  },
  { name: 'union of two tables', query: 'T | project S | union (U | project S = K)', tables: { ...t({ S: 'a' }), U: [{ K: 'b' }] }, rows: [{ S: 'a' }, { S: 'b' }] },
  {
    name: 'union fills missing columns with nulls',
    query: 'union (T | project S, N), (U | project K)',
    tables: { ...t({ S: 'a', N: 1 }), U: [{ K: 'b' }] },
    columns: ['S:string', 'N:long', 'K:string'],
    rows: [{ S: 'a', N: 1, K: '' }, { S: '', N: null, K: 'b' }],
  },
  { name: 'union isfuzzy=true with an empty datatable leg', query: 'union isfuzzy=true (T | project S), (datatable(S: string)[]) | count', tables: t({ S: 'a' }), rows: [{ Count: 1 }] },
  { name: 'union as the query start', query: 'union T, T | count', tables: t({ S: 'a' }), rows: [{ Count: 2 }] },
  {
    name: 'tolower(x) in (a let of a union) — the shipped privileged-actor pattern',
    query: `let privileged = union isfuzzy = true (T | where N > 0 | project Upn = tolower(S)), (datatable(Upn: string)[]);
U | extend IsPrivileged = tolower(K) in (privileged) | project K, IsPrivileged`,
    tables: { ...t({ S: 'Alice@Contoso.com', N: 1 }, { S: 'bob@contoso.com', N: 0 }), U: [{ K: 'ALICE@contoso.com' }, { K: 'bob@contoso.com' }] },
    rows: [{ K: 'ALICE@contoso.com', IsPrivileged: true }, { K: 'bob@contoso.com', IsPrivileged: false }],
  },
  { name: 'in with an inline subquery', query: 'U | where K in ((T | where N > 1 | project S)) | project K', tables: { ...t({ S: 'x', N: 2 }, { S: 'y', N: 0 }), U: [{ K: 'x' }, { K: 'y' }] }, rows: [{ K: 'x' }] },
  { name: 'toscalar', query: 'let total = toscalar(T | summarize sum(N)); T | project S, share = todouble(N) / total', tables: t({ S: 'a', N: 1 }, { S: 'b', N: 3 }), rows: [{ S: 'a', share: 0.25 }, { S: 'b', share: 0.75 }] },
  {
    name: 'union of a column with two types is refused (Kusto would split it)',
    query: 'union (T | project X = N), (T | project X = S)',
    error: { code: 'SF6001', message: "unsupported: union of column 'X' with types" },
  },
];

defineCases(cases);
