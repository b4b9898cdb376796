import { describe, expect, it } from '@jest/globals';
import {
  checkPlanarity,
  fromEdges,
  InvalidArgumentError,
  planarFaces,
  type Graph,
  type PlanarEmbedding,
} from '../../src/index.js';
import { completeGraph, graphOf, gridGraph, loadFixtures } from './helpers.js';

function embed(graph: Graph): PlanarEmbedding {
  const r = checkPlanarity(graph);
  if (!r.planar) throw new Error('expected a planar graph');
  return r.embedding;
}

/**
 * Rotation system read off a straight-line drawing: neighbours of each node by decreasing angle, i.e. clockwise.
 * Independent of the LR code: it fixes what "clockwise" and "face on the left" mean in the documentation.
 */
function geometricEmbedding(graph: Graph, x: number[], y: number[]): PlanarEmbedding {
  const rotation = new Int32Array(2 * graph.size);
  const rotationEdgeIds = new Int32Array(2 * graph.size);
  for (let v = 0; v < graph.order; v++) {
    const a = graph.offsets[v]!;
    const b = graph.offsets[v + 1]!;
    const row: [number, number, number][] = [];
    for (let p = a; p < b; p++) {
      const w = graph.targets[p]!;
      row.push([Math.atan2(y[w]! - y[v]!, x[w]! - x[v]!), w, graph.edgeIds[p]!]);
    }
    row.sort((s, t) => t[0] - s[0]); // decreasing angle = clockwise
    row.forEach(([, w, e], i) => {
      rotation[a + i] = w;
      rotationEdgeIds[a + i] = e;
    });
  }
  return { offsets: graph.offsets, rotation, rotationEdgeIds };
}

function signedArea(nodes: ArrayLike<number>, x: number[], y: number[]): number {
  let s = 0;
  for (let i = 0; i < nodes.length; i++) {
    const u = nodes[i]!;
    const v = nodes[(i + 1) % nodes.length]!;
    s += x[u]! * y[v]! - x[v]! * y[u]!;
  }
  return s / 2;
}

/** Every half-edge once; consecutive half-edges of a walk chain head to tail; halfEdgeFace agrees. */
function walkProblems(graph: Graph, emb: PlanarEmbedding): string[] {
  const faces = planarFaces(graph, emb);
  const h = 2 * graph.size;
  const problems: string[] = [];
  if (faces.faceOffsets[0] !== 0 || faces.faceOffsets[faces.faceCount] !== h) problems.push('bad faceOffsets');
  const seen = new Uint8Array(h);
  for (let f = 0; f < faces.faceCount; f++) {
    const a = faces.faceOffsets[f]!;
    const b = faces.faceOffsets[f + 1]!;
    if (b <= a) problems.push(`face ${f} is empty`);
    for (let i = a; i < b; i++) {
      const q = faces.faceHalfEdges[i]!;
      const u = faces.faceNodes[i]!;
      if (seen[q] === 1) problems.push(`half-edge ${q} traced twice`);
      seen[q] = 1;
      if (faces.halfEdgeFace[q] !== f) problems.push(`halfEdgeFace[${q}] is not ${f}`);
      // The half-edge at position q leaves faceNodes[i] and arrives where the next one leaves.
      if (q < graph.offsets[u]! || q >= graph.offsets[u + 1]!) problems.push(`half-edge ${q} does not leave ${u}`);
      const next = i + 1 < b ? i + 1 : a;
      if (emb.rotation[q] !== faces.faceNodes[next]) problems.push(`walk of face ${f} breaks at ${i}`);
    }
  }
  if (!seen.every((s) => s === 1)) problems.push('some half-edge is in no face');
  return problems;
}

describe('planarFaces', () => {
  it('walks bounded faces counterclockwise on a clockwise geometric rotation (documented convention)', () => {
    const rows = 5;
    const cols = 7;
    const g = gridGraph(rows, cols);
    const x: number[] = [];
    const y: number[] = [];
    for (let v = 0; v < rows * cols; v++) {
      x.push(v % cols);
      y.push(Math.floor(v / cols));
    }
    const emb = geometricEmbedding(g, x, y);
    const faces = planarFaces(g, emb);
    expect(faces.faceCount).toBe((rows - 1) * (cols - 1) + 1);
    let negative = 0;
    for (let f = 0; f < faces.faceCount; f++) {
      const nodes = faces.faceNodes.subarray(faces.faceOffsets[f], faces.faceOffsets[f + 1]);
      const area = signedArea(nodes, x, y);
      if (area < 0) {
        // The outer face: walked clockwise, enclosing the whole grid.
        negative++;
        expect(area).toBeCloseTo(-(rows - 1) * (cols - 1), 12);
      } else {
        expect(nodes.length).toBe(4);
        expect(area).toBeCloseTo(1, 12); // unit squares, counterclockwise
      }
    }
    expect(negative).toBe(1);
    expect(walkProblems(g, emb)).toEqual([]);
  });

  it('counts faces of named graphs: K4, cycles, trees, grids, disconnected unions', () => {
    expect(planarFaces(completeGraph(4), embed(completeGraph(4))).faceCount).toBe(4);
    const c9 = graphOf(9, Array.from({ length: 9 }, (_, i) => [i, (i + 1) % 9] as [number, number]));
    const f9 = planarFaces(c9, embed(c9));
    expect(f9.faceCount).toBe(2);
    expect(Array.from(f9.faceOffsets)).toEqual([0, 9, 18]);
    // A tree has one face whose walk uses every edge twice.
    const tree = graphOf(7, [[0, 1], [0, 2], [1, 3], [1, 4], [2, 5], [2, 6]]);
    const ft = planarFaces(tree, embed(tree));
    expect(ft.faceCount).toBe(1);
    expect(ft.faceOffsets[1]).toBe(12);
    const grid = gridGraph(8, 11);
    expect(planarFaces(grid, embed(grid)).faceCount).toBe(7 * 10 + 1);
    // Two triangles and an isolated node: one traced outer face per component with edges, none for the node.
    const two = graphOf(7, [[0, 1], [1, 2], [0, 2], [3, 4], [4, 5], [3, 5]]);
    expect(planarFaces(two, embed(two)).faceCount).toBe(4);
    // Empty graph and isolated nodes: no faces traced.
    const none = fromEdges([], { order: 3 });
    const fn = planarFaces(none, embed(none));
    expect(fn.faceCount).toBe(0);
    expect(Array.from(fn.faceOffsets)).toEqual([0]);
  });

  it('produces consistent walks on every planar fixture graph', () => {
    let count = 0;
    for (const f of loadFixtures()) {
      if (!f.planar) continue;
      const g = graphOf(f.order, f.edges);
      expect(walkProblems(g, embed(g))).toEqual([]);
      count++;
    }
    expect(count).toBeGreaterThan(80);
  });

  it('rejects bad inputs with InvalidArgumentError', () => {
    const g = completeGraph(4);
    const good = embed(g);
    const table: [() => unknown, string][] = [
      [() => planarFaces(null as never, good), 'graph'],
      [() => planarFaces(fromEdges([[0, 1]], { directed: true }), good), 'graph'],
      [() => planarFaces(g, null as never), 'embedding'],
      [() => planarFaces(g, { ...good, rotation: good.rotation.subarray(1) }), 'embedding'],
      [() => planarFaces(g, { ...good, rotationEdgeIds: new Int32Array(12).fill(0) }), 'embedding'],
      [() => planarFaces(g, { ...good, offsets: new Int32Array(5) }), 'embedding'],
    ];
    for (const [call, argument] of table) {
      let caught: unknown;
      try {
        call();
      } catch (err) {
        caught = err;
      }
      expect(InvalidArgumentError.isInstance(caught)).toBe(true);
      expect((caught as InvalidArgumentError).argument).toBe(argument);
    }
  });
});
