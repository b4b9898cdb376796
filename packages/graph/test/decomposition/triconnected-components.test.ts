import { describe, expect, it } from '@jest/globals';
import {
  buildGraph,
  completeBipartiteGraph,
  completeGraph,
  createRng,
  cycleGraph,
  InvalidArgumentError,
  petersenGraph,
  randomK33FreeGraph,
  SpqrNodeType,
  spqrTree,
  triconnectedComponents,
  wheelGraph,
  type Rng,
  type TriconnectedComponents,
} from '../../src/index.js';
import {
  bruteTriconnected,
  canonicalOf,
  checkDecomposition,
  checkTreeFields,
  duplicateEdges,
  graphOf,
  multiOf,
  P,
  R,
  randomDenseBlock,
  randomPlanarBlock,
  S,
  shuffleMulti,
  sortCanonical,
  subdivide,
  toInput,
  twoSum,
  type Multi,
} from './helpers.js';

const decompose = (g: Multi): TriconnectedComponents => triconnectedComponents(toInput(g));

/** Component types as a sorted string, e.g. 'PRR'. */
function typeSignature(tc: TriconnectedComponents): string {
  return Array.from(tc.componentType, (t) => 'SPR'[t]).sort().join('');
}

/** Structural checks of `spqrTree` (components and tree fields) plus, when small, equality with the brute force. */
function verify(name: string, g: Multi, rng: Rng, bruteNodes = 11): { problems: string[]; compared: boolean } {
  const tc = spqrTree(toInput(g));
  const problems = [...checkDecomposition(g, tc, 10, rng), ...checkTreeFields(tc)].map((p) => `${name}: ${p}`);
  const compared = g.n <= bruteNodes && g.us.length <= 36;
  if (compared) {
    const ours = sortCanonical(canonicalOf(tc));
    const brute = sortCanonical(bruteTriconnected(g));
    if (JSON.stringify(ours) !== JSON.stringify(brute)) {
      problems.push(`${name}: differs from brute force ${JSON.stringify({ ours, brute })}`);
    }
  }
  return { problems, compared };
}

describe('triconnectedComponents: named graphs (closed forms)', () => {
  it('exports the type codes', () => {
    expect(SpqrNodeType).toEqual({ S, P, R });
    expect(Object.isFrozen(SpqrNodeType)).toBe(true);
  });

  it('3-connected graphs are one R component without virtual edges', () => {
    const named = [completeGraph(4), completeGraph(5), completeGraph(7), completeBipartiteGraph(3, 3), petersenGraph(), wheelGraph(9)];
    for (const g of named) {
      const tc = triconnectedComponents(g);
      expect(tc.count).toBe(1);
      expect(Array.from(tc.componentType)).toEqual([R]);
      expect(tc.virtualCount).toBe(0);
      expect(Array.from(tc.componentEdges).sort((a, b) => a - b)).toEqual(Array.from({ length: g.size }, (_, e) => e));
      expect(checkDecomposition(multiOf(g), tc)).toEqual([]);
    }
  });

  it('a cycle is one S component listed in cycle order', () => {
    for (const n of [3, 4, 9, 50]) {
      const g = cycleGraph(n);
      const tc = triconnectedComponents(g);
      expect(tc.count).toBe(1);
      expect(tc.componentType[0]).toBe(S);
      expect(tc.componentOffsets[1]).toBe(n);
      expect(checkDecomposition(multiOf(g), tc)).toEqual([]);
    }
  });

  it('a bond of k parallel edges is one P component (k = 1, 2 are the degenerate two-node cases)', () => {
    for (const k of [1, 2, 3, 7]) {
      const tc = decompose({ n: 2, us: new Array(k).fill(0), vs: new Array(k).fill(1) });
      expect(tc.count).toBe(1);
      expect(tc.componentType[0]).toBe(P);
      expect(tc.componentOffsets[1]).toBe(k);
      expect(tc.virtualCount).toBe(0);
    }
  });

  it('empty and single-node inputs have no component', () => {
    for (const g of [graphOf(0, []), graphOf(1, []), { order: 1, sources: [], targets: [] }]) {
      const tc = triconnectedComponents(g);
      expect(tc.count).toBe(0);
      expect(tc.componentOffsets).toEqual(new Int32Array(1));
      expect(tc.virtualCount).toBe(0);
    }
  });

  it('theta graph (three paths of length 2 between two nodes): a P node with three S neighbours', () => {
    const g = graphOf(5, [
      [0, 2],
      [2, 1],
      [0, 3],
      [3, 1],
      [0, 4],
      [4, 1],
    ]);
    const tc = triconnectedComponents(g);
    expect(typeSignature(tc)).toBe('PSSS');
    expect(tc.virtualCount).toBe(6);
    const p = tc.componentType.indexOf(P);
    // The bond holds exactly the three virtual edges {0, 1}.
    const bond = Array.from(tc.componentEdges.subarray(tc.componentOffsets[p], tc.componentOffsets[p + 1]));
    expect(bond.every((x) => x >= g.size)).toBe(true);
    expect(bond.map((x) => [tc.virtualSources[x - g.size], tc.virtualTargets[x - g.size]])).toEqual([
      [0, 1],
      [0, 1],
      [0, 1],
    ]);
    expect(checkDecomposition(multiOf(g), tc)).toEqual([]);
  });

  it('two K4 glued along an edge: R–P–R when the edge is kept, R–R when it is deleted', () => {
    const k4 = multiOf(completeGraph(4));
    const kept = decompose(twoSum(k4, 0, k4, 5, true));
    expect(typeSignature(kept)).toBe('PRR');
    const p = kept.componentType.indexOf(P);
    expect(kept.componentOffsets[p + 1]! - kept.componentOffsets[p]!).toBe(3); // the real edge and two virtual
    const deleted = decompose(twoSum(k4, 0, k4, 5, false));
    expect(typeSignature(deleted)).toBe('RR');
    expect(deleted.virtualCount).toBe(2);
  });

  it('two cycles glued along a deleted edge merge into one S; kept edge gives S–P–S', () => {
    const c5 = multiOf(cycleGraph(5));
    const c4 = multiOf(cycleGraph(4));
    const merged = decompose(twoSum(c5, 2, c4, 1, false));
    expect(typeSignature(merged)).toBe('S');
    expect(merged.componentOffsets[1]).toBe(7);
    expect(typeSignature(decompose(twoSum(c5, 2, c4, 1, true)))).toBe('PSS');
  });

  it('a triangle with one doubled edge: S and P (real, real, virtual)', () => {
    const tc = decompose({ n: 3, us: [0, 1, 2, 0], vs: [1, 2, 0, 1] });
    expect(typeSignature(tc)).toBe('PS');
    const p = tc.componentType.indexOf(P);
    const bond = Array.from(tc.componentEdges.subarray(tc.componentOffsets[p], tc.componentOffsets[p + 1])).sort();
    expect(bond.slice(0, 2)).toEqual([0, 3]);
    expect(checkDecomposition({ n: 3, us: [0, 1, 2, 0], vs: [1, 2, 0, 1] }, tc)).toEqual([]);
  });

  it('a K4 with every edge tripled: one R of six virtual edges and six bonds', () => {
    const g = duplicateEdges(multiOf(completeGraph(4)), () => 2);
    const tc = decompose(g);
    expect(typeSignature(tc)).toBe('PPPPPPR');
    expect(checkDecomposition(g, tc)).toEqual([]);
  });

  it('a subdivided K3,3 (every edge a path of 3): R with nine S neighbours', () => {
    const g = subdivide(multiOf(completeBipartiteGraph(3, 3)), () => 2);
    const tc = decompose(g);
    expect(typeSignature(tc)).toBe(`R${'S'.repeat(9)}`);
    expect(checkDecomposition(g, tc)).toEqual([]);
  });
});

describe('triconnectedComponents: random biconnected (multi)graphs against the definition', () => {
  it('SPQR trees of over 300 mixed inputs: valid S/P/R components, twins, tree, 2-sum rebuild, brute force when small', () => {
    const rng = createRng(20260101);
    const problems: string[] = [];
    let total = 0;
    let compared = 0;
    const seenTypes = [0, 0, 0];
    const run = (name: string, g: Multi | null): void => {
      if (g === null || g.us.length < 2) return;
      const r = verify(name, g, rng);
      problems.push(...r.problems);
      total++;
      if (r.compared) compared++;
      const tc = decompose(g);
      for (const t of tc.componentType) seenTypes[t]!++;
    };
    const asMulti = (g: ReturnType<typeof randomDenseBlock>): Multi | null => (g === null ? null : multiOf(g));
    for (let i = 0; i < 60; i++) {
      // Random dense graphs (largest block of G(n, p)), relabelled.
      const dense = asMulti(randomDenseBlock(4 + rng.int(8), 0.25 + 0.5 * rng.float64(), rng));
      run(`dense ${i}`, dense && shuffleMulti(dense, rng));
      // Random planar blocks (thinned Delaunay triangulations).
      const planar = asMulti(randomPlanarBlock(4 + rng.int(9), 0.4 + 0.6 * rng.float64(), rng));
      run(`planar ${i}`, planar && shuffleMulti(planar, rng));
      // Multigraph inputs: some edges doubled or tripled.
      const copies = (): number => (rng.float64() < 0.25 ? 1 + rng.int(2) : 0);
      run(`planar multi ${i}`, planar && shuffleMulti(duplicateEdges(planar, copies), rng));
      // Subdivisions (degree-2 chains, S components).
      run(`dense subdivided ${i}`, dense && shuffleMulti(subdivide(dense, () => (rng.float64() < 0.2 ? 1 : 0)), rng));
      // 2-sums of two random pieces (shared edge kept or deleted).
      if (dense && planar) {
        const sum = twoSum(dense, rng.int(dense.us.length), planar, rng.int(planar.us.length), rng.float64() < 0.5);
        run(`2-sum ${i}`, shuffleMulti(sum, rng));
      }
    }
    // Cycles, bonds, wheels, complete graphs, K3,3, Petersen, with random multi-edges.
    for (let i = 0; i < 20; i++) {
      run(`cycle ${i}`, shuffleMulti(multiOf(cycleGraph(3 + rng.int(12))), rng));
      const k = 2 + rng.int(6);
      run(`bond ${i}`, { n: 2, us: new Array(k).fill(0), vs: new Array(k).fill(1) });
      run(`wheel ${i}`, shuffleMulti(multiOf(wheelGraph(4 + rng.int(8))), rng));
      const named = [completeGraph(4), completeGraph(5), completeBipartiteGraph(3, 3), petersenGraph()][i % 4]!;
      run(`named ${i}`, shuffleMulti(duplicateEdges(multiOf(named), () => (rng.float64() < 0.2 ? 1 : 0)), rng));
    }
    // K3,3-free graphs built by 2-sums of planar pieces and K5s, some with parallel edges (larger: structure only).
    for (let i = 0; i < 40; i++) {
      const gen = randomK33FreeGraph(8 + rng.int(i < 20 ? 6 : 150), {
        rng,
        k5Probability: rng.float64(),
        deleteSharedEdgeProbability: rng.float64(),
        maxPieceOrder: 3 + rng.int(8),
      }).graph;
      let g = multiOf(gen);
      if (i % 2 === 1) g = duplicateEdges(g, () => (rng.float64() < 0.1 ? 1 : 0));
      run(`k33-free ${i}`, shuffleMulti(g, rng));
    }
    expect(problems).toEqual([]);
    expect(total).toBeGreaterThanOrEqual(300);
    // Measured: 364 inputs, 287 compared with brute force; 1125 S, 1074 P and 591 R components in all.
    expect(compared).toBeGreaterThanOrEqual(250);
    expect(Math.min(...seenTypes)).toBeGreaterThan(100);
  });

  it('is unique: relabelling nodes and permuting edges gives the same components (larger graphs)', () => {
    const rng = createRng(7);
    for (let i = 0; i < 20; i++) {
      const gen = randomK33FreeGraph(200 + rng.int(300), {
        rng,
        k5Probability: 0.3,
        deleteSharedEdgeProbability: 0.3,
        maxPieceOrder: 4 + rng.int(30),
      }).graph;
      const g = duplicateEdges(multiOf(gen), () => (rng.float64() < 0.05 ? 1 : 0));
      // Relabel with a known permutation, keeping edge ids, so canonical forms are comparable after mapping back.
      const perm = Array.from({ length: g.n }, (_, v) => v);
      for (let j = perm.length - 1; j > 0; j--) {
        const k = rng.int(j + 1);
        [perm[j], perm[k]] = [perm[k]!, perm[j]!];
      }
      const inverse = new Array<number>(g.n);
      perm.forEach((p, v) => (inverse[p] = v));
      const relabelled: Multi = { n: g.n, us: g.us.map((u) => perm[u]!), vs: g.vs.map((v) => perm[v]!) };
      const a = decompose(g);
      const b = decompose(relabelled);
      expect(checkDecomposition(g, a, 10, rng)).toEqual([]);
      const mapBack = (tc: TriconnectedComponents): TriconnectedComponents => {
        const vs = Int32Array.from(tc.virtualSources, (u, k) => Math.min(inverse[u]!, inverse[tc.virtualTargets[k]!]!));
        const vt = Int32Array.from(tc.virtualSources, (u, k) => Math.max(inverse[u]!, inverse[tc.virtualTargets[k]!]!));
        return { ...tc, virtualSources: vs, virtualTargets: vt };
      };
      expect(sortCanonical(canonicalOf(mapBack(b)))).toEqual(sortCanonical(canonicalOf(a)));
    }
  });

  it('handles long paths iteratively (a 200000-cycle, and a 100000-rung ladder)', () => {
    const cyc = triconnectedComponents(cycleGraph(200000));
    expect(cyc.count).toBe(1);
    expect(cyc.componentType[0]).toBe(S);
    // Ladder with L rungs i–(i + L): every inner rung is a separation pair, so the components are the L − 1
    // squares (S) and, between consecutive squares, a bond (P) of the inner rung and two virtual edges.
    const L = 100000;
    const edges: [number, number][] = [];
    for (let i = 0; i + 1 < L; i++) {
      edges.push([i, i + 1]);
      edges.push([L + i, L + i + 1]);
    }
    for (let i = 0; i < L; i++) edges.push([i, L + i]);
    const ladder = graphOf(2 * L, edges);
    const tc = triconnectedComponents(ladder);
    expect(tc.count).toBe(2 * L - 3);
    let s = 0;
    let p = 0;
    for (const t of tc.componentType) if (t === S) s++;
    else if (t === P) p++;
    expect([s, p]).toEqual([L - 1, L - 2]);
  });
});

describe('triconnectedComponents: bad inputs', () => {
  const cases: [string, string, unknown][] = [
    ['a path (cut vertices)', 'graph', graphOf(3, [[0, 1], [1, 2]])],
    ['two triangles sharing a node', 'graph', graphOf(5, [[0, 1], [1, 2], [2, 0], [2, 3], [3, 4], [4, 2]])],
    ['a disconnected graph', 'graph', graphOf(6, [[0, 1], [1, 2], [2, 0], [3, 4], [4, 5], [5, 3]])],
    ['a triangle plus an isolated node', 'graph', graphOf(4, [[0, 1], [1, 2], [2, 0]])],
    ['two isolated nodes', 'graph', graphOf(2, [])],
    ['a multigraph with a cut vertex', 'graph', { order: 3, sources: [0, 0, 1, 1], targets: [1, 1, 2, 2] }],
    ['a self-loop', 'graph.targets[3]', { order: 3, sources: [0, 1, 2, 1], targets: [1, 2, 0, 1] }],
    ['an endpoint out of range', 'graph.targets[2]', { order: 3, sources: [0, 1, 2], targets: [1, 2, 3] }],
    ['a negative endpoint', 'graph.sources[1]', { order: 3, sources: [0, -1, 2], targets: [1, 2, 0] }],
    ['a NaN endpoint', 'graph.sources[1]', { order: 3, sources: [0, Number.NaN, 2], targets: [1, 2, 0] }],
    ['a fractional endpoint', 'graph.targets[0]', { order: 3, sources: [0, 1, 2], targets: [1.5, 2, 0] }],
    ['a NaN order', 'graph.order', { order: Number.NaN, sources: [0], targets: [1] }],
    ['a negative order', 'graph.order', { order: -2, sources: [], targets: [] }],
    ['targets of another length', 'graph.targets', { order: 3, sources: [0, 1, 2], targets: [1, 2] }],
    ['sources not an array', 'graph.sources', { order: 3, sources: 'abc', targets: [1, 2, 0] }],
    ['null', 'graph', null],
    ['a number', 'graph', 5],
    ['a directed graph', 'graph', buildGraph({ order: 3, sources: [0, 1, 2], targets: [1, 2, 0] }, { directed: true }).graph],
    ['a Graph-like object with wrong arrays', 'graph', { ...graphOf(3, [[0, 1], [1, 2], [2, 0]]), offsets: [0, 2, 4, 6] }],
  ];
  it.each(cases)('%s → InvalidArgumentError on %s', (_name, argument, input) => {
    let caught: unknown;
    try {
      triconnectedComponents(input as never);
    } catch (e) {
      caught = e;
    }
    expect(InvalidArgumentError.isInstance(caught)).toBe(true);
    const err = caught as InvalidArgumentError;
    expect(err.argument).toBe(argument);
    expect(err.message).toMatch(/^@isinglab\/graph triconnectedComponents: /);
  });
});
