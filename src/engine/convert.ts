/**
 * Conversions between Kusto types: reading an exported record's value into the engine's representation, the
 * `to*()` functions, and writing result values back as JSON-friendly output.
 */
import { formatDateTime, formatTimespan, parseDateTime, parseTimespan, ticksFromMs } from './datetime.ts';
import { dynamicToString, isBag, numberToString } from './dynamic.ts';
import type { KType, Row, ScalarFn } from './types.ts';

/**
 * How a value of an input record becomes an engine value. Datetime and timespan columns are kept raw here and
 * parsed on first read (see `columnReader`): most rows of a detection are filtered out before their time is used.
 */
export function inputReader(type: KType): (raw: unknown) => unknown {
  switch (type) {
    case 'string': return (v) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
    case 'guid': return (v) => (v === undefined || v === null || v === '' ? null : String(v));
    case 'long':
    case 'int': return (v) => toLong(v);
    case 'real':
    case 'decimal': return (v) => toReal(v);
    case 'bool': return (v) => toBool(v);
    case 'dynamic': return (v) => (v === undefined ? null : v);
    case 'datetime':
    case 'timespan': return (v) => (v === undefined ? null : v);
  }
}

function readDateTime(v: unknown): number | null {
  if (typeof v === 'number' || v === null) return v;
  if (typeof v === 'string') return parseDateTime(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : ticksFromMs(v.getTime());
  return null;
}

function readTimespan(v: unknown): number | null {
  if (typeof v === 'number' || v === null) return v;
  return typeof v === 'string' ? (parseTimespan(v) ?? null) : null;
}

/** Reads column `index` of a row; datetime and timespan values still raw from the input are parsed and stored back. */
export function columnReader(index: number, type: KType): ScalarFn {
  if (type === 'datetime') {
    return (row: Row) => {
      const v = row[index];
      if (typeof v === 'number' || v === null) return v;
      return (row[index] = readDateTime(v));
    };
  }
  if (type === 'timespan') {
    return (row: Row) => {
      const v = row[index];
      if (typeof v === 'number' || v === null) return v;
      return (row[index] = readTimespan(v));
    };
  }
  return (row: Row) => row[index];
}

/** `tostring()` of a value of the given type. */
export function toStringOf(v: unknown, type: KType): string {
  if (v === null || v === undefined) return '';
  switch (type) {
    case 'string':
    case 'guid': return v as string;
    case 'datetime': return formatDateTime(v as number);
    case 'timespan': return formatTimespan(v as number);
    case 'bool': return v ? 'true' : 'false';
    case 'dynamic': return dynamicToString(v);
    default: return numberToString(v as number);
  }
}

/** `tolong()`/`toint()`: numbers truncate toward zero, numeric strings parse, anything else is null. */
export function toLong(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const t = v.trim();
    if (t === '') return null;
    const n = Number(t);
    return Number.isFinite(n) ? Math.trunc(n) : null;
  }
  return null;
}

/** `todouble()`/`toreal()`. */
export function toReal(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const t = v.trim();
    if (/^[+-]?nan$/i.test(t)) return NaN;
    if (/^\+?inf(inity)?$/i.test(t)) return Infinity;
    if (/^-inf(inity)?$/i.test(t)) return -Infinity;
    if (t === '') return null;
    const n = Number(t);
    return Number.isNaN(n) ? null : n;
  }
  return null;
}

/** `tobool()`: "true"/"false" in any case, non-zero numbers are true; anything else is null. */
export function toBool(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isNaN(v) ? null : v !== 0;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    return t === 'true' ? true : t === 'false' ? false : null;
  }
  return null;
}

/** `todatetime()` of a value of the given type. */
export function toDateTimeOf(v: unknown, type: KType): number | null {
  if (v === null || v === undefined) return null;
  if (type === 'datetime') return v as number;
  if (typeof v === 'string') return parseDateTime(v);
  return null;
}

/** `totimespan()` of a value of the given type. */
export function toTimespanOf(v: unknown, type: KType): number | null {
  if (v === null || v === undefined) return null;
  if (type === 'timespan') return v as number;
  if (typeof v === 'string') return parseTimespan(v) ?? null;
  return null;
}

/**
 * A result value as JSON: datetimes as 7-digit ISO strings, timespans as `[d.]hh:mm:ss[.fffffff]`, and the reals
 * JSON cannot hold as the strings Kusto's JSON uses ("NaN", "Infinity", "-Infinity").
 */
export function outputValue(v: unknown, type: KType): unknown {
  if (v === undefined || v === null) return type === 'string' ? '' : null;
  switch (type) {
    case 'datetime': {
      const t = readDateTime(v);
      return t === null ? null : formatDateTime(t);
    }
    case 'timespan': {
      const t = readTimespan(v);
      return t === null ? null : formatTimespan(t);
    }
    case 'dynamic': return isBag(v) || Array.isArray(v) ? structuredClone(v) : v;
    case 'real':
    case 'decimal': return Number.isFinite(v) ? v : numberToString(v as number);
    default: return v;
  }
}
