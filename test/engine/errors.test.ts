/**
 * Conformance: what the engine refuses. Unsupported operators and functions fail at compile time with SF6001
 * `unsupported: <name> at <line>:<col>` (1-based, where the construct starts); analysis errors and errors found while
 * running are SF6002 with the position of the offending text.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EngineError } from '../../src/engine/index.ts';
import { defineCases, runQuery, t, type Case } from './support.ts';

const unsupported = (name: string, query: string, message: string): Case => ({ name, query, error: { code: 'SF6001', message } });

const cases: Case[] = [
  unsupported('evaluate bag_unpack', 'T\n| evaluate bag_unpack(D)', 'unsupported: evaluate at 2:3'),
  unsupported('make-series', 'T\n| make-series c = count() default = 0 on TS step 1h', 'unsupported: make-series at 2:3'),
  unsupported('parse', 'T | parse S with a "-" b', 'unsupported: parse at 1:5'),
  unsupported('lookup', 'T | lookup (U) on $left.S == $right.K', 'unsupported: lookup at 1:5'),
  unsupported('range', 'range x from 1 to 3 step 1', 'unsupported: range at 1:1'),
  unsupported('a Kusto function the engine does not implement', 'T\n| extend x = base64_encode_tostring(S)', 'unsupported: base64_encode_tostring at 2:14'),
  unsupported('an aggregation the engine does not implement', 'T | summarize p = percentile(N, 90)', 'unsupported: percentile() at 1:19'),
  unsupported('tolong of a datetime (Kusto counts ticks from year 1)', 'print x = tolong(datetime(2026-01-01))', 'unsupported: tolong(datetime) at 1:11'),
  { name: 'a join condition other than equality is an analysis error (SF6002)', query: 'T | join kind=inner (U) on $left.S == $right.K and $left.N > $right.V', error: { code: 'SF6002', message: 'KS182: The join condition must be' } },
  unsupported('join parameters other than kind and hints', 'T | join kind=inner withsource=W (U) on $left.S == $right.K', 'unsupported:'),
  { name: 'an unknown function is an analysis error (SF6002)', query: 'T | extend x = no_such_function(S)', error: { code: 'SF6002', message: "KS211: The name 'no_such_function' does not refer to any known function. at 1:16" } },
  { name: 'an unknown column is an analysis error (SF6002)', query: 'T\n| where Nope == 1', error: { code: 'SF6002', message: "KS142: The name 'Nope' does not refer to any known column, table, variable or function. at 2:9" } },
  { name: 'comparing a string with a number is refused (SF6002)', query: 'T | where S == 1', error: { code: 'SF6002', message: 'cannot compare values of types string and long at 1:13' } },
  { name: 'an invalid constant regex fails at compile time (SF6002)', query: 'T | where S matches regex "("', error: { code: 'SF6002', message: 'invalid regular expression' } },
  {
    name: 'an invalid regex from the data fails at run time (SF6002)',
    query: 'T | where S matches regex S2',
    tables: t({ S: 'a', S2: '(' }),
    error: { code: 'SF6002', message: 'invalid regular expression' },
  },
];

test('EngineError carries 1-based line and column and the 0-based offset', () => {
  try {
    runQuery('T\n| take 1\n| evaluate bag_unpack(D)');
    assert.unreachable('expected SF6001');
  } catch (e) {
    assert.instance(e, EngineError);
    const err = e as EngineError;
    assert.equal([err.code, err.line, err.column, err.offset], ['SF6001', 3, 3, 13]);
    assert.is(err.message, 'unsupported: evaluate at 3:3');
  }
});

defineCases(cases);
