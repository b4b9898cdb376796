import { describe, expect, it } from '@jest/globals';
import {
  edgeBetween,
  fromEdges,
  InvalidArgumentError,
  verifyKuratowskiSubgraph,
  type Graph,
  type KuratowskiSubgraph,
  type PlanarityVerification,
} from '../../src/index.js';
import { completeBipartite, completeGraph, graphOf } from './helpers.js';

const all = (g: Graph): Int32Array => Int32Array.from({ length: g.size }, (_, e) => e);
const ids = (g: Graph, pairs: [number, number][]): Int32Array =>
  Int32Array.from(pairs, ([u, v]) => {
    const e = edgeBetween(g, u, v);
    if (e < 0) throw new Error(`no edge ${u}-${v}`);
    return e;
  });
const nodes = (...v: number[]): Int32Array => Int32Array.from(v);
const K5_BRANCH = nodes(0, 1, 2, 3, 4);
const K33_BRANCH = nodes(0, 1, 2, 3, 4, 5);
const k5Cert = (g: Graph, edges = all(g), branch = K5_BRANCH): PlanarityVerification =>
  verifyKuratowskiSubgraph(g, { kind: 'K5', edges, branchNodes: branch });
const k33Cert = (g: Graph, edges = all(g), branch = K33_BRANCH): PlanarityVerification =>
  verifyKuratowskiSubgraph(g, { kind: 'K33', edges, branchNodes: branch });

/** All nine pairs between {0,1,2} and {3,4,5}. */
const K33_PAIRS: [number, number][] = [];
for (let a = 0; a < 3; a++) for (let b = 3; b < 6; b++) K33_PAIRS.push([a, b]);

/** K3,3 with sides {0,1,2} / {3,4,5} where the edge 0–3 is subdivided by 6, 7 and 1–4 by 8. */
function subdividedK33(): Graph {
  const kept = K33_PAIRS.filter(([a, b]) => !(a === 0 && b === 3) && !(a === 1 && b === 4));
  return graphOf(9, [...kept, [0, 6], [6, 7], [7, 3], [1, 8], [8, 4]]);
}

describe('verifyKuratowskiSubgraph', () => {
  const k5 = completeGraph(5);
  const k33 = completeBipartite(3, 3);

  it('accepts K5, K3,3 and subdivisions (either side listed first)', () => {
    expect(k5Cert(k5, all(k5), nodes(4, 2, 0, 1, 3))).toEqual({ valid: true });
    expect(k33Cert(k33)).toEqual({ valid: true });
    expect(k33Cert(k33, all(k33), nodes(5, 3, 4, 1, 0, 2))).toEqual({ valid: true });
    expect(k33Cert(subdividedK33())).toEqual({ valid: true });
    // Inside a larger graph, only the listed edges count.
    const k6 = completeGraph(6);
    const inner: [number, number][] = [];
    for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) inner.push([i, j]);
    expect(k5Cert(k6, ids(k6, inner))).toEqual({ valid: true });
  });

  it('rejects a K3,3 certificate missing an edge', () => {
    const res = k33Cert(k33, all(k33).subarray(1));
    expect(res.valid).toBe(false);
    expect(res.reason).toMatch(/degree 2, not 3/);
    // Missing an inner edge of a subdivided path: the path's ends become degree-1 nodes.
    const sub = subdividedK33();
    const inner = edgeBetween(sub, 6, 7);
    expect(k33Cert(sub, Int32Array.from(Array.from(all(sub)).filter((e) => e !== inner))).valid).toBe(false);
  });

  it('rejects a certificate with an extra edge', () => {
    // K3,3 plus the chord 0–1 inside side A (as a subgraph of K6).
    const k6 = completeGraph(6);
    expect(k33Cert(k6, ids(k6, K33_PAIRS))).toEqual({ valid: true });
    const res = k33Cert(k6, ids(k6, [...K33_PAIRS, [0, 1]]));
    expect(res.valid).toBe(false);
    expect(res.reason).toMatch(/degree 4, not 3/);
    // K5 plus a pendant edge to a sixth node.
    const k5Edges: [number, number][] = [];
    for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) k5Edges.push([i, j]);
    expect(k5Cert(graphOf(6, [...k5Edges, [4, 5]])).valid).toBe(false);
  });

  it('rejects a detached cycle, paths joining the wrong pairs, wrong sides and a wrong kind', () => {
    // K3,3 plus a disjoint triangle: all degrees fine (triangle nodes have degree 2) but the triangle is on no path.
    const detached = k33Cert(graphOf(9, [...K33_PAIRS, [6, 7], [7, 8], [6, 8]]));
    expect(detached.valid).toBe(false);
    expect(detached.reason).toMatch(/detached cycle/);

    // Degrees all right, but a0–b1 and a1–b0 are joined twice while a0–b0 and a1–b1 are not joined at all.
    const doubled = graphOf(8, [
      [0, 4], [0, 5], [0, 6], [6, 4], [1, 3], [1, 5], [1, 7], [7, 3], [2, 3], [2, 4], [2, 5],
    ]);
    const d = k33Cert(doubled);
    expect(d.valid).toBe(false);
    expect(d.reason).toMatch(/two paths/);

    // K5 with 3–4 replaced by a path that also branches at node 5: degree 3 at a non-branch node.
    const through = graphOf(6, [
      [0, 1], [0, 2], [0, 3], [0, 4], [1, 2], [1, 3], [1, 4], [2, 3], [2, 5], [5, 4], [3, 5],
    ]);
    expect(k5Cert(through).valid).toBe(false);

    const mixedSides = k33Cert(k33, all(k33), nodes(0, 1, 3, 2, 4, 5));
    expect(mixedSides.valid).toBe(false);
    expect(mixedSides.reason).toMatch(/same side/);

    expect(k5Cert(k33, all(k33), nodes(0, 1, 2, 3, 4)).valid).toBe(false);
  });

  it('reports malformed certificates as invalid with a reason', () => {
    const malformed: [string, unknown][] = [
      ['null', null],
      ['kind', { kind: 'K7', edges: all(k5), branchNodes: K5_BRANCH }],
      ['edges as array', { kind: 'K5', edges: [0, 1, 2], branchNodes: K5_BRANCH }],
      ['duplicate edge', { kind: 'K5', edges: nodes(0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9), branchNodes: K5_BRANCH }],
      ['edge id out of range', { kind: 'K5', edges: nodes(0, 1, 2, 3, 4, 5, 6, 7, 8, 10), branchNodes: K5_BRANCH }],
      ['four branch nodes', { kind: 'K5', edges: all(k5), branchNodes: nodes(0, 1, 2, 3) }],
      ['repeated branch node', { kind: 'K5', edges: all(k5), branchNodes: nodes(0, 1, 2, 3, 3) }],
      ['branch node out of range', { kind: 'K5', edges: all(k5), branchNodes: nodes(0, 1, 2, 3, 9) }],
      ['no edges', { kind: 'K33', edges: new Int32Array(0), branchNodes: K33_BRANCH }],
    ];
    for (const [what, cert] of malformed) {
      const res = verifyKuratowskiSubgraph(k5, cert as KuratowskiSubgraph);
      expect({ what, valid: res.valid }).toEqual({ what, valid: false });
      expect(typeof res.reason).toBe('string');
    }
  });

  it('throws InvalidArgumentError for a bad graph', () => {
    const cert: KuratowskiSubgraph = { kind: 'K5', edges: all(k5), branchNodes: K5_BRANCH };
    for (const graph of [null, { order: 5 }, fromEdges([[0, 1]], { directed: true })]) {
      let caught: unknown;
      try {
        verifyKuratowskiSubgraph(graph as never, cert);
      } catch (err) {
        caught = err;
      }
      expect(InvalidArgumentError.isInstance(caught)).toBe(true);
      expect((caught as InvalidArgumentError).argument).toBe('graph');
    }
  });
});
