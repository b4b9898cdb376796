/**
 * The isinglab error hierarchy, shared by every package.
 *
 * `instanceof` fails when two copies of a package are installed side by side, so every error carries a
 * `Symbol.for('isinglab.error')` marker and a `code`; use `IsingLabError.isInstance(e)` or
 * `InvalidArgumentError.isInstance(e)` to recognise them.
 */

const ERROR_MARKER: unique symbol = Symbol.for('isinglab.error') as never;

/** Stable machine-readable codes, one per error class. */
export type IsingLabErrorCode =
  | 'ISINGLAB_ERROR'
  | 'INVALID_ARGUMENT'
  | 'PARSE_ERROR'
  | 'UNSUPPORTED_GRAPH'
  | 'CONVERGENCE_ERROR';

/** Formats a value for an error message: short, never throws, never dumps a whole array. */
export function describeValue(value: unknown): string {
  try {
    if (value === undefined) return 'undefined';
    if (value === null) return 'null';
    if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
    if (typeof value === 'bigint') return `${value}n`;
    if (typeof value === 'string') {
      const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
      return JSON.stringify(shown);
    }
    if (typeof value === 'boolean') return String(value);
    if (typeof value === 'function') return 'a function';
    if (typeof value === 'symbol') return value.toString();
    if (ArrayBuffer.isView(value)) {
      const ctor = (value as { constructor: { name: string } }).constructor.name;
      const length = (value as unknown as { length?: number }).length;
      return length === undefined ? ctor : `${ctor}(${length})`;
    }
    if (Array.isArray(value)) return `an array of length ${value.length}`;
    const name = (value as { constructor?: { name?: string } }).constructor?.name;
    return name && name !== 'Object' ? `a ${name}` : 'an object';
  } catch {
    return 'an unprintable value';
  }
}

export interface IsingLabErrorOptions {
  readonly cause?: unknown;
}

/** Base class of every error isinglab throws on purpose. */
export class IsingLabError extends Error {
  static readonly CODE: IsingLabErrorCode = 'ISINGLAB_ERROR';
  readonly code: IsingLabErrorCode;
  readonly [ERROR_MARKER] = true as const;

  constructor(message: string, options?: IsingLabErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = (new.target as typeof IsingLabError).CODE;
  }

  /**
   * True when `value` is an error of this class (or a subclass), from any installed copy of isinglab.
   * Matching is by marker symbol and code, never by `instanceof`.
   */
  static isInstance<T extends IsingLabError>(
    this: { readonly CODE: IsingLabErrorCode; readonly prototype: T },
    value: unknown,
  ): value is T {
    if (typeof value !== 'object' || value === null) return false;
    if ((value as Record<symbol, unknown>)[ERROR_MARKER] !== true) return false;
    if (this.CODE === 'ISINGLAB_ERROR') return true;
    return (value as { code?: unknown }).code === this.CODE;
  }
}

export interface InvalidArgumentErrorInit extends IsingLabErrorOptions {
  /** Package short name, e.g. `graph` (printed as `@isinglab/graph`). */
  readonly pkg: string;
  /** Public function or method that rejected the argument. */
  readonly fn: string;
  /** Name of the offending argument (dotted path for option fields, e.g. `options.seed`). */
  readonly argument: string;
  /** What the argument must be, phrased to follow "must be", e.g. `a non-negative integer`. */
  readonly rule: string;
  /** The rejected value. */
  readonly value: unknown;
  /** Optional advice on what to use instead. */
  readonly hint?: string;
}

/** An argument broke a documented rule. Message: `@isinglab/<pkg> <fn>: <argument> must be <rule> (got <value>).` */
export class InvalidArgumentError extends IsingLabError {
  static override readonly CODE: IsingLabErrorCode = 'INVALID_ARGUMENT';
  readonly argument: string;
  readonly value: unknown;

  constructor(init: InvalidArgumentErrorInit) {
    const hint = init.hint ? ` ${init.hint}` : '';
    super(
      `@isinglab/${init.pkg} ${init.fn}: ${init.argument} must be ${init.rule} (got ${describeValue(init.value)}).${hint}`,
      init,
    );
    this.argument = init.argument;
    this.value = init.value;
  }
}

export interface ParseErrorInit extends IsingLabErrorOptions {
  readonly pkg: string;
  readonly fn: string;
  /** File name (or `<string>` when parsing text in memory). */
  readonly file: string;
  /** 1-based line number; 0 when the problem is the file as a whole (e.g. empty, truncated). */
  readonly line: number;
  /** 1-based column, 0 when unknown. */
  readonly column: number;
  /** What the reader expected at that point. */
  readonly expected: string;
  /** What it found instead (a token, or a description such as `end of file`). */
  readonly found?: string;
}

/** Malformed input text. Message: `@isinglab/<pkg> <fn>: <file>:<line>:<column>: expected <expected>, found <found>.` */
export class ParseError extends IsingLabError {
  static override readonly CODE: IsingLabErrorCode = 'PARSE_ERROR';
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly expected: string;
  readonly found: string | undefined;

  constructor(init: ParseErrorInit) {
    const where = init.line > 0 ? `${init.file}:${init.line}${init.column > 0 ? `:${init.column}` : ''}` : init.file;
    const found = init.found === undefined ? '' : `, found ${init.found}`;
    super(`@isinglab/${init.pkg} ${init.fn}: ${where}: expected ${init.expected}${found}.`, init);
    this.file = init.file;
    this.line = init.line;
    this.column = init.column;
    this.expected = init.expected;
    this.found = init.found;
  }
}

export interface UnsupportedGraphErrorInit extends IsingLabErrorOptions {
  readonly pkg: string;
  readonly fn: string;
  /** Why the graph cannot be handled, phrased as a sentence fragment, e.g. `the graph is not planar`. */
  readonly reason: string;
  /** Evidence, e.g. a Kuratowski subgraph; its shape is documented by the throwing function. */
  readonly certificate?: unknown;
  readonly hint?: string;
}

/** The input is well-formed but outside what the algorithm supports; may carry a certificate. */
export class UnsupportedGraphError extends IsingLabError {
  static override readonly CODE: IsingLabErrorCode = 'UNSUPPORTED_GRAPH';
  readonly reason: string;
  readonly certificate: unknown;

  constructor(init: UnsupportedGraphErrorInit) {
    const hint = init.hint ? ` ${init.hint}` : '';
    super(`@isinglab/${init.pkg} ${init.fn}: ${init.reason}.${hint}`, init);
    this.reason = init.reason;
    this.certificate = init.certificate;
  }
}

export interface ConvergenceErrorInit extends IsingLabErrorOptions {
  readonly pkg: string;
  readonly fn: string;
  readonly iterations: number;
  readonly residual: number;
  /** What failed to converge, e.g. `belief propagation`. */
  readonly what: string;
  readonly hint?: string;
}

/** An iterative method stopped without meeting its tolerance, or a numerical quantity overflowed. */
export class ConvergenceError extends IsingLabError {
  static override readonly CODE: IsingLabErrorCode = 'CONVERGENCE_ERROR';
  readonly iterations: number;
  readonly residual: number;

  constructor(init: ConvergenceErrorInit) {
    const hint = init.hint ? ` ${init.hint}` : '';
    super(
      `@isinglab/${init.pkg} ${init.fn}: ${init.what} did not converge after ${init.iterations} iterations ` +
        `(residual ${describeValue(init.residual)}).${hint}`,
      init,
    );
    this.iterations = init.iterations;
    this.residual = init.residual;
  }
}
