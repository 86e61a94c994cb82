/**
 * The small part of ARM's template expression language that rule templates use for values the importer needs:
 * `parameters('x')` (its default), `variables('x')` with property access, `concat`, `format`, `toLower`,
 * `toUpper`, `string`, string and number literals. Anything else (`resourceGroup()`, `guid()`, a parameter
 * without a default) is unresolved: a strict evaluation fails, a lenient one writes `«…»` in its place, which is
 * enough to find the GUID at the end of a resource name.
 * https://learn.microsoft.com/azure/azure-resource-manager/templates/template-expressions
 */

/** The parameters and variables an expression may refer to. */
export interface ExpressionScope {
  parameters?: Record<string, unknown>;
  variables?: Record<string, unknown>;
}

/** Thrown by a strict evaluation that meets something it cannot resolve. */
export class UnresolvedExpression extends Error {}

/** True when a JSON string is an expression: `[…]` but not the `[[…]` escape of a literal. */
export function isExpression(value: string): boolean {
  return value.startsWith('[') && value.endsWith(']') && !value.startsWith('[[');
}

/** A template string value as deployed: `[[x]` is the literal `[x]`, an expression is evaluated. */
export function resolveString(value: string, scope: ExpressionScope, lenient = false): unknown {
  if (value.startsWith('[[')) return value.slice(1);
  if (!isExpression(value)) return value;
  return new Evaluator(value.slice(1, -1), scope, lenient).run();
}

/** Every string in `value`, resolved (deep); throws UnresolvedExpression for an expression it cannot evaluate. */
export function resolveDeep(value: unknown, scope: ExpressionScope): unknown {
  if (typeof value === 'string') return resolveString(value, scope);
  if (Array.isArray(value)) return value.map((v) => resolveDeep(v, scope));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveDeep(v, scope)]));
  return value;
}

type Token = { kind: 'string' | 'number' | 'name' | 'punct'; text: string };

class Evaluator {
  private readonly tokens: Token[];
  private at = 0;
  private depth = 0;

  constructor(private readonly source: string, private readonly scope: ExpressionScope, private readonly lenient: boolean) {
    this.tokens = tokenize(source);
  }

  run(): unknown {
    const value = this.expression();
    if (this.at !== this.tokens.length) this.fail(`unexpected '${this.tokens[this.at].text}'`);
    // Objects are resolved member by member as they are accessed; one that is the result is resolved whole.
    return typeof value === 'object' && value !== null && !this.lenient ? resolveDeep(value, this.scope) : value;
  }

  private expression(): unknown {
    const token = this.next();
    let value: unknown;
    if (token.kind === 'string') value = token.text;
    else if (token.kind === 'number') value = Number(token.text);
    else if (token.kind === 'name') value = this.call(token.text);
    else this.fail(`unexpected '${token.text}'`);
    for (;;) {
      const peek = this.tokens[this.at];
      if (peek?.text === '.') {
        this.at++;
        const name = this.next();
        if (name.kind !== 'name') this.fail('expected a property name after "."');
        value = this.member(value, name.text);
      } else if (peek?.text === '[') {
        this.at++;
        const key = this.expression();
        this.expect(']');
        value = this.member(value, key);
      } else return value;
    }
  }

  private call(name: string): unknown {
    this.expect('(');
    const args: unknown[] = [];
    if (this.tokens[this.at]?.text !== ')') {
      for (;;) {
        args.push(this.expression());
        if (this.tokens[this.at]?.text === ',') this.at++;
        else break;
      }
    }
    this.expect(')');
    switch (name.toLowerCase()) {
      case 'parameters': {
        const spec = this.scope.parameters?.[String(args[0])] as { defaultValue?: unknown } | undefined;
        if (spec?.defaultValue === undefined) return this.unresolved(`parameters('${args[0]}') has no default value`, String(args[0]));
        return this.nested(spec.defaultValue);
      }
      case 'variables': {
        const variables = this.scope.variables ?? {};
        if (!(String(args[0]) in variables)) return this.unresolved(`variables('${args[0]}') is not defined`, String(args[0]));
        return this.nested(variables[String(args[0])]);
      }
      case 'concat':
        return args.every(Array.isArray) && args.length > 0 ? (args as unknown[][]).flat() : args.map(text).join('');
      case 'format':
        return text(args[0]).replace(/\{(\d+)(?::[^}]*)?\}/g, (_, i: string) => text(args[Number(i) + 1]));
      case 'tolower':
        return text(args[0]).toLowerCase();
      case 'toupper':
        return text(args[0]).toUpperCase();
      case 'string':
        return typeof args[0] === 'string' ? args[0] : JSON.stringify(args[0]);
      default:
        return this.unresolved(`${name}() is evaluated only at deployment`, `${name}()`);
    }
  }

  /** A parameter default or variable may itself hold expressions. */
  private nested(value: unknown): unknown {
    if (++this.depth > 32) this.fail('expressions nest too deeply');
    try {
      return typeof value === 'string' ? resolveString(value, this.scope, this.lenient) : value;
    } finally {
      this.depth--;
    }
  }

  private member(value: unknown, key: unknown): unknown {
    if (value && typeof value === 'object' && String(key) in value) return this.nested((value as Record<string, unknown>)[String(key)]);
    return this.unresolved(`no property '${String(key)}'`, String(key));
  }

  private unresolved(why: string, placeholder: string): string {
    if (!this.lenient) throw new UnresolvedExpression(`[${this.source}]: ${why}`);
    return `«${placeholder}»`;
  }

  private next(): Token {
    const token = this.tokens[this.at++];
    if (!token) this.fail('the expression ends early');
    return token;
  }

  private expect(text: string): void {
    if (this.next().text !== text) this.fail(`expected '${text}'`);
  }

  private fail(why: string): never {
    throw new UnresolvedExpression(`[${this.source}]: ${why}`);
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (/\s/.test(ch)) i++;
    else if (ch === "'") {
      // A quote inside a literal is written twice.
      let value = '';
      i++;
      for (;;) {
        if (i >= source.length) throw new UnresolvedExpression(`[${source}]: unterminated string`);
        if (source[i] === "'" && source[i + 1] === "'") { value += "'"; i += 2; }
        else if (source[i] === "'") { i++; break; }
        else value += source[i++];
      }
      tokens.push({ kind: 'string', text: value });
    } else if (/[0-9-]/.test(ch)) {
      const match = /^-?\d+(\.\d+)?/.exec(source.slice(i));
      if (!match) throw new UnresolvedExpression(`[${source}]: unexpected '${ch}'`);
      tokens.push({ kind: 'number', text: match[0] });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const match = /^[A-Za-z_][\w]*/.exec(source.slice(i))!;
      tokens.push({ kind: 'name', text: match[0] });
      i += match[0].length;
    } else if ('().,[]'.includes(ch)) {
      tokens.push({ kind: 'punct', text: ch });
      i++;
    } else throw new UnresolvedExpression(`[${source}]: unexpected '${ch}'`);
  }
  return tokens;
}
