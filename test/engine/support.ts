/**
 * Conformance-case harness for the engine: each case is a query, input records and the exact expected result rows
 * (or the expected error). Cases run against the shipped schema plus a test table `T` with one column per type.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileForEngine, EngineError, type EngineResult } from '../../src/engine/index.ts';
import { builtinTables, type SchemaSnapshot } from '../../src/schema/tables.ts';

export const SNAPSHOT: SchemaSnapshot = {
  version: 'engine-test',
  tables: [
    ...builtinTables(),
    {
      name: 'T',
      columns: [
        { name: 'S', type: 'string' }, { name: 'S2', type: 'string' }, { name: 'N', type: 'long' }, { name: 'I', type: 'int' },
        { name: 'R', type: 'real' }, { name: 'B', type: 'bool' }, { name: 'D', type: 'dynamic' }, { name: 'TS', type: 'datetime' },
        { name: 'SP', type: 'timespan' }, { name: 'G', type: 'guid' },
      ],
    },
    { name: 'U', columns: [{ name: 'K', type: 'string' }, { name: 'V', type: 'long' }] },
  ],
  functions: [],
};

/** `now()` in every case unless the case sets its own. */
export const NOW = new Date('2026-11-02T10:00:00Z');

type Records = Array<Record<string, unknown>>;

export interface Case {
  name: string;
  query: string;
  tables?: Record<string, Records>;
  now?: string;
  /** Expected result rows, compared exactly (order included). */
  rows?: Records;
  /** Expected result columns as `name:type`, when the case is about types. */
  columns?: string[];
  /** Expected error: its code, and the start of its message. */
  error?: { code: 'SF6001' | 'SF6002'; message: string };
}

export function runQuery(query: string, tables: Record<string, Records> = {}, now: Date = NOW): EngineResult {
  return compileForEngine(query, SNAPSHOT).run(tables, { now });
}

/** Registers every case as a uvu test of the given suite file. */
export function defineCases(cases: Case[]): void {
  for (const c of cases) {
    test(c.name, () => {
      if (c.error) {
        try {
          runQuery(c.query, c.tables, c.now ? new Date(c.now) : NOW);
        } catch (e) {
          assert.instance(e, EngineError);
          assert.is((e as EngineError).code, c.error.code);
          assert.is((e as EngineError).message.slice(0, c.error.message.length), c.error.message);
          return;
        }
        assert.unreachable('expected an EngineError');
      }
      const result = runQuery(c.query, c.tables, c.now ? new Date(c.now) : NOW);
      if (c.columns) assert.equal(result.columns.map((col) => `${col.name}:${col.type}`), c.columns);
      assert.equal(result.rows, c.rows);
    });
  }
  test.run();
}

/** `T` records from partial values (every other column missing, so null). */
export const t = (...records: Records): { T: Records } => ({ T: records });
