/**
 * Conformance: mv-expand (an empty array or bag yields no row, a null yields one null row:
 * https://learn.microsoft.com/kusto/query/mv-expand-operator) and mv-apply, including the two subquery shapes the
 * shipped PIM queries use.
 */
import { defineCases, t, type Case } from './support.ts';

const TARGETS = `T
| mv-apply Target = iff(array_length(D) > 0, D, dynamic([null])) on (
    extend TargetType = tostring(Target.type)
    | summarize Role = take_anyif(tostring(Target.displayName), TargetType =~ "Role"), Types = make_set(TargetType)
    )
| project S, Role, Types`;

const PROPERTIES = `T
| mv-apply Properties = iff(array_length(D) > 0, D, dynamic([null])) on (
    mv-expand Property = Properties
    | where tostring(Property.displayName) in~ ("Role.DisplayName", "RoleDefinition.DisplayName")
    | summarize PropertyRole = take_any(trim(@'"', coalesce(tostring(Property.newValue), tostring(Property.oldValue))))
    )
| project S, PropertyRole`;

const cases: Case[] = [
  { name: 'mv-expand a column', query: 'T | mv-expand D | project S, D', tables: t({ S: 'a', D: [1, 2] }), rows: [{ S: 'a', D: 1 }, { S: 'a', D: 2 }] },
  { name: 'mv-expand Name = expression', query: 'T | mv-expand X = D.list | project X', tables: t({ D: { list: ['p', 'q'] } }), columns: ['X:dynamic'], rows: [{ X: 'p' }, { X: 'q' }] },
  { name: 'mv-expand to typeof(long) casts: other elements become null', query: 'T | mv-expand D to typeof(long) | project D', tables: t({ D: [1, 'a', 2.5] }), columns: ['D:long'], rows: [{ D: 1 }, { D: null }, { D: null }] },
  { name: 'mv-expand to typeof(string)', query: 'T | mv-expand D to typeof(string) | project D', tables: t({ D: ['a', 1] }), rows: [{ D: 'a' }, { D: '' }] },
  {
    name: 'mv-expand: empty array → no row, null or missing → one null row',
    query: 'T | mv-expand D | project S, D',
    tables: t({ S: 'empty', D: [] }, { S: 'null', D: null }, { S: 'missing' }, { S: 'one', D: [1] }),
    rows: [{ S: 'null', D: null }, { S: 'missing', D: null }, { S: 'one', D: 1 }],
  },
  { name: 'mv-expand of a property bag yields one-property bags', query: 'T | mv-expand D | project D', tables: t({ D: { a: 1, b: 2 } }), rows: [{ D: { a: 1 } }, { D: { b: 2 } }] },
  { name: 'mv-expand kind=array yields [key, value] pairs', query: 'T | mv-expand kind=array D | project D', tables: t({ D: { a: 1, b: 2 } }), rows: [{ D: ['a', 1] }, { D: ['b', 2] }] },
  { name: 'mv-expand an empty bag yields no row', query: 'T | mv-expand D | count', tables: t({ D: {} }), rows: [{ Count: 0 }] },
  {
    name: 'mv-expand two arrays in parallel, the shorter padded with null',
    query: 'T | mv-expand A = D.a, B = D.b | project A, B',
    tables: t({ D: { a: [1, 2, 3], b: ['x'] } }),
    rows: [{ A: 1, B: 'x' }, { A: 2, B: null }, { A: 3, B: null }],
  },
  { name: 'mv-expand with_itemindex', query: 'T | mv-expand with_itemindex = i D | project i, D', tables: t({ D: ['x', 'y'] }), rows: [{ i: 0, D: 'x' }, { i: 1, D: 'y' }] },
  { name: 'mv-expand limit', query: 'T | mv-expand D limit 2 | project D', tables: t({ D: [1, 2, 3] }), rows: [{ D: 1 }, { D: 2 }] },
  {
    name: 'mv-apply with summarize (the shipped Target pattern)',
    query: TARGETS,
    tables: t({ S: 'pim', D: [{ type: 'Role', displayName: 'Global Administrator' }, { type: 'User', displayName: 'alice' }] }),
    rows: [{ S: 'pim', Role: 'Global Administrator', Types: ['Role', 'User'] }],
  },
  {
    name: 'mv-apply over [null] (empty or missing arrays replaced) still yields a row',
    query: TARGETS,
    tables: t({ S: 'empty', D: [] }, { S: 'missing' }),
    rows: [{ S: 'empty', Role: '', Types: [''] }, { S: 'missing', Role: '', Types: [''] }],
  },
  {
    name: 'mv-apply drops a row whose array is empty: there is no subtable to summarize',
    query: 'T | mv-apply x = D on (summarize c = count()) | project S, c',
    tables: t({ S: 'empty', D: [] }, { S: 'two', D: [1, 2] }),
    rows: [{ S: 'two', c: 2 }],
  },
  {
    name: 'mv-apply whose where empties the subtable: summarize without by still yields one row',
    query: 'T | mv-apply p = D on (where p > 5 | summarize c = count(), m = take_any(tostring(p))) | project S, c, m',
    tables: t({ S: 'a', D: [1, 2] }),
    rows: [{ S: 'a', c: 0, m: '' }],
  },
  {
    name: 'mv-apply with mv-expand inside (the shipped modifiedProperties pattern)',
    query: PROPERTIES,
    tables: t(
      { S: 'added', D: [[{ displayName: 'Role.DisplayName', oldValue: null, newValue: '"Global Administrator"' }]] },
      { S: 'removed', D: [[{ displayName: 'Role.DisplayName', oldValue: '"Security Administrator"', newValue: null }]] },
      { S: 'other', D: [[{ displayName: 'Group.DisplayName', newValue: '"x"' }]] },
      { S: 'none', D: [] },
    ),
    rows: [{ S: 'added', PropertyRole: 'Global Administrator' }, { S: 'removed', PropertyRole: 'Security Administrator' }, { S: 'other', PropertyRole: '' }, { S: 'none', PropertyRole: '' }],
  },
  {
    name: 'mv-apply with top in the subquery (docs example shape)',
    query: 'datatable(xMod2: long, l: dynamic)[1, dynamic([1, 3, 5, 7]), 0, dynamic([2, 4, 6, 8])] | mv-apply element = l to typeof(long) on (top 1 by element) | project xMod2, element',
    rows: [{ xMod2: 1, element: 7 }, { xMod2: 0, element: 8 }],
  },
  { name: 'mv-apply keeps the expanded column when the subquery does', query: 'T | mv-apply D to typeof(long) on (where D > 1) | project S, D', tables: t({ S: 'a', D: [1, 2, 3] }), rows: [{ S: 'a', D: 2 }, { S: 'a', D: 3 }] },
];

defineCases(cases);
