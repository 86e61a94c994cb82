/**
 * The engine's one error type and the positions it carries. SF6001: the query uses something the engine does not
 * implement (raised while compiling, never as a silently wrong result); SF6002: the query itself is in error,
 * found by the analyser or while running (an invalid regex, a type Kusto would refuse to compare).
 */

export type EngineErrorCode = 'SF6001' | 'SF6002';

/** An engine failure with its code and position in the query text. */
export class EngineError extends Error {
  readonly code: EngineErrorCode;
  /** 1-based line and column in the query text. */
  readonly line: number;
  readonly column: number;
  /** 0-based character offset in the query text. */
  readonly offset: number;

  constructor(code: EngineErrorCode, message: string, position: { line: number; column: number; offset: number }) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
    this.line = position.line;
    this.column = position.column;
    this.offset = position.offset;
  }
}

/** Raises errors at positions of one query text. */
export class QuerySource {
  constructor(readonly text: string) {}

  position(offset: number): { line: number; column: number; offset: number } {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset && i < this.text.length; i++) {
      if (this.text.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    return { line, column: offset - lineStart + 1, offset };
  }

  /** SF6001 `unsupported: <what> at <line>:<col>`. */
  unsupported(what: string, offset: number): EngineError {
    const p = this.position(offset);
    return new EngineError('SF6001', `unsupported: ${what} at ${p.line}:${p.column}`, p);
  }

  /** SF6002 `<message> at <line>:<col>`. */
  queryError(message: string, offset: number): EngineError {
    const p = this.position(offset);
    return new EngineError('SF6002', `${message} at ${p.line}:${p.column}`, p);
  }
}
