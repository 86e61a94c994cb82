/**
 * Dynamic values (plain JSON values) and the bridges between them and typed scalars: member and element access,
 * equality, the string form `tostring()` gives them, grouping keys, and `to typeof()` casts.
 */
import { formatDateTime, formatTimespan, parseDateTime, parseTimespan } from './datetime.ts';
import type { KType } from './types.ts';

/** Whether a dynamic value is a property bag (a JSON object). */
export function isBag(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A typed scalar as a dynamic value: datetimes and timespans become their Kusto strings. */
export function toDynamic(value: unknown, type: KType): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'datetime') return formatDateTime(value as number);
  if (type === 'timespan') return formatTimespan(value as number);
  return value;
}

/** A number as Kusto prints it; reals keep JS's shortest round-trip form (as .NET Core's `ToString()`). */
export function numberToString(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  return String(n);
}

/** `tostring(dynamic)`: a string element unquoted, null as "", arrays and bags as compact JSON. */
export function dynamicToString(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberToString(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return JSON.stringify(v);
}

/** `a.b` / `a["b"]`: the property of a bag, null when missing or when `a` is not a bag. */
export function member(v: unknown, name: string): unknown {
  if (!isBag(v)) return null;
  const x = v[name];
  return x === undefined ? null : x;
}

/** `a[i]`: an array element (negative counts from the end) or, for a string index, a bag property. */
export function element(v: unknown, index: unknown): unknown {
  if (typeof index === 'string') return member(v, index);
  if (!Array.isArray(v) || typeof index !== 'number' || !Number.isInteger(index)) return null;
  const i = index < 0 ? v.length + index : index;
  const x = v[i];
  return x === undefined ? null : x;
}

/** Structural equality of two dynamic values (numbers by value, bags and arrays by their JSON). */
export function dynamicEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A string that identifies a value within one column type, for grouping, distinct and set operations. */
export function keyOf(v: unknown): string {
  if (v === null || v === undefined) return '\u0000';
  switch (typeof v) {
    case 'string': return 's' + v;
    case 'number': return 'n' + v;
    case 'boolean': return v ? 'T' : 'F';
    default: return 'j' + JSON.stringify(v);
  }
}

/**
 * `mv-expand … to typeof(T)`: a cast, not a conversion — elements that are not already of type T become null
 * (https://learn.microsoft.com/kusto/query/mv-expand-operator). Datetime and timespan strings are parsed.
 */
export function castDynamic(v: unknown, type: KType): unknown {
  if (v === null || v === undefined) return type === 'string' ? '' : null;
  switch (type) {
    case 'dynamic': return v;
    case 'string': return typeof v === 'string' ? v : '';
    case 'guid': return typeof v === 'string' ? v : null;
    case 'long':
    case 'int': return typeof v === 'number' && Number.isInteger(v) ? v : null;
    case 'real':
    case 'decimal': return typeof v === 'number' ? v : null;
    case 'bool': return typeof v === 'boolean' ? v : null;
    case 'datetime': return typeof v === 'string' ? parseDateTime(v) : null;
    case 'timespan': return typeof v === 'string' ? (parseTimespan(v) ?? null) : null;
  }
}
