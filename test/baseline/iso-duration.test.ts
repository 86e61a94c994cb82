import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { describeMinutes, isoDurationMinutes } from '../../src/baseline/iso-duration.ts';

test('ISO 8601 durations as PIM writes them, in minutes', () => {
  const cases: Array<[string, number]> = [
    ['PT8H', 480], ['PT10H', 600], ['PT30M', 30], ['PT1H30M', 90], ['P1D', 1440], ['P1DT4H30M', 1710],
    ['P2W', 20160], ['PT90S', 1.5], ['PT0.5H', 30], ['pt8h', 480], ['PT24H', 1440],
  ];
  for (const [text, minutes] of cases) assert.is(isoDurationMinutes(text), minutes, text);
});

test('M is minutes only after T; years, months, bare P/PT and non-ISO text are refused', () => {
  assert.is(isoDurationMinutes('PT1M'), 1);
  for (const text of ['P1M', 'P1Y', 'P1Y2M', 'P', 'PT', 'P1DT', '8h', 'PT8', 'T8H', '', 'PT-8H', 'P1H']) {
    assert.is(isoDurationMinutes(text), undefined, text);
  }
  for (const value of [null, undefined, 480, {}]) assert.is(isoDurationMinutes(value), undefined, String(value));
});

test('minutes read back the way baselines write durations', () => {
  assert.is(describeMinutes(600), '10h');
  assert.is(describeMinutes(480), '8h');
  assert.is(describeMinutes(90), '90m');
  assert.is(describeMinutes(2880), '2d');
  assert.is(describeMinutes(1.5), '90s');
  assert.is(describeMinutes(0), '0m');
});

test.run();
