/**
 * What authors import: `defineDetection()` (a typed identity, as unbuild's `definePreset`), the `kql` tag for
 * raw queries and `template()` for structured filters.
 */
import type { Detection, KqlQuery, TemplateQuery } from './detection.ts';
import type { QueryTemplateColumns, QueryTemplateParams } from './query-templates.ts';
import { kqlLiteral } from '../render/escape.ts';

/** Marks an object as a detection definition; the loader picks up every export carrying the mark. */
export const DETECTION_MARK: unique symbol = Symbol.for('sentinel-forge.detection');

export type DefinedDetection<D extends Detection = Detection> = D & { readonly [DETECTION_MARK]: true };

/**
 * Declare a detection. Returns the definition unchanged (marked), so the editor checks it against the model;
 * with a structured filter, mapped and detailed columns are checked against the columns the filter returns.
 */
export function defineDetection<C extends string = string>(detection: Detection<C>): DefinedDetection {
  return Object.defineProperty({ ...detection }, DETECTION_MARK, { value: true, enumerable: false }) as DefinedDetection;
}

export function isDefinedDetection(value: unknown): value is DefinedDetection {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[DETECTION_MARK] === true;
}

/** A value interpolated into a `kql` query: strings become escaped literals, arrays `dynamic([...])`. */
export type KqlValue = string | number | boolean | readonly (string | number | boolean)[] | KqlRaw;

/** Text spliced into a query as it is: for identifiers and fragments the author vouches for. */
export interface KqlRaw {
  readonly kqlRaw: string;
}

/** Splice trusted KQL text (a column name, an operator fragment) into a `kql` query without quoting. */
export function raw(text: string): KqlRaw {
  return { kqlRaw: text };
}

/**
 * Tagged template for raw KQL. Interpolated values are escaped into KQL literals, so
 * kql`... | where OperationName =~ ${name}` is safe whatever `name` holds.
 */
export function kql(strings: TemplateStringsArray, ...values: KqlValue[]): KqlQuery {
  // Where each literal part of the template starts in the text, so an error in the query can be traced back
  // to a line and column in the .ts file.
  const segments = [{ start: 0, length: strings[0].length }];
  let text = strings[0];
  values.forEach((value, i) => {
    text += kqlLiteral(value);
    segments.push({ start: text.length, length: strings[i + 1].length });
    text += strings[i + 1];
  });
  return { kind: 'kql', text, segments };
}

/** A structured filter rendered by `templates/query/<name>.hbs`; its type carries the columns it returns. */
export function template<T extends keyof QueryTemplateParams, const P extends QueryTemplateParams[T]>(name: T, params: P): TemplateQuery<QueryTemplateColumns<T, P>> {
  return { kind: 'template', template: name, params } as TemplateQuery<QueryTemplateColumns<T, P>>;
}
