/**
 * @internal Token scanning and strict number parsing shared by the readers. Tokens are recorded as [start, end)
 * offsets into the line in a reusable buffer, so scanning a line allocates nothing; a token's text is sliced
 * only when it is needed (a label, an error message, a float for `Number`).
 */

/** A reusable list of token spans of one line. Owned by one parser; never shared between parsers. */
export interface TokenSpans {
  count: number;
  starts: Int32Array;
  ends: Int32Array;
}

export function createTokenSpans(capacity = 16): TokenSpans {
  return { count: 0, starts: new Int32Array(capacity), ends: new Int32Array(capacity) };
}

function grow(spans: TokenSpans): void {
  const starts = new Int32Array(spans.starts.length * 2);
  const ends = new Int32Array(spans.ends.length * 2);
  starts.set(spans.starts);
  ends.set(spans.ends);
  spans.starts = starts;
  spans.ends = ends;
}

/** Space, tab, CR, vertical tab, form feed. */
export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 11 || c === 12;
}

/**
 * Splits `line` into tokens separated by runs of whitespace (and of commas when `commas`), stopping at a token
 * that starts with `comment` (a char code, or -1 for none). Returns the token count (also in `spans.count`).
 */
export function scanTokens(line: string, spans: TokenSpans, commas: boolean, comment: number): number {
  let count = 0;
  const n = line.length;
  let i = 0;
  while (i < n) {
    let c = line.charCodeAt(i);
    if (isSpace(c) || (commas && c === 44)) {
      i++;
      continue;
    }
    if (c === comment) break;
    const start = i;
    while (i < n) {
      c = line.charCodeAt(i);
      if (isSpace(c) || (commas && c === 44)) break;
      i++;
    }
    if (count === spans.starts.length) grow(spans);
    spans.starts[count] = start;
    spans.ends[count] = i;
    count++;
  }
  spans.count = count;
  return count;
}

/** Index of the first non-whitespace character of `line`, or -1 for a blank line. */
export function firstNonSpace(line: string): number {
  for (let i = 0; i < line.length; i++) if (!isSpace(line.charCodeAt(i))) return i;
  return -1;
}

/**
 * Parses `[+-]?[0-9]+` in line[start, end) without allocating. Returns NaN when the token is not an integer
 * literal; a value beyond 2^53 is returned inexact (callers range-check it).
 */
export function parseIntegerToken(line: string, start: number, end: number): number {
  let i = start;
  let sign = 1;
  const c0 = line.charCodeAt(i);
  if (c0 === 43 || c0 === 45) {
    if (c0 === 45) sign = -1;
    i++;
  }
  if (i >= end) return NaN;
  let value = 0;
  for (; i < end; i++) {
    const d = line.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    value = value * 10 + d;
  }
  return sign * value;
}

/**
 * Parses a decimal float literal `[+-]?(digits[.digits]|.digits)([eE][+-]?digits)?` in line[start, end).
 * Returns NaN when the token is not such a literal (so `nan`, `inf`, `0x10`, `1_0` are rejected) and
 * ±Infinity when it overflows (e.g. `1e400`); callers report both.
 */
export function parseFloatToken(line: string, start: number, end: number): number {
  let i = start;
  let c = line.charCodeAt(i);
  if (c === 43 || c === 45) {
    i++;
    c = line.charCodeAt(i);
  }
  let digits = 0;
  while (i < end && (c = line.charCodeAt(i)) >= 48 && c <= 57) {
    i++;
    digits++;
  }
  if (i < end && line.charCodeAt(i) === 46) {
    i++;
    while (i < end && (c = line.charCodeAt(i)) >= 48 && c <= 57) {
      i++;
      digits++;
    }
  }
  if (digits === 0) return NaN;
  if (i < end) {
    c = line.charCodeAt(i);
    if (c !== 101 && c !== 69) return NaN;
    i++;
    c = line.charCodeAt(i);
    if (i < end && (c === 43 || c === 45)) i++;
    let expDigits = 0;
    while (i < end && (c = line.charCodeAt(i)) >= 48 && c <= 57) {
      i++;
      expDigits++;
    }
    if (expDigits === 0 || i < end) return NaN;
  }
  return Number(line.slice(start, end));
}

/** A token for an error message: quoted, shortened when long. */
export function quoteToken(line: string, start: number, end: number): string {
  const text = end - start > 40 ? `${line.slice(start, start + 37)}...` : line.slice(start, end);
  return JSON.stringify(text);
}

/** Writes a finite double so that `Number(text)` gives it back exactly (including -0). */
export function formatNumber(x: number): string {
  return Object.is(x, -0) ? '-0' : String(x);
}

/** A growable Int32 buffer (for arrays whose final length is not known while streaming). */
export interface IntBuffer {
  data: Int32Array;
  length: number;
}

export function createIntBuffer(capacity = 1024): IntBuffer {
  return { data: new Int32Array(Math.max(16, capacity)), length: 0 };
}

export function pushInt(buffer: IntBuffer, value: number): void {
  if (buffer.length === buffer.data.length) {
    const next = new Int32Array(buffer.data.length * 2);
    next.set(buffer.data);
    buffer.data = next;
  }
  buffer.data[buffer.length++] = value;
}

/** A growable Float64 buffer. */
export interface FloatBuffer {
  data: Float64Array;
  length: number;
}

export function createFloatBuffer(capacity = 1024): FloatBuffer {
  return { data: new Float64Array(Math.max(16, capacity)), length: 0 };
}

export function pushFloat(buffer: FloatBuffer, value: number): void {
  if (buffer.length === buffer.data.length) {
    const next = new Float64Array(buffer.data.length * 2);
    next.set(buffer.data);
    buffer.data = next;
  }
  buffer.data[buffer.length++] = value;
}

/** Largest count of anything preallocated from a number declared in a file (a lie in the file must not exhaust memory). */
export const MAX_PREALLOCATE = 1 << 20;

/** Largest node id that fits the Int32 CSR arrays (buildGraph's limit on `order` is 2^31 − 2). */
export const MAX_INT32_ORDER = 0x7fffffff - 1;

/** Default ceiling on the number of nodes a reader creates from integer ids (each id costs memory up front). */
export const DEFAULT_MAX_ORDER = 1 << 24;

/** Copies the defined fields only, so `{ order: undefined }` keeps the default. */
export function stripUndefined<T extends object>(value: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] !== undefined) out[key] = value[key];
  return out;
}
