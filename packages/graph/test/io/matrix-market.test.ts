import { afterAll, describe, expect, it } from '@jest/globals';
import { validateGraph, hasEdge } from '../../src/core/queries.js';
import {
  formatMatrixMarket,
  matrixMarketToGraph,
  parseMatrixMarket,
  readMatrixMarket,
  type MatrixMarketField,
  type MatrixMarketMatrix,
  type MatrixMarketSymmetry,
} from '../../src/io/index.js';
import { createRng, type Rng } from '../../src/random/rng.js';
import {
  createTempDir,
  expectInvalidArgument,
  expectInvalidArgumentAsync,
  expectParseError,
  expectSameArray,
} from './helpers.js';

const tmp = createTempDir();
afterAll(() => tmp.cleanup());

const SMALL = `%%MatrixMarket matrix coordinate real symmetric
% a comment
%second comment
4 4 5
1 1 2.5
2 1 -1
3 2 1e-3
4 4 7
4 1 0
`;

function expectSameMatrix(a: MatrixMarketMatrix, b: MatrixMarketMatrix): void {
  expect([a.format, a.rows, a.cols, a.field, a.symmetry, a.entries]).toEqual([b.format, b.rows, b.cols, b.field, b.symmetry, b.entries]);
  expectSameArray(a.rowIndices, b.rowIndices, 'rowIndices');
  expectSameArray(a.colIndices, b.colIndices, 'colIndices');
  expectSameArray(a.values, b.values, 'values');
  expect(a.comments).toEqual(b.comments);
}

describe('parseMatrixMarket', () => {
  it('reads a coordinate matrix exactly as stored, 0-based, with its comments', () => {
    const m = parseMatrixMarket(SMALL);
    expect(m.format).toBe('coordinate');
    expect([m.rows, m.cols, m.entries, m.field, m.symmetry]).toEqual([4, 4, 5, 'real', 'symmetric']);
    expect(Array.from(m.rowIndices)).toEqual([0, 1, 2, 3, 3]);
    expect(Array.from(m.colIndices)).toEqual([0, 0, 1, 3, 0]);
    expect(Array.from(m.values!)).toEqual([2.5, -1, 1e-3, 7, 0]);
    expect(m.comments).toEqual([' a comment', 'second comment']);
    expect(m.rowIndices).toBeInstanceOf(Int32Array);
    expect(m.values).toBeInstanceOf(Float64Array);
  });

  it('reads pattern and integer fields, a case-insensitive banner, CRLF and blank lines', () => {
    const p = parseMatrixMarket('%%MatrixMarket MATRIX Coordinate PATTERN General\r\n\r\n2 3 2\r\n1 3\r\n\r\n2 1\r\n');
    expect(p.field).toBe('pattern');
    expect(p.values).toBeUndefined();
    expect([p.rows, p.cols]).toEqual([2, 3]);
    const i = parseMatrixMarket('%%MatrixMarket matrix coordinate integer skew-symmetric\n3 3 1\n3 1 -4\n');
    expect(Array.from(i.values!)).toEqual([-4]);
    const d = parseMatrixMarket('%%MatrixMarket matrix coordinate double general\n1 1 1\n1 1 3\n');
    expect(d.field).toBe('real');
  });

  it('reads the dense array format in column-major order of the stored part', () => {
    const g = parseMatrixMarket('%%MatrixMarket matrix array real general\n2 3\n1\n2\n3\n4\n5\n6\n');
    expect(Array.from(g.rowIndices)).toEqual([0, 1, 0, 1, 0, 1]);
    expect(Array.from(g.colIndices)).toEqual([0, 0, 1, 1, 2, 2]);
    const s = parseMatrixMarket('%%MatrixMarket matrix array real symmetric\n3 3\n1\n2\n3\n4\n5\n6\n');
    expect(Array.from(s.rowIndices)).toEqual([0, 1, 2, 1, 2, 2]);
    expect(Array.from(s.colIndices)).toEqual([0, 0, 0, 1, 1, 2]);
    const k = parseMatrixMarket('%%MatrixMarket matrix array integer skew-symmetric\n3 3\n1\n2\n3\n');
    expect(Array.from(k.rowIndices)).toEqual([1, 2, 2]);
    expect(Array.from(k.colIndices)).toEqual([0, 0, 1]);
  });

  it('reads an empty matrix', () => {
    const m = parseMatrixMarket('%%MatrixMarket matrix coordinate pattern symmetric\n0 0 0\n');
    expect(m.entries).toBe(0);
    expect(matrixMarketToGraph(m).graph.order).toBe(0);
  });
});

describe('parseMatrixMarket: malformed input', () => {
  const B = '%%MatrixMarket matrix coordinate real general\n';
  // [name, text, line, column, expected fragment]
  const cases: [string, string, number, number, RegExp][] = [
    ['empty file', '', 1, 1, /banner/],
    ['bad banner', '%MatrixMarket matrix coordinate real general\n1 1 0\n', 1, 1, /banner/],
    ['banner not on line 1', '\n%%MatrixMarket matrix coordinate real general\n', 1, 1, /banner/],
    ['short banner', '%%MatrixMarket matrix coordinate real\n', 1, 38, /banner fields/],
    ['vector object', '%%MatrixMarket vector coordinate real general\n', 1, 16, /matrix/],
    ['unknown format', '%%MatrixMarket matrix sparse real general\n', 1, 23, /coordinate/],
    ['complex field', '%%MatrixMarket matrix coordinate complex general\n', 1, 34, /unsupported/],
    ['hermitian', '%%MatrixMarket matrix coordinate real hermitian\n', 1, 39, /unsupported/],
    ['pattern array', '%%MatrixMarket matrix array pattern general\n', 1, 29, /array format has no pattern/],
    ['missing size line', `${B}% only comments\n`, 3, 1, /size line/],
    ['short size line', `${B}3 3\n`, 2, 4, /size line/],
    ['non-number size', `${B}3 x 1\n`, 2, 3, /columns/],
    ['negative size', `${B}-3 3 1\n`, 2, 1, /rows/],
    ['non-square symmetric', '%%MatrixMarket matrix coordinate real symmetric\n3 4 0\n', 2, 3, /square/],
    ['fewer entries', `${B}3 3 3\n1 1 1\n2 2 2\n`, 5, 1, /1 more entries/],
    ['fewer entries, no final newline', `${B}3 3 3\n1 1 1\n2 2 2`, 4, 6, /1 more entries/],
    ['more entries', `${B}3 3 1\n1 1 1\n2 2 2\n`, 4, 1, /end of file/],
    ['row out of range', `${B}3 3 1\n4 1 1\n`, 3, 1, /row index in \[1, 3\]/],
    ['zero index', `${B}3 3 1\n1 0 1\n`, 3, 3, /column index in \[1, 3\]/],
    ['non-number index', `${B}3 3 1\n1 a 1\n`, 3, 3, /column index/],
    ['non-number value', `${B}3 3 1\n1 1 x\n`, 3, 5, /real number/],
    ['NaN value', `${B}3 3 1\n1 1 NaN\n`, 3, 5, /real number/],
    ['Inf value', `${B}3 3 1\n1 1 Inf\n`, 3, 5, /real number/],
    ['1e400 value', `${B}3 3 1\n1 1 1e400\n`, 3, 5, /overflows/],
    ['-1e400 value', `${B}3 3 1\n1 1 -1e400\n`, 3, 5, /overflows/],
    ['missing value', `${B}3 3 1\n1 1\n`, 3, 4, /a value/],
    ['extra column', `${B}3 3 1\n1 1 1 1\n`, 3, 7, /end of line/],
    ['pattern with a value', '%%MatrixMarket matrix coordinate pattern general\n3 3 1\n1 1 1\n', 3, 5, /pattern/],
    ['non-integer in integer field', '%%MatrixMarket matrix coordinate integer general\n3 3 1\n1 1 1.5\n', 3, 5, /integer value/],
    ['huge integer in integer field', '%%MatrixMarket matrix coordinate integer general\n3 3 1\n1 1 99999999999999999999\n', 3, 5, /integer/],
    ['skew diagonal', '%%MatrixMarket matrix coordinate real skew-symmetric\n3 3 1\n2 2 1\n', 3, 1, /off-diagonal/],
    ['array too short', '%%MatrixMarket matrix array real general\n2 2\n1\n2\n3\n', 6, 1, /1 more entries/],
    ['array two per line', '%%MatrixMarket matrix array real general\n2 2\n1 2\n', 3, 3, /one value per line/],
    ['array too long', '%%MatrixMarket matrix array real general\n1 1\n1\n2\n', 4, 1, /end of file/],
  ];
  it.each(cases)('%s', (_name, text, line, column, expected) => {
    expectParseError(() => parseMatrixMarket(text, { file: 'm.mtx' }), { file: 'm.mtx', line, column, expected });
  });

  it('rejects bad arguments', () => {
    expectInvalidArgument(() => parseMatrixMarket(3 as never), 'text');
    expectInvalidArgument(() => parseMatrixMarket('', { path: 'x' } as never), 'options.path');
  });
});

describe('matrixMarketToGraph', () => {
  it('symmetric storage gives an undirected graph without the diagonal, values as weights', () => {
    const r = matrixMarketToGraph(parseMatrixMarket(SMALL));
    validateGraph(r.graph);
    expect(r.graph.directed).toBe(false);
    expect(r.graph.order).toBe(4);
    expect(r.selfLoopsDropped).toBe(2);
    expect(r.graph.size).toBe(3);
    // Explicit zeros of the coordinate format are pattern entries, hence edges.
    expect(hasEdge(r.graph, 0, 3)).toBe(true);
    expect(Array.from(r.graph.weights!)).toEqual([-1, 1e-3, 0]);
    expect(matrixMarketToGraph(parseMatrixMarket(SMALL), { weighted: false }).graph.weights).toBeUndefined();
  });

  it('general storage: directed arcs, or undirected edges with (i,j)/(j,i) merged', () => {
    const m = parseMatrixMarket('%%MatrixMarket matrix coordinate real general\n3 3 4\n1 2 5\n2 1 6\n3 3 1\n3 1 2\n');
    const d = matrixMarketToGraph(m, { directed: true });
    expect(d.graph.directed).toBe(true);
    expect(d.graph.size).toBe(3);
    expect(d.selfLoopsDropped).toBe(1);
    const u = matrixMarketToGraph(m);
    expect(u.graph.size).toBe(2);
    expect(u.duplicatesDropped).toBe(1);
    expect(Array.from(u.graph.weights!)).toEqual([5, 2]);
    expect(Array.from(matrixMarketToGraph(m, { duplicates: 'sum' }).graph.weights!)).toEqual([11, 2]);
  });

  it('directed reading of symmetric and skew-symmetric storage mirrors each entry', () => {
    const s = matrixMarketToGraph(parseMatrixMarket('%%MatrixMarket matrix coordinate real skew-symmetric\n3 3 1\n3 1 4\n'), { directed: true });
    expect(s.graph.size).toBe(2);
    expect(Array.from(s.graph.edgeSources)).toEqual([2, 0]);
    expect(Array.from(s.graph.weights!)).toEqual([4, -4]);
  });

  it('array format: zeros are not edges', () => {
    const m = parseMatrixMarket('%%MatrixMarket matrix array real symmetric\n3 3\n1\n0\n2\n0\n0\n0\n');
    const r = matrixMarketToGraph(m);
    expect(r.graph.size).toBe(1);
    expect(hasEdge(r.graph, 0, 2)).toBe(true);
    expect(r.selfLoopsDropped).toBe(1);
  });

  it('rejects non-square matrices, too many rows and bad matrices', () => {
    const rect = parseMatrixMarket('%%MatrixMarket matrix coordinate pattern general\n2 3 0\n');
    expectInvalidArgument(() => matrixMarketToGraph(rect), 'matrix');
    const big = parseMatrixMarket('%%MatrixMarket matrix coordinate pattern general\n100 100 0\n');
    expectInvalidArgument(() => matrixMarketToGraph(big, { maxOrder: 10 }), 'matrix.rows');
    expectInvalidArgument(() => matrixMarketToGraph(null as never), 'matrix');
    const m = parseMatrixMarket(SMALL);
    expectInvalidArgument(() => matrixMarketToGraph({ ...m, rowIndices: new Int32Array([0, 1, 2, 3, 9]) }), 'matrix.rowIndices[4]');
    expectInvalidArgument(() => matrixMarketToGraph({ ...m, values: undefined }), 'matrix.values');
    expectInvalidArgument(() => matrixMarketToGraph({ ...m, field: 'complex' as never }), 'matrix.field');
    expectInvalidArgument(() => matrixMarketToGraph(m, { directed: 'yes' as never }), 'options.directed');
    expectInvalidArgument(() => matrixMarketToGraph(m, { weigthed: true } as never), 'options.weigthed');
  });
});

function randomMatrix(rng: Rng, t: number): MatrixMarketMatrix {
  const fields: MatrixMarketField[] = ['real', 'integer', 'pattern'];
  const symmetries: MatrixMarketSymmetry[] = ['general', 'symmetric', 'skew-symmetric'];
  const field = fields[t % 3]!;
  const symmetry = symmetries[Math.floor(t / 3) % 3]!;
  const array = field !== 'pattern' && t % 4 === 3;
  const rows = rng.int(12);
  const cols = symmetry === 'general' ? rng.int(12) : rows;
  const ri: number[] = [];
  const ci: number[] = [];
  const vs: number[] = [];
  const value = () => (field === 'integer' ? rng.int(2001) - 1000 : rng.int(4) === 0 ? -0 : rng.normal() * 10 ** (rng.int(40) - 20));
  if (array) {
    for (let j = 0; j < cols; j++) {
      const start = symmetry === 'general' ? 0 : symmetry === 'symmetric' ? j : j + 1;
      for (let i = start; i < rows; i++) {
        ri.push(i);
        ci.push(j);
        vs.push(value());
      }
    }
  } else if (rows > 0 && cols > 0) {
    const k = rng.int(3 * rows + 1);
    for (let e = 0; e < k; e++) {
      let i = rng.int(rows);
      let j = rng.int(cols);
      if (symmetry !== 'general' && i < j) [i, j] = [j, i];
      if (symmetry === 'skew-symmetric' && i === j) continue;
      ri.push(i);
      ci.push(j);
      vs.push(value());
    }
  }
  return {
    format: array ? 'array' : 'coordinate',
    rows,
    cols,
    field,
    symmetry,
    entries: ri.length,
    rowIndices: Int32Array.from(ri),
    colIndices: Int32Array.from(ci),
    values: field === 'pattern' ? undefined : Float64Array.from(vs),
    comments: t % 2 ? [` matrix ${t}`, '', 'x%y'] : [],
  };
}

describe('formatMatrixMarket: round trips', () => {
  it('parse(format(m)) equals m for 90 seeded random matrices over every format, field and symmetry', () => {
    const rng = createRng(99);
    for (let t = 0; t < 90; t++) {
      const m = randomMatrix(rng, t);
      const text = formatMatrixMarket(m);
      expectSameMatrix(parseMatrixMarket(text), m);
    }
  });

  it('rejects bad matrices', () => {
    const m = parseMatrixMarket(SMALL);
    expectInvalidArgument(() => formatMatrixMarket({ ...m, comments: ['a\nb'] }), 'matrix.comments[0]');
    expectInvalidArgument(() => formatMatrixMarket({ ...m, values: new Float64Array([1, 2, 3, 4, NaN]) }), 'matrix.values[4]');
    const a = parseMatrixMarket('%%MatrixMarket matrix array real general\n1 2\n1\n2\n');
    expectInvalidArgument(() => formatMatrixMarket({ ...a, colIndices: new Int32Array([1, 0]) }), 'matrix.rowIndices[0]');
  });
});

describe('readMatrixMarket', () => {
  it('equals parseMatrixMarket on the same file', async () => {
    const rng = createRng(5);
    for (let t = 0; t < 9; t++) {
      const text = formatMatrixMarket(randomMatrix(rng, t));
      const path = tmp.write(`m${t}.mtx`, text);
      expectSameMatrix(await readMatrixMarket(path), parseMatrixMarket(text));
    }
  });

  it('reports errors with the path as the file name, and unreadable paths as InvalidArgumentError', async () => {
    const path = tmp.write('bad.mtx', '%%MatrixMarket matrix coordinate real general\n2 2 1\n3 1 1\n');
    await expect(readMatrixMarket(path)).rejects.toMatchObject({ code: 'PARSE_ERROR', file: path, line: 3, column: 1 });
    await expectInvalidArgumentAsync(readMatrixMarket(`${tmp.dir}/nope.mtx`), 'path');
    await expectInvalidArgumentAsync(readMatrixMarket(path, { strict: true } as never), 'options.strict');
  });
});
