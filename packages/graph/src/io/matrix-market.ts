/**
 * MatrixMarket exchange format (Boisvert, Pozo & Remington, "The Matrix Market Exchange Formats: Initial Design",
 * NISTIR 5935, 1996): a `%%MatrixMarket matrix <format> <field> <symmetry>` banner, `%` comments, a size line, then
 * one entry per line with 1-based indices. Read as stored (no symmetric expansion); `matrixMarketToGraph` turns the
 * pattern into a graph. Supported: `coordinate` and `array` formats; `real` (also spelled `double`), `integer`,
 * `pattern` fields; `general`, `symmetric`, `skew-symmetric` symmetry. `complex` and `hermitian` are ParseErrors.
 */
import { buildGraph, type DuplicateEdgePolicy } from '../core/build-graph.js';
import type { Graph } from '../core/graph.js';
import { InvalidArgumentError } from '../errors/errors.js';
import { checkBoolean, checkInteger, checkOneOf, checkOptions, type CheckSite } from '../errors/validate.js';
import {
  checkPath,
  consumeFile,
  consumeText,
  createParseContext,
  type EndPosition,
  type LineConsumer,
  type ParseContext,
} from './line-source.js';
import {
  createFloatBuffer,
  createIntBuffer,
  createTokenSpans,
  DEFAULT_MAX_ORDER,
  firstNonSpace,
  formatNumber,
  MAX_INT32_ORDER,
  MAX_PREALLOCATE,
  parseFloatToken,
  parseIntegerToken,
  pushFloat,
  pushInt,
  quoteToken,
  scanTokens,
  stripUndefined,
} from './tokens.js';

export type MatrixMarketField = 'real' | 'integer' | 'pattern';
export type MatrixMarketSymmetry = 'general' | 'symmetric' | 'skew-symmetric';
export type MatrixMarketFormat = 'coordinate' | 'array';

/** A MatrixMarket matrix exactly as stored in the file: one record per stored entry, 0-based indices. */
export interface MatrixMarketMatrix {
  /** `coordinate` (sparse: i j [value] per entry) or `array` (dense, column-major values). */
  readonly format: MatrixMarketFormat;
  readonly rows: number;
  readonly cols: number;
  readonly field: MatrixMarketField;
  /** Symmetric and skew-symmetric files store only the lower triangle (skew: without the diagonal). */
  readonly symmetry: MatrixMarketSymmetry;
  /** Number of stored entries (for `array`, every stored value, zeros included). */
  readonly entries: number;
  /** 0-based row of each stored entry. */
  readonly rowIndices: Int32Array;
  /** 0-based column of each stored entry. */
  readonly colIndices: Int32Array;
  /** Value of each stored entry; undefined for the `pattern` field. */
  readonly values: Float64Array | undefined;
  /** Comment lines, without their leading `%`. */
  readonly comments: readonly string[];
}

export interface ParseMatrixMarketOptions {
  /** Name of the source shown in ParseError messages. @default '<string>' */
  file?: string;
}

const ARRAY_VALUES_LIMIT = 0x7fffffff;

function createMatrixMarketConsumer(ctx: ParseContext): LineConsumer<MatrixMarketMatrix> {
  const spans = createTokenSpans();
  const comments: string[] = [];
  let stage: 'banner' | 'size' | 'entries' = 'banner';
  let format: MatrixMarketFormat = 'coordinate';
  let field: MatrixMarketField = 'real';
  let symmetry: MatrixMarketSymmetry = 'general';
  let rows = 0;
  let cols = 0;
  let declared = 0;
  let rowIdx = createIntBuffer(16);
  let colIdx = createIntBuffer(16);
  let vals = createFloatBuffer(16);
  let count = 0;
  // Next (row, column) of the array format's column-major walk.
  let arrayRow = 0;
  let arrayCol = 0;

  const token = (line: string, k: number): string => line.slice(spans.starts[k] as number, spans.ends[k] as number);
  const col = (k: number): number => (spans.starts[k] as number) + 1;
  const quoted = (line: string, k: number): string => quoteToken(line, spans.starts[k] as number, spans.ends[k] as number);

  const readValue = (line: string, lineNumber: number, k: number): number => {
    const s = spans.starts[k] as number;
    const e = spans.ends[k] as number;
    if (field === 'integer') {
      const v = parseIntegerToken(line, s, e);
      if (!Number.isSafeInteger(v)) {
        ctx.fail(lineNumber, s + 1, "an integer value (the field is 'integer')", quoteToken(line, s, e));
      }
      return v;
    }
    const v = parseFloatToken(line, s, e);
    if (!Number.isFinite(v)) {
      ctx.fail(lineNumber, s + 1, Number.isNaN(v) ? 'a real number' : 'a finite real number (the value overflows a double)', quoteToken(line, s, e));
    }
    return v;
  };

  const readBanner = (line: string, lineNumber: number): void => {
    const n = scanTokens(line, spans, false, -1);
    if (n === 0 || token(line, 0) !== '%%MatrixMarket') {
      ctx.fail(lineNumber, n === 0 ? 1 : col(0), "the banner '%%MatrixMarket matrix <format> <field> <symmetry>'", n === 0 ? 'an empty line' : quoted(line, 0));
    }
    if (n < 5) ctx.fail(lineNumber, line.length + 1, 'the banner fields: matrix <format> <field> <symmetry>', 'end of line');
    if (n > 5) ctx.fail(lineNumber, col(5), 'end of the banner line', quoted(line, 5));
    const object = token(line, 1).toLowerCase();
    if (object !== 'matrix') ctx.fail(lineNumber, col(1), "'matrix' (vector objects are unsupported)", quoted(line, 1));
    const fmt = token(line, 2).toLowerCase();
    if (fmt !== 'coordinate' && fmt !== 'array') ctx.fail(lineNumber, col(2), "'coordinate' or 'array'", quoted(line, 2));
    format = fmt;
    const fld = token(line, 3).toLowerCase();
    if (fld === 'complex') ctx.fail(lineNumber, col(3), "a 'real', 'integer' or 'pattern' field (complex matrices are unsupported)", quoted(line, 3));
    if (fld !== 'real' && fld !== 'double' && fld !== 'integer' && fld !== 'pattern') {
      ctx.fail(lineNumber, col(3), "'real', 'integer' or 'pattern'", quoted(line, 3));
    }
    field = fld === 'double' ? 'real' : fld;
    if (field === 'pattern' && format === 'array') ctx.fail(lineNumber, col(3), "'real' or 'integer' (the array format has no pattern field)", quoted(line, 3));
    const sym = token(line, 4).toLowerCase();
    if (sym === 'hermitian') ctx.fail(lineNumber, col(4), "'general', 'symmetric' or 'skew-symmetric' (hermitian matrices are unsupported)", quoted(line, 4));
    if (sym !== 'general' && sym !== 'symmetric' && sym !== 'skew-symmetric') {
      ctx.fail(lineNumber, col(4), "'general', 'symmetric' or 'skew-symmetric'", quoted(line, 4));
    }
    symmetry = sym;
    stage = 'size';
  };

  const sizeValue = (line: string, lineNumber: number, k: number, what: string, max: number): number => {
    const v = parseIntegerToken(line, spans.starts[k] as number, spans.ends[k] as number);
    if (!(Number.isSafeInteger(v) && v >= 0 && v <= max)) ctx.fail(lineNumber, col(k), `${what} (an integer in [0, ${max}])`, quoted(line, k));
    return v;
  };

  const readSize = (line: string, lineNumber: number): void => {
    const want = format === 'coordinate' ? 3 : 2;
    const n = scanTokens(line, spans, false, -1);
    const what = format === 'coordinate' ? 'the size line: rows cols entries' : 'the size line: rows cols';
    if (n < want) ctx.fail(lineNumber, line.length + 1, what, 'end of line');
    if (n > want) ctx.fail(lineNumber, col(want), `end of ${what}`, quoted(line, want));
    rows = sizeValue(line, lineNumber, 0, 'the number of rows', 0x7fffffff);
    cols = sizeValue(line, lineNumber, 1, 'the number of columns', 0x7fffffff);
    if (symmetry !== 'general' && rows !== cols) {
      ctx.fail(lineNumber, col(1), `${rows} columns (a ${symmetry} matrix is square)`, quoted(line, 1));
    }
    if (format === 'coordinate') {
      declared = sizeValue(line, lineNumber, 2, 'the number of entries', Number.MAX_SAFE_INTEGER);
    } else {
      const stored =
        symmetry === 'general' ? rows * cols : symmetry === 'symmetric' ? (rows * (rows + 1)) / 2 : (rows * (rows - 1)) / 2;
      if (stored > ARRAY_VALUES_LIMIT) ctx.fail(lineNumber, 1, `an array of at most ${ARRAY_VALUES_LIMIT} stored values`, `${stored}`);
      declared = stored;
      arrayCol = 0;
      arrayRow = symmetry === 'skew-symmetric' ? 1 : 0;
    }
    const capacity = Math.min(declared, MAX_PREALLOCATE);
    rowIdx = createIntBuffer(capacity);
    colIdx = createIntBuffer(capacity);
    if (field !== 'pattern') vals = createFloatBuffer(capacity);
    stage = 'entries';
  };

  const tooMany = (lineNumber: number, column: number): never =>
    ctx.fail(lineNumber, column, `end of file (the size line declares ${declared} entries)`, `entry ${declared + 1}`);

  const readCoordinate = (line: string, lineNumber: number): void => {
    const n = scanTokens(line, spans, false, -1);
    if (count === declared) tooMany(lineNumber, col(0));
    const want = field === 'pattern' ? 2 : 3;
    if (n < want) {
      ctx.fail(lineNumber, line.length + 1, n < 2 ? 'a column index' : `a value (the field is '${field}')`, 'end of line');
    }
    if (n > want) ctx.fail(lineNumber, col(want), field === 'pattern' ? "end of line (a 'pattern' entry is: row column)" : 'end of line (row column value)', quoted(line, want));
    const i = parseIntegerToken(line, spans.starts[0] as number, spans.ends[0] as number);
    if (!(Number.isInteger(i) && i >= 1 && i <= rows)) ctx.fail(lineNumber, col(0), `a row index in [1, ${rows}]`, quoted(line, 0));
    const j = parseIntegerToken(line, spans.starts[1] as number, spans.ends[1] as number);
    if (!(Number.isInteger(j) && j >= 1 && j <= cols)) ctx.fail(lineNumber, col(1), `a column index in [1, ${cols}]`, quoted(line, 1));
    if (symmetry === 'skew-symmetric' && i === j) {
      ctx.fail(lineNumber, col(0), 'an off-diagonal entry (a skew-symmetric matrix has a zero diagonal)', `${i} ${j}`);
    }
    if (field !== 'pattern') pushFloat(vals, readValue(line, lineNumber, 2));
    pushInt(rowIdx, i - 1);
    pushInt(colIdx, j - 1);
    count++;
  };

  const readArrayValue = (line: string, lineNumber: number): void => {
    const n = scanTokens(line, spans, false, -1);
    if (count === declared) tooMany(lineNumber, col(0));
    if (n > 1) ctx.fail(lineNumber, col(1), 'end of line (the array format has one value per line)', quoted(line, 1));
    pushFloat(vals, readValue(line, lineNumber, 0));
    pushInt(rowIdx, arrayRow);
    pushInt(colIdx, arrayCol);
    count++;
    // Column-major walk of the stored part: all rows (general), i >= j (symmetric), i > j (skew-symmetric).
    arrayRow++;
    if (arrayRow >= rows) {
      arrayCol++;
      arrayRow = symmetry === 'general' ? 0 : symmetry === 'symmetric' ? arrayCol : arrayCol + 1;
    }
  };

  return {
    line(line: string, lineNumber: number): void {
      if (stage === 'banner') {
        readBanner(line, lineNumber);
        return;
      }
      const first = firstNonSpace(line);
      if (first < 0) return; // blank lines may appear anywhere after the banner
      if (line.charCodeAt(first) === 37) {
        comments.push(line.slice(first + 1));
        return;
      }
      if (stage === 'size') readSize(line, lineNumber);
      else if (format === 'coordinate') readCoordinate(line, lineNumber);
      else readArrayValue(line, lineNumber);
    },
    end(at: EndPosition): MatrixMarketMatrix {
      if (stage === 'banner') ctx.fail(at.line, at.column, "the banner '%%MatrixMarket matrix <format> <field> <symmetry>'", 'end of file');
      if (stage === 'size') ctx.fail(at.line, at.column, 'the size line', 'end of file');
      if (count < declared) {
        ctx.fail(at.line, at.column, `${declared - count} more entries (the size line declares ${declared}, the file has ${count})`, 'end of file');
      }
      return Object.freeze({
        format,
        rows,
        cols,
        field,
        symmetry,
        entries: count,
        rowIndices: rowIdx.data.slice(0, count),
        colIndices: colIdx.data.slice(0, count),
        values: field === 'pattern' ? undefined : vals.data.slice(0, count),
        comments: Object.freeze(comments),
      });
    },
  };
}

function resolveFile(site: CheckSite, options: unknown): string {
  const given = checkOptions<ParseMatrixMarketOptions>(site, options, ['file']);
  const file = given.file ?? '<string>';
  if (typeof file !== 'string') throw new InvalidArgumentError({ ...site, argument: 'options.file', value: file, rule: 'a string' });
  return file;
}

/**
 * Parses MatrixMarket text into the stored entries (no symmetric expansion). O(characters).
 * Reference: Boisvert, Pozo & Remington, NISTIR 5935 (1996).
 * Malformed content (bad banner or size line, wrong entry count, indices out of range, non-numbers, NaN,
 * infinite or overflowing values, non-integers in an `integer` field, missing values) throws ParseError.
 */
export function parseMatrixMarket(text: string, options?: ParseMatrixMarketOptions): MatrixMarketMatrix {
  const site = { pkg: 'graph', fn: 'parseMatrixMarket' };
  if (typeof text !== 'string') throw new InvalidArgumentError({ ...site, argument: 'text', value: text, rule: 'a string' });
  const file = resolveFile(site, options);
  return consumeText(text, createMatrixMarketConsumer(createParseContext(site, file)));
}

/** Options of `readMatrixMarket` (none yet; unknown keys are rejected so that typos do not pass silently). */
export type ReadMatrixMarketOptions = Omit<ParseMatrixMarketOptions, 'file'>;

/**
 * Streams a MatrixMarket file (64 KiB chunks, lines split incrementally) through the parser of
 * `parseMatrixMarket`; errors name `path` as the file. O(bytes). An unreadable path throws InvalidArgumentError.
 */
export async function readMatrixMarket(path: string, options?: ReadMatrixMarketOptions): Promise<MatrixMarketMatrix> {
  const site = { pkg: 'graph', fn: 'readMatrixMarket' };
  checkPath(site, path);
  checkOptions<ReadMatrixMarketOptions>(site, options, []);
  return consumeFile(site, path, createMatrixMarketConsumer(createParseContext(site, path)));
}

/** Checks a MatrixMarketMatrix supplied by a caller (O(entries)). */
function checkMatrix(site: CheckSite, matrix: unknown): MatrixMarketMatrix {
  const fail = (argument: string, value: unknown, rule: string): never => {
    throw new InvalidArgumentError({ ...site, argument, value, rule });
  };
  if (typeof matrix !== 'object' || matrix === null) fail('matrix', matrix, 'a MatrixMarket matrix object');
  const m = matrix as MatrixMarketMatrix;
  checkOneOf(site, 'matrix.format', m.format, ['coordinate', 'array']);
  checkOneOf(site, 'matrix.field', m.field, ['real', 'integer', 'pattern']);
  checkOneOf(site, 'matrix.symmetry', m.symmetry, ['general', 'symmetric', 'skew-symmetric']);
  checkInteger(site, 'matrix.rows', m.rows, { min: 0, max: 0x7fffffff });
  checkInteger(site, 'matrix.cols', m.cols, { min: 0, max: 0x7fffffff });
  checkInteger(site, 'matrix.entries', m.entries, { min: 0 });
  if (!(m.rowIndices instanceof Int32Array) || m.rowIndices.length !== m.entries) {
    fail('matrix.rowIndices', m.rowIndices, `an Int32Array of ${m.entries} row indices`);
  }
  if (!(m.colIndices instanceof Int32Array) || m.colIndices.length !== m.entries) {
    fail('matrix.colIndices', m.colIndices, `an Int32Array of ${m.entries} column indices`);
  }
  if (m.field === 'pattern') {
    if (m.values !== undefined) fail('matrix.values', m.values, "undefined for the 'pattern' field");
    if (m.format === 'array') fail('matrix.field', m.field, "'real' or 'integer' for the array format");
  } else if (!(m.values instanceof Float64Array) || m.values.length !== m.entries) {
    fail('matrix.values', m.values, `a Float64Array of ${m.entries} values`);
  }
  if (!Array.isArray(m.comments)) fail('matrix.comments', m.comments, 'an array of strings');
  if (m.symmetry !== 'general' && m.rows !== m.cols) fail('matrix.cols', m.cols, `${m.rows} (a ${m.symmetry} matrix is square)`);
  for (let k = 0; k < m.entries; k++) {
    const i = m.rowIndices[k] as number;
    const j = m.colIndices[k] as number;
    if (!(i >= 0 && i < m.rows)) fail(`matrix.rowIndices[${k}]`, i, `a row index in [0, ${m.rows})`);
    if (!(j >= 0 && j < m.cols)) fail(`matrix.colIndices[${k}]`, j, `a column index in [0, ${m.cols})`);
    if (m.values !== undefined) {
      const v = m.values[k] as number;
      if (!Number.isFinite(v) || (m.field === 'integer' && !Number.isSafeInteger(v))) {
        fail(`matrix.values[${k}]`, v, m.field === 'integer' ? 'a safe integer' : 'a finite number');
      }
    }
  }
  return m;
}

export interface MatrixMarketToGraphOptions {
  /**
   * Build a directed graph: each stored entry (i, j) is an arc i → j; symmetric storage also gives j → i (with
   * the negated value for skew-symmetric). Undirected: each off-diagonal entry is an edge, repeats merged.
   * @default false
   */
  directed?: boolean;
  /** Keep the stored values as edge weights (ignored for the `pattern` field). @default true */
  weighted?: boolean;
  /** Entries giving the same edge (e.g. (i, j) and (j, i) of a general matrix): keep the first, sum, or throw. @default 'first' */
  duplicates?: DuplicateEdgePolicy;
  /** Largest number of rows accepted (the graph allocates one node per row). @default 2^24 */
  maxOrder?: number;
}

export interface MatrixMarketGraphResult {
  graph: Graph;
  /** Diagonal entries dropped (the graph has no self-loops). */
  selfLoopsDropped: number;
  /** Entries merged into an earlier entry giving the same edge. */
  duplicatesDropped: number;
}

const TO_GRAPH_DEFAULTS = Object.freeze({
  directed: false,
  weighted: true,
  duplicates: 'first' as DuplicateEdgePolicy,
  maxOrder: DEFAULT_MAX_ORDER,
});

/**
 * The graph of a square matrix's sparsity pattern: node i per row, an edge i–j per stored off-diagonal entry
 * (diagonal entries dropped and counted). Coordinate entries are edges whatever their value (explicit zeros
 * included); array-format zeros are not. O(rows + entries) through `buildGraph`.
 */
export function matrixMarketToGraph(matrix: MatrixMarketMatrix, options?: MatrixMarketToGraphOptions): MatrixMarketGraphResult {
  const site = { pkg: 'graph', fn: 'matrixMarketToGraph' };
  const given = checkOptions<MatrixMarketToGraphOptions>(site, options, ['directed', 'weighted', 'duplicates', 'maxOrder']);
  const opts = { ...TO_GRAPH_DEFAULTS, ...stripUndefined(given) };
  checkBoolean(site, 'options.directed', opts.directed);
  checkBoolean(site, 'options.weighted', opts.weighted);
  checkOneOf(site, 'options.duplicates', opts.duplicates, ['first', 'sum', 'error']);
  checkInteger(site, 'options.maxOrder', opts.maxOrder, { min: 1, max: MAX_INT32_ORDER });
  const m = checkMatrix(site, matrix);
  if (m.rows !== m.cols) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'matrix',
      value: `a ${m.rows} x ${m.cols} matrix`,
      rule: 'a square matrix (rows = cols) to be read as a graph',
    });
  }
  if (m.rows > opts.maxOrder) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'matrix.rows',
      value: m.rows,
      rule: `at most options.maxOrder = ${opts.maxOrder}`,
      hint: 'Raise options.maxOrder if the graph really has this many nodes.',
    });
  }
  const mirror = opts.directed && m.symmetry !== 'general';
  const weighted = opts.weighted && m.values !== undefined;
  const sign = m.symmetry === 'skew-symmetric' ? -1 : 1;
  let diagonal = 0;
  let kept = 0;
  for (let k = 0; k < m.entries; k++) {
    if (m.format === 'array' && m.values![k] === 0) continue;
    if (m.rowIndices[k] === m.colIndices[k]) diagonal++;
    else kept++;
  }
  const total = mirror ? 2 * kept : kept;
  const src = new Int32Array(total);
  const dst = new Int32Array(total);
  const w = weighted ? new Float64Array(total) : undefined;
  let p = 0;
  for (let k = 0; k < m.entries; k++) {
    if (m.format === 'array' && m.values![k] === 0) continue;
    const i = m.rowIndices[k] as number;
    const j = m.colIndices[k] as number;
    if (i === j) continue;
    src[p] = i;
    dst[p] = j;
    if (w) w[p] = m.values![k] as number;
    p++;
    if (mirror) {
      src[p] = j;
      dst[p] = i;
      if (w) w[p] = sign * (m.values![k] as number);
      p++;
    }
  }
  const built = buildGraph(
    { order: m.rows, sources: src, targets: dst, weights: w },
    { directed: opts.directed, duplicates: opts.duplicates },
  );
  return { graph: built.graph, selfLoopsDropped: diagonal, duplicatesDropped: built.duplicatesDropped };
}

/**
 * Writes a matrix in MatrixMarket format (banner, comments, size line, entries with 1-based indices, values as the
 * shortest decimals that read back exactly), so that `parseMatrixMarket(formatMatrixMarket(m))` equals `m`.
 * An `array` matrix must list its entries in the column-major order of its stored part. O(entries).
 */
export function formatMatrixMarket(matrix: MatrixMarketMatrix): string {
  const site = { pkg: 'graph', fn: 'formatMatrixMarket' };
  const m = checkMatrix(site, matrix);
  const parts: string[] = [`%%MatrixMarket matrix ${m.format} ${m.field} ${m.symmetry}\n`];
  for (let c = 0; c < m.comments.length; c++) {
    const comment = m.comments[c];
    if (typeof comment !== 'string' || /[\n\r]/.test(comment)) {
      throw new InvalidArgumentError({ ...site, argument: `matrix.comments[${c}]`, value: comment, rule: 'a one-line string' });
    }
    parts.push(`%${comment}\n`);
  }
  if (m.format === 'coordinate') {
    parts.push(`${m.rows} ${m.cols} ${m.entries}\n`);
    for (let k = 0; k < m.entries; k++) {
      const head = `${(m.rowIndices[k] as number) + 1} ${(m.colIndices[k] as number) + 1}`;
      parts.push(m.values === undefined ? `${head}\n` : `${head} ${formatNumber(m.values[k] as number)}\n`);
    }
    return parts.join('');
  }
  parts.push(`${m.rows} ${m.cols}\n`);
  let row = m.symmetry === 'skew-symmetric' ? 1 : 0;
  let column = 0;
  const stored =
    m.symmetry === 'general' ? m.rows * m.cols : m.symmetry === 'symmetric' ? (m.rows * (m.rows + 1)) / 2 : (m.rows * (m.rows - 1)) / 2;
  if (m.entries !== stored) {
    throw new InvalidArgumentError({ ...site, argument: 'matrix.entries', value: m.entries, rule: `${stored} (every stored value of an array matrix)` });
  }
  for (let k = 0; k < m.entries; k++) {
    if (m.rowIndices[k] !== row || m.colIndices[k] !== column) {
      throw new InvalidArgumentError({
        ...site,
        argument: `matrix.rowIndices[${k}]`,
        value: m.rowIndices[k],
        rule: `${row} with column ${column} (array entries in column-major order)`,
      });
    }
    parts.push(`${formatNumber(m.values![k] as number)}\n`);
    row++;
    if (row >= m.rows) {
      column++;
      row = m.symmetry === 'general' ? 0 : m.symmetry === 'symmetric' ? column : column + 1;
    }
  }
  return parts.join('');
}
