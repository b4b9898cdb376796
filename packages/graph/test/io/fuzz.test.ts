/**
 * Fuzzing every reader with fast-check: valid texts (seeded random graphs, matrices and meshes written by the
 * writers, plus hand-written samples) are damaged by truncation at a random position, junk-token insertion, line
 * deletion and duplication, and huge-number substitution. A reader must either succeed with a valid result (the
 * graph passes validateGraph, the mesh is consistent) or throw a ParseError with a sane position — nothing else.
 * The async readers must agree with the sync parsers on the same damaged text (same result or same error).
 * Fixed seed 42; about 2 000 cases in all, a few seconds.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { validateGraph } from '../../src/core/queries.js';
import { ParseError } from '../../src/errors/errors.js';
import {
  formatEdgeList,
  formatGml,
  formatMatrixMarket,
  formatObj,
  formatOff,
  formatPly,
  matrixMarketToGraph,
  parseEdgeList,
  parseGml,
  parseMatrixMarket,
  parseObj,
  parseOff,
  parsePly,
  readEdgeList,
  readGml,
  readMatrixMarket,
  readObj,
  readOff,
  readPly,
  type EdgeListOptions,
  type MatrixMarketMatrix,
  type MeshReadResult,
} from '../../src/io/index.js';
import { createRng } from '../../src/random/rng.js';
import { createTempDir, expectSameArray, expectSameGraph, randomGraph, randomMesh } from './helpers.js';

const SEED = 42;
const SYNC_RUNS = 300;
const ASYNC_RUNS = 25;

const tmp = createTempDir();
afterAll(() => tmp.cleanup());

const JUNK = [
  'x', '-1', '0', '1e400', '-1e400', 'NaN', 'nan', 'inf', 'INF', '[', ']', '"', '#', '%', '/', '//', '99999999999999999999',
  '2147483648', '-0', '3.5', '\t', ',', 'é', '\r', '\n', '\r\n', ' ', '%%MatrixMarket', 'ply', 'OFF', 'end_header',
  'graph [', 'node [ id 1 ]', 'edge [ source 1 target 1 ]', 'f', 'v', 'f 1 2 3', 'element vertex 2',
  'property list uchar int vertex_indices', '&#0;', '&#99999999;', 'weight', 'id', '3 0 1 2',
];
const HUGE = ['1e400', '-1e400', '99999999999999999999', '2147483648', '2147483647', '1e308', '-1e308', '4294967296', '9007199254740993'];

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; junk: string; pad: boolean }
  | { kind: 'deleteLine'; at: number }
  | { kind: 'duplicateLine'; at: number }
  | { kind: 'huge'; at: number; value: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), junk: fc.constantFrom(...JUNK), pad: fc.boolean() }),
  fc.record({ kind: fc.constant('deleteLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicateLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('huge' as const), at: fc.nat(), value: fc.constantFrom(...HUGE) }),
);
const mutations = fc.array(mutation, { minLength: 1, maxLength: 3 });

function mutate(text: string, m: Mutation): string {
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
    case 'insert': {
      const p = m.at % (text.length + 1);
      return text.slice(0, p) + (m.pad ? ` ${m.junk} ` : m.junk) + text.slice(p);
    }
    case 'deleteLine':
    case 'duplicateLine': {
      const lines = text.split('\n');
      const i = m.at % lines.length;
      if (m.kind === 'deleteLine') lines.splice(i, 1);
      else lines.splice(i, 0, lines[i]!);
      return lines.join('\n');
    }
    case 'huge': {
      const numbers = [...text.matchAll(/-?\d+(\.\d+)?([eE][+-]?\d+)?/g)];
      if (numbers.length === 0) return text;
      const hit = numbers[m.at % numbers.length]!;
      return text.slice(0, hit.index) + m.value + text.slice(hit.index! + hit[0].length);
    }
  }
}

function damage(text: string, ms: readonly Mutation[]): string {
  return ms.reduce(mutate, text);
}

/** Runs a parser; a ParseError is fine (its position is checked), anything else fails the property. */
function outcome<T>(text: string, file: string, parse: () => T, check: (r: T) => void): { ok: T } | { error: ParseError } {
  try {
    const r = parse();
    check(r);
    return { ok: r };
  } catch (err) {
    if (!ParseError.isInstance(err)) throw err;
    expect(err.file).toBe(file);
    const lines = text.split('\n').length;
    expect(err.line).toBeGreaterThanOrEqual(0);
    expect(err.line).toBeLessThanOrEqual(lines + 1);
    expect(err.column).toBeGreaterThanOrEqual(0);
    expect(typeof err.expected).toBe('string');
    return { error: err };
  }
}

function checkMesh(r: MeshReadResult): void {
  const m = r.mesh;
  expect(m.positions.length).toBe(3 * m.vertexCount);
  expect(m.faces.length).toBe(3 * m.faceCount);
  for (let i = 0; i < m.positions.length; i++) expect(Number.isFinite(m.positions[i]!)).toBe(true);
  const used = new Uint8Array(m.vertexCount);
  for (let t = 0; t < m.faceCount; t++) {
    const a = m.faces[3 * t]!;
    const b = m.faces[3 * t + 1]!;
    const c = m.faces[3 * t + 2]!;
    expect(a !== b && b !== c && a !== c).toBe(true);
    for (const v of [a, b, c]) {
      expect(v >= 0 && v < m.vertexCount).toBe(true);
      used[v] = 1;
    }
  }
  expect(used.every((u) => u === 1)).toBe(true);
  for (let v = 1; v < r.vertexMap.length; v++) expect(r.vertexMap[v]! > r.vertexMap[v - 1]!).toBe(true);
  validateGraph(m.graph);
  expect(m.graph.order).toBe(m.vertexCount);
}

function checkMatrix(m: MatrixMarketMatrix): void {
  expect(m.rowIndices.length).toBe(m.entries);
  for (let k = 0; k < m.entries; k++) {
    expect(m.rowIndices[k]! >= 0 && m.rowIndices[k]! < m.rows).toBe(true);
    expect(m.colIndices[k]! >= 0 && m.colIndices[k]! < m.cols).toBe(true);
    if (m.values) {
      expect(Number.isFinite(m.values[k]!)).toBe(true);
      if (m.field === 'integer') expect(Number.isSafeInteger(m.values[k]!)).toBe(true);
    }
  }
  // Graph conversion of modest square matrices (a damaged size line may declare 2^31 − 1 rows).
  if (m.rows === m.cols && m.rows <= 1 << 16) validateGraph(matrixMarketToGraph(m, { directed: m.entries % 2 === 1 }).graph);
}

// ---- valid base texts ----

const seedArb = fc.integer({ min: 0, max: 0x7fffffff });

const HAND_EDGES = ['node_id\tnode_id\n0\t1\n1\t2\n2\t0\n', '# c\r\n% c\r\n1,2,0.5\r\n2,3,1e-3\r\n', 'a b\nb c\nc a\n'];
const HAND_MTX = [
  '%%MatrixMarket matrix coordinate real symmetric\n% c\n4 4 5\n1 1 2.5\n2 1 -1\n3 2 1e-3\n4 4 7\n4 1 0\n',
  '%%MatrixMarket matrix array real general\n2 3\n1\n2\n3\n4\n5\n6\n',
  '%%MatrixMarket matrix coordinate pattern general\n3 3 2\n1 2\n3 1\n',
];
const HAND_GML = [
  'Creator "x"\ngraph [\n directed 1\n node [ id 1 label "a &amp; b" value 0 ]\n node [ id 2 graphics [ x 1 ] ]\n edge [\n  source 1\n  target 2\n  weight 2.5\n ]\n]\n',
  'graph [ undirected 1 multigraph 1 node [ id 5 ] node [ id 6 ] edge [ source 5 target 6 ] edge [ source 6 target 5 ] ]\n',
];
const HAND_OBJ = ['# c\nv 0 0 0\nv 1 0 0\nv 1 1 0 0.5\nv 0 1 0\nvt 0 0\nf 1/1 2/1 3/1 4/1\nf -4//1 -2//1 -1//1\ns off\n'];
const HAND_OFF = ['OFF\n# c\n4 2 0\n0 0 0\n1 0 0\n1 1 0\n0 1 0\n4 0 1 2 3 255 0 0\n3 0 2 3\n', 'COFF 3 1 3\n0 0 0 1 1 1\n1 0 0 1 1 1\n0 1 0 1 1 1\n3 0 1 2\n'];
const HAND_PLY = [
  'ply\nformat ascii 1.0\ncomment c\nelement vertex 4\nproperty float x\nproperty float y\nproperty float z\nproperty uchar red\nelement face 2\nproperty list uchar int vertex_indices\nelement edge 1\nproperty int a\nproperty int b\nend_header\n0 0 0 1\n1 0 0 1\n1 1 0 1\n0 1 0 1\n4 0 1 2 3\n3 0 2 3\n0 1\n',
];

function baseText(hand: readonly string[], generate: (seed: number) => string): fc.Arbitrary<string> {
  return fc.oneof(fc.constantFrom(...hand), seedArb.map(generate));
}

const edgeText = baseText(HAND_EDGES, (seed) => {
  const rng = createRng(seed);
  const n = 1 + rng.int(20);
  return formatEdgeList(randomGraph(rng, n, rng.int(2 * n), { weighted: rng.int(2) === 0 }), { separator: ([' ', '\t', ','] as const)[rng.int(3)]! });
});
const mtxText = baseText(HAND_MTX, (seed) => {
  const rng = createRng(seed);
  const n = 1 + rng.int(12);
  const g = randomGraph(rng, n, rng.int(2 * n), { weighted: true });
  const pattern = rng.int(2) === 0;
  return formatMatrixMarket({
    format: 'coordinate',
    rows: n,
    cols: n,
    field: pattern ? 'pattern' : 'real',
    symmetry: 'symmetric',
    entries: g.size,
    rowIndices: Int32Array.from(g.edgeTargets),
    colIndices: Int32Array.from(g.edgeSources),
    values: pattern ? undefined : g.weights,
    comments: [' random'],
  });
});
const gmlText = baseText(HAND_GML, (seed) => {
  const rng = createRng(seed);
  const n = rng.int(10);
  const labels = Array.from({ length: n }, (_, v) => `n"${v}"&é`);
  return formatGml(randomGraph(rng, n, rng.int(2 * n + 1), { directed: rng.int(2) === 0, weighted: rng.int(2) === 0, labels }));
});
const objText = baseText(HAND_OBJ, (seed) => formatObj(randomMesh(createRng(seed))));
const offText = baseText(HAND_OFF, (seed) => formatOff(randomMesh(createRng(seed))));
const plyText = baseText(HAND_PLY, (seed) => formatPly(randomMesh(createRng(seed))));

const edgeOptions: fc.Arbitrary<EdgeListOptions> = fc
  .record({
    directed: fc.boolean(),
    ids: fc.constantFrom('integer' as const, 'label' as const),
    duplicates: fc.constantFrom('first' as const, 'sum' as const, 'error' as const),
    selfLoops: fc.constantFrom('drop' as const, 'error' as const, 'keep' as const),
  })
  .map((o) => (o.selfLoops === 'keep' && !o.directed ? { ...o, selfLoops: 'drop' as const } : o));

describe('fuzzing: damaged input gives a valid result or a ParseError, nothing else', () => {
  it('the property can fail: any other error escapes it', () => {
    expect(() => outcome('x', 'f', () => { throw new TypeError('boom'); }, () => undefined)).toThrow(TypeError);
    expect(() => outcome('x', 'f', () => parseEdgeList('0 x', { file: 'g' }), () => undefined)).toThrow();
  });

  it('edge list', () => {
    fc.assert(
      fc.property(edgeText, mutations, edgeOptions, (text, ms, options) => {
        const t = damage(text, ms);
        outcome(t, 'f', () => parseEdgeList(t, { ...options, file: 'f' }), (r) => {
          validateGraph(r.graph);
          expect(r.graph.size + r.selfLoopsDropped + r.duplicatesDropped).toBe(r.edgeLines);
        });
      }),
      { seed: SEED, numRuns: SYNC_RUNS },
    );
  });

  it('MatrixMarket', () => {
    fc.assert(
      fc.property(mtxText, mutations, (text, ms) => {
        const t = damage(text, ms);
        outcome(t, 'f', () => parseMatrixMarket(t, { file: 'f' }), checkMatrix);
      }),
      { seed: SEED, numRuns: SYNC_RUNS },
    );
  });

  it('GML', () => {
    fc.assert(
      fc.property(gmlText, mutations, fc.constantFrom(undefined, true, false), (text, ms, directed) => {
        const t = damage(text, ms);
        outcome(t, 'f', () => parseGml(t, { file: 'f', ...(directed === undefined ? {} : { directed }) }), (r) => {
          validateGraph(r.graph);
          expect(r.nodeIds.length).toBe(r.graph.order);
          expect(r.graph.size + r.selfLoopsDropped + r.duplicatesDropped).toBe(r.edgeBlocks);
        });
      }),
      { seed: SEED, numRuns: SYNC_RUNS },
    );
  });

  it.each([
    ['OBJ', objText, parseObj],
    ['OFF', offText, parseOff],
    ['PLY', plyText, parsePly],
  ] as const)('%s', (_name, texts, parse) => {
    fc.assert(
      fc.property(texts, mutations, (text, ms) => {
        const t = damage(text, ms);
        outcome(t, 'f', () => parse(t, { file: 'f' }), checkMesh);
      }),
      { seed: SEED, numRuns: SYNC_RUNS },
    );
  });
});

describe('fuzzing: the streaming readers agree with the parsers on damaged files', () => {
  let counter = 0;
  /** Same result, or the same ParseError (file, line, column, expected, found). */
  async function agree<T>(text: string, parse: (file: string) => T, read: (path: string) => Promise<T>, same: (a: T, b: T) => void) {
    const path = tmp.write(`fuzz-${counter++}.txt`, text);
    let fromText: { ok: T } | { error: unknown };
    try {
      fromText = { ok: parse(path) };
    } catch (error) {
      fromText = { error };
    }
    let fromFile: { ok: T } | { error: unknown };
    try {
      fromFile = { ok: await read(path) };
    } catch (error) {
      fromFile = { error };
    }
    if ('ok' in fromText && 'ok' in fromFile) {
      same(fromFile.ok, fromText.ok);
    } else if ('error' in fromText && 'error' in fromFile) {
      expect(ParseError.isInstance(fromText.error)).toBe(true);
      const a = fromFile.error as ParseError;
      const b = fromText.error as ParseError;
      expect([a.code, a.file, a.line, a.column, a.expected, a.found]).toEqual([b.code, b.file, b.line, b.column, b.expected, b.found]);
    } else {
      throw new Error(`read and parse disagree: ${JSON.stringify(Object.keys(fromFile))} vs ${JSON.stringify(Object.keys(fromText))}`);
    }
  }
  const sameMesh = (a: MeshReadResult, b: MeshReadResult) => {
    expectSameArray(a.mesh.positions, b.mesh.positions);
    expectSameArray(a.mesh.faces, b.mesh.faces);
    expect([a.unreferencedDropped, a.degenerateFacesDropped, a.polygonsTriangulated]).toEqual([b.unreferencedDropped, b.degenerateFacesDropped, b.polygonsTriangulated]);
  };

  it('edge list, MatrixMarket, GML', async () => {
    await fc.assert(
      fc.asyncProperty(edgeText, mtxText, gmlText, mutations, async (e, m, g, ms) => {
        await agree(damage(e, ms), (file) => parseEdgeList(damage(e, ms), { file }), (p) => readEdgeList(p), (a, b) => expectSameGraph(a.graph, b.graph));
        await agree(damage(m, ms), (file) => parseMatrixMarket(damage(m, ms), { file }), (p) => readMatrixMarket(p), (a, b) => {
          expectSameArray(a.rowIndices, b.rowIndices);
          expectSameArray(a.values, b.values);
        });
        await agree(damage(g, ms), (file) => parseGml(damage(g, ms), { file }), (p) => readGml(p), (a, b) => expectSameGraph(a.graph, b.graph));
      }),
      { seed: SEED, numRuns: ASYNC_RUNS },
    );
  });

  it('OBJ, OFF, PLY', async () => {
    await fc.assert(
      fc.asyncProperty(objText, offText, plyText, mutations, async (o, f, p, ms) => {
        await agree(damage(o, ms), (file) => parseObj(damage(o, ms), { file }), readObj, sameMesh);
        await agree(damage(f, ms), (file) => parseOff(damage(f, ms), { file }), readOff, sameMesh);
        await agree(damage(p, ms), (file) => parsePly(damage(p, ms), { file }), readPly, sameMesh);
      }),
      { seed: SEED, numRuns: ASYNC_RUNS },
    );
  });
});
