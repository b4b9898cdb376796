import { describe, expect, it } from '@jest/globals';
import {
  checkPlanarity,
  fromEdges,
  InvalidArgumentError,
  verifyPlanarEmbedding,
  type Graph,
  type PlanarEmbedding,
} from '../../src/index.js';
import { completeBipartite, completeGraph, graphOf, gridGraph, loadFixtures } from './helpers.js';

function embed(graph: Graph): PlanarEmbedding {
  const r = checkPlanarity(graph);
  if (!r.planar) throw new Error('expected a planar graph');
  return r.embedding;
}

function copy(emb: PlanarEmbedding): { offsets: Int32Array; rotation: Int32Array; rotationEdgeIds: Int32Array } {
  return { offsets: emb.offsets, rotation: emb.rotation.slice(), rotationEdgeIds: emb.rotationEdgeIds.slice() };
}

/** Swaps entries i and j of a rotation (neighbour and edge id together). */
function swap(emb: { rotation: Int32Array; rotationEdgeIds: Int32Array }, i: number, j: number): void {
  for (const arr of [emb.rotation, emb.rotationEdgeIds]) {
    const t = arr[i]!;
    arr[i] = arr[j]!;
    arr[j] = t;
  }
}

const OCTAHEDRON: [number, number][] = [
  [0, 1], [0, 2], [0, 3], [0, 4], [5, 1], [5, 2], [5, 3], [5, 4], [1, 2], [2, 3], [3, 4], [4, 1],
];

describe('verifyPlanarEmbedding', () => {
  it('accepts the embeddings of checkPlanarity and their mirror images', () => {
    for (const g of [completeGraph(4), graphOf(6, OCTAHEDRON), gridGraph(6, 6)]) {
      const emb = embed(g);
      expect(verifyPlanarEmbedding(g, emb)).toEqual({ valid: true });
      const mirror = copy(emb);
      for (let v = 0; v < g.order; v++) {
        mirror.rotation.subarray(g.offsets[v], g.offsets[v + 1]).reverse();
        mirror.rotationEdgeIds.subarray(g.offsets[v], g.offsets[v + 1]).reverse();
      }
      expect(verifyPlanarEmbedding(g, mirror)).toEqual({ valid: true });
    }
  });

  it('rejects a corrupted rotation: any single transposition at a node of a 3-connected planar graph', () => {
    // 3-connected planar graphs have one embedding up to reflection (Whitney), so reordering one row of degree
    // ≥ 3 into a non-cyclic-equivalent order always raises the genus.
    for (const g of [completeGraph(4), graphOf(6, OCTAHEDRON)]) {
      const emb = embed(g);
      let tried = 0;
      for (let v = 0; v < g.order; v++) {
        const a = g.offsets[v]!;
        const b = g.offsets[v + 1]!;
        for (let i = a; i < b; i++) {
          for (let j = i + 1; j < b; j++) {
            const bad = copy(emb);
            swap(bad, i, j);
            const res = verifyPlanarEmbedding(g, bad);
            expect(res.valid).toBe(false);
            expect(res.reason).toMatch(/Euler/);
            tried++;
          }
        }
      }
      expect(tried).toBeGreaterThan(10);
    }
  });

  it('rejects non-planar rotation systems of non-planar graphs (sorted rows of K5 and K3,3)', () => {
    for (const g of [completeGraph(5), completeBipartite(3, 3)]) {
      const emb = { offsets: g.offsets, rotation: g.targets.slice(), rotationEdgeIds: g.edgeIds.slice() };
      const res = verifyPlanarEmbedding(g, emb);
      expect(res.valid).toBe(false);
      expect(res.reason).toMatch(/genus [1-9]/);
    }
  });

  it('rejects malformed rotations with a reason', () => {
    const g = completeGraph(4);
    const emb = embed(g);
    const cases: [string, unknown][] = [];
    const wrongId = copy(emb);
    wrongId.rotationEdgeIds[0] = (wrongId.rotationEdgeIds[0]! + 1) % 6;
    cases.push(['edge id not matching the neighbour', wrongId]);
    const repeated = copy(emb);
    repeated.rotation[1] = repeated.rotation[0]!;
    repeated.rotationEdgeIds[1] = repeated.rotationEdgeIds[0]!;
    cases.push(['an edge listed twice in a row', repeated]);
    const outOfRange = copy(emb);
    outOfRange.rotationEdgeIds[2] = 99;
    cases.push(['edge id out of range', outOfRange]);
    cases.push(['offsets differing from the graph', { ...copy(emb), offsets: Int32Array.from([0, 2, 6, 9, 12]) }]);
    cases.push(['short rotation', { ...copy(emb), rotation: new Int32Array(11) }]);
    cases.push(['plain arrays', { offsets: Array.from(g.offsets), rotation: [], rotationEdgeIds: [] }]);
    cases.push(['null', null]);
    for (const [what, bad] of cases) {
      const res = verifyPlanarEmbedding(g, bad as PlanarEmbedding);
      expect({ what, valid: res.valid }).toEqual({ what, valid: false });
      expect(typeof res.reason).toBe('string');
    }
  });

  it('uses V − E + F = 1 + C with isolated nodes as components and no traced face (empty graph: F = 1)', () => {
    const empty = fromEdges([], { order: 0 });
    expect(verifyPlanarEmbedding(empty, embed(empty))).toEqual({ valid: true });
    const isolated = fromEdges([], { order: 5 });
    expect(verifyPlanarEmbedding(isolated, embed(isolated))).toEqual({ valid: true });
    const mixed = graphOf(9, [[0, 1], [1, 2], [2, 0], [4, 5], [5, 6], [6, 7], [7, 4], [4, 6]]);
    expect(verifyPlanarEmbedding(mixed, embed(mixed))).toEqual({ valid: true });
  });

  it('accepts the checkPlanarity embedding of every planar fixture graph', () => {
    const bad: string[] = [];
    for (const f of loadFixtures()) {
      if (!f.planar) continue;
      const g = graphOf(f.order, f.edges);
      const res = verifyPlanarEmbedding(g, embed(g));
      if (!res.valid) bad.push(`${f.name}: ${res.reason}`);
    }
    expect(bad).toEqual([]);
  });

  it('throws InvalidArgumentError for a bad graph', () => {
    const emb = embed(completeGraph(4));
    for (const graph of [null, {}, fromEdges([[0, 1]], { directed: true })]) {
      let caught: unknown;
      try {
        verifyPlanarEmbedding(graph as never, emb);
      } catch (err) {
        caught = err;
      }
      expect(InvalidArgumentError.isInstance(caught)).toBe(true);
      expect((caught as InvalidArgumentError).argument).toBe('graph');
    }
  });
});
