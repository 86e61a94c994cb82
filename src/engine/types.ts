/**
 * The engine's internal data model. A row is an array indexed by the position of its column in the layout the
 * compiler chose for that point of the pipeline. Values by Kusto type:
 * - string, guid: JS string (a string is never null in Kusto: missing → ""; a guid may be null);
 * - long, int, real, decimal: JS number or null (longs are exact up to 2^53);
 * - bool: boolean or null;
 * - datetime: 100-ns ticks since 2020-01-01T00:00:00Z (exact for 1991–2048) or null. Columns read from input
 *   records may still hold the raw ISO string: every read goes through `columnReader`, which parses it once;
 * - timespan: 100-ns ticks or null (input strings are parsed on read like datetimes);
 * - dynamic: a JSON value (null, boolean, number, string, array, object), datetimes inside it as ISO strings.
 */

export type KType = 'string' | 'long' | 'int' | 'real' | 'decimal' | 'bool' | 'datetime' | 'timespan' | 'dynamic' | 'guid';

/** A column of a row layout. */
export interface Column {
  name: string;
  type: KType;
}

/** One row: values by layout position. */
export type Row = unknown[];

/** Input records as exported from Log Analytics, by table name. */
export type InputTables = Record<string, Array<Record<string, unknown>>>;

/** Everything one run of a compiled query sees. */
export interface RunContext {
  /** The query's `now()`, in ticks. */
  now: number;
  tables: InputTables;
  /** Per-run values computed once: tabular lets, `in` sets, `toscalar` results. */
  cache: Map<object, unknown>;
}

/** A compiled scalar expression evaluated on a row. */
export type ScalarFn = (row: Row, ctx: RunContext) => unknown;

/**
 * A compiled scalar expression. `constant` holds the value when it needs neither a row nor the run (a literal, a
 * pure function of literals); `rowFree` marks expressions that need the run but no row (`ago(1d)`, a let).
 */
export interface Scalar {
  fn: ScalarFn;
  type: KType;
  rowFree: boolean;
  constant?: { value: unknown };
}

/**
 * A compiled tabular expression. `layout` is what its rows hold: the analyser's columns minus those no later part of
 * the query can observe (see prune.ts). `full` names all the analyser's columns, for operators whose output names
 * depend on them (generated `Column1` names, join's `A1` renames). `input` is the implicit source of an
 * `mv-apply` subquery, else null.
 */
export interface Plan {
  layout: Column[];
  full: string[];
  run(ctx: RunContext, input: Row[] | null): Row[];
}

/** The numeric types (arithmetic mixes them freely). */
export const NUMERIC: ReadonlySet<KType> = new Set<KType>(['long', 'int', 'real', 'decimal']);
/** The integer types (division truncates). */
export const INTEGRAL: ReadonlySet<KType> = new Set<KType>(['long', 'int']);

/** The value a column of this type holds when it has none. */
export function nullOf(type: KType): unknown {
  return type === 'string' ? '' : null;
}

/** A scalar with a value known at compile time. */
export function constantScalar(value: unknown, type: KType): Scalar {
  return { fn: () => value, type, rowFree: true, constant: { value } };
}
