/**
 * The escaping helpers every value passes through on its way into KQL, ARM JSON or YAML. Nothing is spliced
 * into an artefact raw: templates call these, and tests feed them hostile strings and parse the result back.
 */

/**
 * A KQL string literal. Kusto's double-quoted literals take backslash escapes for `\\`, `"`, newline, tab and
 * carriage return (https://learn.microsoft.com/kusto/query/scalar-data-types/string); other characters are
 * taken as they are, so unicode text survives unchanged.
 */
export function kqlString(value: string): string {
  let out = '"';
  for (const ch of value) {
    switch (ch) {
      case '\\': out += '\\\\'; break;
      case '"': out += '\\"'; break;
      case '\n': out += '\\n'; break;
      case '\r': out += '\\r'; break;
      case '\t': out += '\\t'; break;
      default: out += ch;
    }
  }
  return out + '"';
}

/** A column or table name: as it is when it is a plain identifier, else bracket-quoted (`['odd name']`). */
export function kqlName(name: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return name;
  return `['${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

/** A scalar as a KQL literal: strings quoted, finite numbers and booleans as written. */
export function kqlScalar(value: string | number | boolean): string {
  if (typeof value === 'string') return kqlString(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as a KQL literal`);
    return Number.isInteger(value) ? String(value) : `real(${value})`;
  }
  return value ? 'true' : 'false';
}

/** A list as the parenthesised operand of `in` / `in~` / `has_any`: `("a", "b")`. */
export function kqlList(values: readonly (string | number | boolean)[]): string {
  return `(${values.map(kqlScalar).join(', ')})`;
}

/** A list as a `dynamic([...])` literal, for `let` statements. */
export function kqlDynamicArray(values: readonly (string | number | boolean)[]): string {
  return `dynamic([${values.map(kqlScalar).join(', ')}])`;
}

/** Any value a `kql` tag may interpolate. Arrays become `dynamic([...])`; `{ kqlRaw }` passes as written. */
export function kqlLiteral(value: string | number | boolean | readonly (string | number | boolean)[] | { readonly kqlRaw: string }): string {
  if (Array.isArray(value)) return kqlDynamicArray(value);
  if (typeof value === 'object' && value !== null && 'kqlRaw' in value) return value.kqlRaw;
  return kqlScalar(value as string | number | boolean);
}

/**
 * An ARM template string value. ARM evaluates a string that starts with `[` and ends with `]` as an
 * expression; a literal one is written with `[[` (template-expressions.md, "Escape characters").
 */
export function armLiteral(value: string): string {
  return value.startsWith('[') && value.endsWith(']') ? '[' + value : value;
}

/** Deep copy with every string escaped by `armLiteral`, except values wrapped by `armExpression`. */
export function armEscapeDeep(value: unknown): unknown {
  if (value instanceof ArmExpression) return value.text;
  if (typeof value === 'string') return armLiteral(value);
  if (Array.isArray(value)) return value.map(armEscapeDeep);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, armEscapeDeep(v)]));
  }
  return value;
}

/** An ARM expression the generator means to write (`[parameters('workspace')]`); never escaped. */
export class ArmExpression {
  constructor(readonly text: string) {
    if (!(text.startsWith('[') && text.endsWith(']'))) throw new Error(`not an ARM expression: ${text}`);
  }
  toJSON(): string {
    return this.text;
  }
}

export function armExpression(text: string): ArmExpression {
  return new ArmExpression(text);
}
