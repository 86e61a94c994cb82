/**
 * The escaping helpers on their own: every hostile string must come back out of Kusto's parser (before and
 * after the formatter that runs on every shipped query) and out of ARM's `[[` rule exactly as it went in.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { armEscapeDeep, armExpression, armLiteral, kqlDynamicArray, kqlList, kqlLiteral, kqlScalar, kqlString } from '../../src/render/escape.ts';
import { formatQuery } from '../../src/kql/format.ts';
import { kql, raw } from '../../src/model/define-detection.ts';
import { armValue, HOSTILE, kqlStringLiterals } from './hostile-values.ts';

const ALL = HOSTILE.map((h) => h.value);

for (const { name, value } of HOSTILE) {
  test(`kqlString round-trips ${name} through Kusto's parser and formatter`, () => {
    const text = `AuditLogs | where OperationName == ${kqlString(value)} | project OperationName`;
    assert.equal(kqlStringLiterals(text), { literals: [value], errors: [] });
    const formatted = formatQuery(text);
    assert.type(formatted, 'string');
    assert.equal(kqlStringLiterals(formatted!), { literals: [value], errors: [] }, `after formatting:\n${formatted}`);
  });

  test(`the kql tag quotes an interpolated ${name}`, () => {
    const query = kql`AuditLogs | where OperationName =~ ${value} or Category in (${[value, 'second']})`;
    assert.equal(kqlStringLiterals(query.text), { literals: [value, value, 'second'], errors: [] });
  });
}

test('kqlString writes one line whatever the value holds', () => {
  for (const value of ALL) assert.not.match(kqlString(value), /[\n\r\t]/, JSON.stringify(value));
});

test('kqlList and kqlDynamicArray keep every hostile value, in order', () => {
  const inList = kqlStringLiterals(`AuditLogs | where OperationName in~ ${kqlList(ALL)}`);
  assert.equal(inList, { literals: ALL, errors: [] });
  const dynamic = kqlStringLiterals(`let names = ${kqlDynamicArray(ALL)};\nAuditLogs | where OperationName in (names)`);
  assert.equal(dynamic, { literals: ALL, errors: [] });
});

test('kqlScalar writes numbers and booleans as KQL reads them, and refuses non-finite numbers', () => {
  assert.is(kqlScalar(0), '0');
  assert.is(kqlScalar(-42), '-42');
  assert.is(kqlScalar(1.5), 'real(1.5)');
  assert.is(kqlScalar(true), 'true');
  assert.is(kqlScalar(false), 'false');
  assert.is(kqlScalar('true'), '"true"');
  assert.is(kqlScalar('1'), '"1"');
  for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
    assert.throws(() => kqlScalar(bad), /KQL literal/);
  }
  assert.equal(kqlStringLiterals(`print a = ${kqlScalar(-42)}, b = ${kqlScalar(1.5)}, c = ${kqlScalar(true)}`).errors, []);
});

test('kqlLiteral: arrays become dynamic([...]), raw() passes through unquoted', () => {
  assert.is(kqlLiteral(['a', 1, false]), 'dynamic(["a", 1, false])');
  assert.is(kqlLiteral(raw('OperationName')), 'OperationName');
  assert.is(kqlLiteral('OperationName'), '"OperationName"');
  assert.is(kql`T | where ${raw('Col')} == ${'Col'}`.text, 'T | where Col == "Col"');
});

const ARM_CASES: Array<[input: string, output: string]> = [
  ["[parameters('x')]", "[[parameters('x')]"],
  ['[]', '[[]'],
  ['[[not twice]', '[[[not twice]'],
  ['[a\nb]', '[[a\nb]'],
  ['[notAnExpression', '[notAnExpression'],
  ['notAnExpression]', 'notAnExpression]'],
  ['a [b] c', 'a [b] c'],
  ['[', '['],
  [']', ']'],
  ['', ''],
  ['plain', 'plain'],
];

for (const [input, output] of ARM_CASES) {
  test(`armLiteral ${JSON.stringify(input)} → ${JSON.stringify(output)}`, () => {
    assert.is(armLiteral(input), output);
    assert.is(armValue(armLiteral(input)), input, 'ARM reads back the original');
  });
}

test('armLiteral output means the original to ARM for every hostile value', () => {
  for (const value of ALL) assert.is(armValue(JSON.parse(JSON.stringify(armLiteral(value)))), value, JSON.stringify(value));
});

test('armEscapeDeep escapes every nested string value, leaves expressions, keys and scalars alone', () => {
  const input = {
    '[key]': "[parameters('x')]",
    list: ['[a]', '[b', 1, true, null, { deep: '[c]' }],
    number: 3,
    scope: armExpression("[parameters('workspace')]"),
  };
  assert.equal(armEscapeDeep(input), {
    '[key]': "[[parameters('x')]",
    list: ['[[a]', '[b', 1, true, null, { deep: '[[c]' }],
    number: 3,
    scope: "[parameters('workspace')]",
  });
  assert.is(JSON.stringify({ scope: armExpression("[parameters('w')]") }), `{"scope":"[parameters('w')]"}`);
});

test('armExpression accepts only text ARM evaluates', () => {
  assert.throws(() => armExpression("parameters('x')"), /not an ARM expression/);
  assert.throws(() => armExpression("[parameters('x')"), /not an ARM expression/);
});

test.run();
