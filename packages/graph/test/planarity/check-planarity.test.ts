import { describe, expect, it } from '@jest/globals';
import {
  checkPlanarity,
  createRng,
  edgeBetween,
  fromEdges,
  InvalidArgumentError,
  planarFaces,
  verifyKuratowskiSubgraph,
  verifyPlanarEmbedding,
  type Graph,
  type KuratowskiSubgraph,
} from '../../src/index.js';
import {
  completeBipartite,
  completeGraph,
  graphOf,
  gridGraph,
  loadFixtures,
  pathGraph,
  PETERSEN_EDGES,
} from './helpers.js';

function kuratowskiOf(graph: Graph): KuratowskiSubgraph {
  const result = checkPlanarity(graph);
  if (result.planar || result.kuratowski === undefined) throw new Error('expected a Kuratowski certificate');
  return result.kuratowski;
}

describe('checkPlanarity', () => {
  const fixtures = loadFixtures();

  it(`matches networkx on ${fixtures.length} fixture graphs and every certificate verifies`, () => {
    const problems: string[] = [];
    let embeddings = 0;
    let k5 = 0;
    let k33 = 0;
    for (const f of fixtures) {
      const g = graphOf(f.order, f.edges);
      const result = checkPlanarity(g);
      if (result.planar !== f.planar) {
        problems.push(`${f.name}: verdict ${result.planar}, networkx ${f.planar}`);
        continue;
      }
      if (result.planar) {
        expect(result.embedding.offsets).toBe(g.offsets);
        const check = verifyPlanarEmbedding(g, result.embedding);
        if (!check.valid) problems.push(`${f.name}: embedding ${check.reason}`);
        embeddings++;
      } else {
        const cert = result.kuratowski as KuratowskiSubgraph;
        const check = verifyKuratowskiSubgraph(g, cert);
        if (!check.valid) problems.push(`${f.name}: certificate ${check.reason}`);
        if (cert.kind === 'K5') k5++;
        else k33++;
      }
    }
    expect(problems).toEqual([]);
    expect(embeddings).toBeGreaterThan(80);
    // Both kinds of certificate occur (subdivided K5 fixtures can only yield K5: they have no K3,3 subdivision).
    expect(k5).toBeGreaterThanOrEqual(25);
    expect(k33).toBeGreaterThan(50);
  });

  it('returns the subdivided K5 / K3,3 of the subdivision fixtures', () => {
    for (const f of fixtures.filter((x) => x.family === 'subdiv-K5' || x.family === 'subdiv-K33')) {
      const cert = kuratowskiOf(graphOf(f.order, f.edges));
      // A subdivision of K5 (max degree 4 at five nodes) contains no K3,3 subdivision and vice versa.
      expect(cert.kind).toBe(f.family === 'subdiv-K5' ? 'K5' : 'K33');
    }
  });

  it('certifies K5, K3,3 and Petersen with the expected kinds and branch nodes', () => {
    const k5 = completeGraph(5);
    const c5 = kuratowskiOf(k5);
    expect(c5.kind).toBe('K5');
    expect(Array.from(c5.edges)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Array.from(c5.branchNodes).sort()).toEqual([0, 1, 2, 3, 4]);

    const k33 = completeBipartite(3, 3);
    const c33 = kuratowskiOf(k33);
    expect(c33.kind).toBe('K33');
    expect(c33.edges.length).toBe(9);
    const sideA = Array.from(c33.branchNodes.subarray(0, 3)).sort();
    const sideB = Array.from(c33.branchNodes.subarray(3)).sort();
    expect([sideA, sideB].sort()).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);

    // Petersen has maximum degree 3: its certificate must be a subdivided K3,3.
    const petersen = graphOf(10, PETERSEN_EDGES);
    const cp = kuratowskiOf(petersen);
    expect(cp.kind).toBe('K33');
    expect(verifyKuratowskiSubgraph(petersen, cp)).toEqual({ valid: true });
  });

  it('picks the non-planar block of a graph with cut vertices and several components', () => {
    // Path 0..19, a K5 on 20..24 attached by the bridge 19–20, a disjoint triangle.
    const edges: [number, number][] = [];
    for (let i = 0; i < 19; i++) edges.push([i, i + 1]);
    for (let i = 20; i < 25; i++) for (let j = i + 1; j < 25; j++) edges.push([i, j]);
    edges.push([19, 20], [25, 26], [26, 27], [25, 27]);
    const g = graphOf(30, edges);
    const cert = kuratowskiOf(g);
    expect(cert.kind).toBe('K5');
    expect(Array.from(cert.branchNodes).sort()).toEqual([20, 21, 22, 23, 24]);
    expect(verifyKuratowskiSubgraph(g, cert)).toEqual({ valid: true });
  });

  it('certifies its verdict on 300 seeded random graphs (an embedding or a Kuratowski subgraph that verifies)', () => {
    const rng = createRng(2025);
    const problems: string[] = [];
    let planar = 0;
    for (let t = 0; t < 300; t++) {
      const n = 4 + rng.int(40);
      const m = Math.min((n * (n - 1)) / 2, Math.floor(n * (0.8 + 2.2 * rng.float64())));
      const pairs: [number, number][] = [];
      const seen = new Set<number>();
      while (pairs.length < m) {
        const u = rng.int(n);
        const v = rng.int(n);
        if (u === v || seen.has(Math.min(u, v) * n + Math.max(u, v))) continue;
        seen.add(Math.min(u, v) * n + Math.max(u, v));
        pairs.push([u, v]);
      }
      const g = graphOf(n, pairs);
      const r = checkPlanarity(g);
      const check = r.planar ? verifyPlanarEmbedding(g, r.embedding) : verifyKuratowskiSubgraph(g, r.kuratowski!);
      if (!check.valid) problems.push(`case ${t}: ${check.reason}`);
      if (r.planar) planar++;
    }
    expect(problems).toEqual([]);
    expect(planar).toBeGreaterThan(60);
    expect(planar).toBeLessThan(240);
  });

  it('returns the geometric rotation or its mirror for a grid (unique embedding up to reflection)', () => {
    const rows = 6;
    const cols = 9;
    const g = gridGraph(rows, cols);
    const r = checkPlanarity(g);
    if (!r.planar) throw new Error('grid must be planar');
    // Clockwise order from coordinates (x = column, y = row): decreasing angle.
    const cw = (v: number): number[] => {
      const nbrs = Array.from(g.targets.subarray(g.offsets[v], g.offsets[v + 1]));
      const angle = (w: number): number =>
        Math.atan2(Math.floor(w / cols) - Math.floor(v / cols), (w % cols) - (v % cols));
      return nbrs.sort((a, b) => angle(b) - angle(a));
    };
    const sameCycle = (a: number[], b: number[]): boolean =>
      a.length === b.length && a.every((x, i) => b[(b.indexOf(a[0]!) + i) % b.length] === x);
    let direct = 0;
    let mirrored = 0;
    for (let v = 0; v < g.order; v++) {
      const row = Array.from(r.embedding.rotation.subarray(g.offsets[v], g.offsets[v + 1]));
      if (row.length < 3) continue; // rows of length ≤ 2 read the same both ways
      if (sameCycle(row, cw(v))) direct++;
      if (sameCycle(row, cw(v).reverse())) mirrored++;
    }
    const rich = (rows - 2) * (cols - 2) + 2 * (rows - 2) + 2 * (cols - 2);
    expect([direct, mirrored].sort((a, b) => a - b)).toEqual([0, rich]);
  });

  it('skips the certificate with certificate: false', () => {
    const result = checkPlanarity(completeGraph(5), { certificate: false });
    expect(result).toEqual({ planar: false });
    // Planar graphs still get their embedding.
    expect(checkPlanarity(completeGraph(4), { certificate: false }).planar).toBe(true);
  });

  it('is deterministic', () => {
    const f = fixtures.find((x) => x.family === 'large') as (typeof fixtures)[number];
    const g = graphOf(f.order, f.edges);
    const a = kuratowskiOf(g);
    const b = kuratowskiOf(g);
    expect(Array.from(a.edges)).toEqual(Array.from(b.edges));
    expect(Array.from(a.branchNodes)).toEqual(Array.from(b.branchNodes));
  });

  it('handles the empty graph, one node, one edge and K4', () => {
    const empty = checkPlanarity(fromEdges([], { order: 0 }));
    expect(empty.planar).toBe(true);
    if (empty.planar) expect(empty.embedding.rotation.length).toBe(0);

    const single = fromEdges([], { order: 1 });
    const rs = checkPlanarity(single);
    expect(rs.planar && verifyPlanarEmbedding(single, rs.embedding).valid).toBe(true);

    const edge = fromEdges([[0, 1]]);
    const re = checkPlanarity(edge);
    expect(re.planar).toBe(true);
    if (re.planar) {
      expect(Array.from(re.embedding.rotation)).toEqual([1, 0]);
      expect(Array.from(re.embedding.rotationEdgeIds)).toEqual([0, 0]);
    }

    const k4 = completeGraph(4);
    const r4 = checkPlanarity(k4);
    expect(r4.planar).toBe(true);
    if (r4.planar) {
      expect(verifyPlanarEmbedding(k4, r4.embedding)).toEqual({ valid: true });
      const faces = planarFaces(k4, r4.embedding);
      expect(faces.faceCount).toBe(4);
      for (let f = 0; f < 4; f++) expect(faces.faceOffsets[f + 1]! - faces.faceOffsets[f]!).toBe(3);
    }
  });

  it('embeds a path of 10^6 nodes and a 300×300 grid without overflowing the stack', () => {
    const path = pathGraph(1_000_000);
    const rp = checkPlanarity(path);
    expect(rp.planar).toBe(true);
    if (rp.planar) expect(verifyPlanarEmbedding(path, rp.embedding)).toEqual({ valid: true });

    const grid = gridGraph(300, 300);
    const rg = checkPlanarity(grid);
    expect(rg.planar).toBe(true);
    if (rg.planar) {
      expect(verifyPlanarEmbedding(grid, rg.embedding)).toEqual({ valid: true });
      // Euler: 299² square faces plus the outer face.
      expect(planarFaces(grid, rg.embedding).faceCount).toBe(299 * 299 + 1);
    }
  });

  it('extracts a certificate from a 71×71 grid (~10^4 edges) plus three long-range edges', () => {
    const side = 71;
    const base = gridGraph(side, side);
    const rng = createRng(7);
    const edges: [number, number][] = [];
    for (let e = 0; e < base.size; e++) edges.push([base.edgeSources[e]!, base.edgeTargets[e]!]);
    // Interior nodes far apart share no face of the (unique) grid embedding: each extra edge is non-planar.
    const interior = (): number => (1 + rng.int(side - 2)) * side + 1 + rng.int(side - 2);
    while (edges.length < base.size + 3) {
      const u = interior();
      const v = interior();
      if (Math.abs(u - v) > 3 * side && edgeBetween(base, u, v) < 0) edges.push([u, v]);
    }
    const g = graphOf(side * side, edges);
    const cert = kuratowskiOf(g);
    expect(verifyKuratowskiSubgraph(g, cert)).toEqual({ valid: true });
  });

  it('rejects bad inputs with InvalidArgumentError', () => {
    const g = completeGraph(4);
    const directed = fromEdges([[0, 1]], { directed: true });
    const table: [() => unknown, string][] = [
      [() => checkPlanarity(null as never), 'graph'],
      [() => checkPlanarity(directed), 'graph'],
      [() => checkPlanarity(g, 5 as never), 'options'],
      [() => checkPlanarity(g, { certificate: 1 as never }), 'options.certificate'],
      [() => checkPlanarity(g, { certificat: false } as never), 'options.certificat'],
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
