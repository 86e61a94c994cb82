/**
 * Literal values from their tokens: numbers, booleans, datetimes, timespans, guids, typed nulls (`long(null)`),
 * strings (already unescaped by the parser) and `dynamic(...)` literals, built from their JSON syntax nodes.
 */
import { parseDateTime, parseTimespanLiteral } from './datetime.ts';
import { toDynamic } from './dynamic.ts';
import type { QuerySource } from './errors.ts';
import { elementsOf, kindOf, scalarTypeOf, type SyntaxNode } from './syntax.ts';
import type { KType } from './types.ts';

/** `long(5)` → `5`, `datetime(null)` → `null`, `5` → `5`. */
function inner(text: string): string {
  const call = /^\s*[a-z]+\s*\(\s*([\s\S]*?)\s*\)\s*$/i.exec(text);
  return (call ? call[1] : text).trim();
}

function parseNumber(text: string): number | undefined {
  const t = text.toLowerCase();
  if (t === 'nan') return NaN;
  if (t === 'inf' || t === '+inf') return Infinity;
  if (t === '-inf') return -Infinity;
  const n = /^[+-]?0x/.test(t) ? Number.parseInt(t, 16) : Number(t);
  return Number.isNaN(n) ? undefined : n;
}

/** The value of a literal expression in the engine's representation; throws SF6001 for forms it cannot read. */
export function literalValue(node: SyntaxNode, src: QuerySource): { value: unknown; type: KType } {
  const kind = kindOf(node);
  const text = (node as Kusto.Language.Syntax.LiteralExpression).Token?.Text ?? (node.toString() ?? '').trim();
  const type = scalarTypeOf(node) ?? 'dynamic';
  const body = inner(text);
  const isNull = body.toLowerCase() === 'null';
  const fail = () => src.unsupported(`literal ${text}`, node.TextStart);
  switch (kind) {
    case 'StringLiteralExpression':
      return { value: String((node as unknown as { LiteralValue: unknown }).LiteralValue ?? ''), type: 'string' };
    case 'NullLiteralExpression':
      return { value: null, type: 'dynamic' };
    case 'BooleanLiteralExpression': {
      if (isNull) return { value: null, type: 'bool' };
      const b = body.toLowerCase();
      if (b === 'true' || b === '1') return { value: true, type: 'bool' };
      if (b === 'false' || b === '0') return { value: false, type: 'bool' };
      throw fail();
    }
    case 'LongLiteralExpression':
    case 'IntLiteralExpression':
    case 'RealLiteralExpression':
    case 'DecimalLiteralExpression': {
      if (isNull) return { value: null, type };
      const n = parseNumber(body);
      if (n === undefined) throw fail();
      return { value: n, type };
    }
    case 'DateTimeLiteralExpression': {
      if (isNull) return { value: null, type: 'datetime' };
      const t = parseDateTime(body);
      if (t === null) throw fail();
      return { value: t, type: 'datetime' };
    }
    case 'TimespanLiteralExpression': {
      const t = parseTimespanLiteral(text);
      if (t === undefined) throw fail();
      return { value: t, type: 'timespan' };
    }
    case 'GuidLiteralExpression':
      return { value: isNull ? null : body.toLowerCase(), type: 'guid' };
    default:
      throw fail();
  }
}

/** The JSON value of a `dynamic(...)` literal. */
export function dynamicLiteral(node: Kusto.Language.Syntax.DynamicExpression, src: QuerySource): unknown {
  return jsonValue(node.Expression!, src);
}

function jsonValue(node: SyntaxNode, src: QuerySource): unknown {
  switch (kindOf(node)) {
    case 'JsonArrayExpression':
      return elementsOf((node as Kusto.Language.Syntax.JsonArrayExpression).Values).map((v) => jsonValue(v, src));
    case 'JsonObjectExpression': {
      const bag: Record<string, unknown> = {};
      for (const pair of elementsOf<Kusto.Language.Syntax.JsonPair>((node as Kusto.Language.Syntax.JsonObjectExpression).Pairs)) {
        bag[pair.Name!.ValueText ?? ''] = jsonValue(pair.Value!, src);
      }
      return bag;
    }
    case 'UnaryMinusExpression': {
      const v = jsonValue((node as Kusto.Language.Syntax.PrefixUnaryExpression).Expression!, src);
      if (typeof v !== 'number') throw src.unsupported(`dynamic literal element ${(node.toString() ?? '').trim()}`, node.TextStart);
      return -v;
    }
    case 'UnaryPlusExpression':
      return jsonValue((node as Kusto.Language.Syntax.PrefixUnaryExpression).Expression!, src);
    case 'DynamicExpression':
      return dynamicLiteral(node as Kusto.Language.Syntax.DynamicExpression, src);
    default: {
      const { value, type } = literalValue(node, src);
      return toDynamic(value, type);
    }
  }
}
