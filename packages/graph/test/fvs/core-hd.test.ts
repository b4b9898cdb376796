import { describe, expect, it } from '@jest/globals';
import { fromEdges } from '../../src/core/build-graph.js';
import type { Graph } from '../../src/core/graph.js';
import { InvalidArgumentError } from '../../src/errors/errors.js';
import { createRng } from '../../src/random/rng.js';
import { coreHdFeedbackVertexSet, isForest, verifyFeedbackVertexSet, type FeedbackVertexSet } from '../../src/fvs/index.js';
import {
  bruteIsForest,
  bruteMinFvs,
  checkLeafOrder,
  gnpEdges,
  loadFvsFixture,
  randomFvsGraphs,
  randomTreeEdges,
  type FvsCase,
} from './helpers.js';

/** Every certificate check: sorted distinct members, inSet, forest left (two independent ways), peeling order. */
function expectCertificate(c: FvsCase, r: FeedbackVertexSet): void {
  const members = Array.from(r.nodes);
  for (let i = 1; i < members.length; i++) expect(members[i]!).toBeGreaterThan(members[i - 1]!);
  expect(r.inSet.length).toBe(c.n);
  expect(Array.from(r.inSet).reduce((s, x) => s + x, 0)).toBe(members.length);
  for (const v of members) expect(r.inSet[v]).toBe(1);
  expect({ name: c.name, forest: bruteIsForest(c.n, c.edges, r.inSet) }).toEqual({ name: c.name, forest: true });
  expect(isForest(c.graph, r.inSet)).toBe(true);
  expect({ name: c.name, order: checkLeafOrder(c.n, c.edges, r.inSet, r.forestOrder, r.forestParent) }).toEqual({
    name: c.name,
    order: null,
  });
  expect(
    verifyFeedbackVertexSet(c.graph, r.nodes, { forestOrder: r.forestOrder, forestParent: r.forestParent }),
  ).toEqual({ valid: true });
}

function edgesOf(n: number, pairs: [number, number][]): FvsCase {
  return { name: `n${n}`, n, edges: pairs, graph: fromEdges(pairs, { order: n }) };
}

describe('coreHdFeedbackVertexSet', () => {
  const fixture = loadFvsFixture();
  const random = randomFvsGraphs(51, 210);

  it(`leaves a forest with a valid leaf-removal order on ${random.length} random and ${fixture.length} networkx graphs`, () => {
    for (const c of [...random, ...fixture]) {
      expectCertificate(c, coreHdFeedbackVertexSet(c.graph));
      expectCertificate(c, coreHdFeedbackVertexSet(c.graph, { refine: false }));
      expectCertificate(c, coreHdFeedbackVertexSet(c.graph, { rng: createRng(c.n) }));
    }
  });

  it('reinsertion only shrinks the set, to a minimal one (no member can be dropped), on the same graphs', () => {
    let shrunk = 0;
    for (const c of [...random, ...fixture]) {
      for (const rngSeed of [undefined, 7]) {
        const opts = rngSeed === undefined ? {} : { rng: createRng(rngSeed) };
        const raw = coreHdFeedbackVertexSet(c.graph, { ...opts, refine: false });
        const optsAgain = rngSeed === undefined ? {} : { rng: createRng(rngSeed) };
        const refined = coreHdFeedbackVertexSet(c.graph, { ...optsAgain, refine: true });
        expect(refined.nodes.length).toBeLessThanOrEqual(raw.nodes.length);
        for (const v of refined.nodes) expect(raw.inSet[v]).toBe(1);
        if (refined.nodes.length < raw.nodes.length) shrunk++;
        const without = refined.inSet.slice();
        for (const v of refined.nodes) {
          without[v] = 0;
          expect({ name: c.name, v, forest: bruteIsForest(c.n, c.edges, without) }).toEqual({ name: c.name, v, forest: false });
          without[v] = 1;
        }
      }
    }
    expect(shrunk).toBeGreaterThan(0); // reinsertion does something on these graphs
  });

  it('deletes only nodes of the 2-core (networkx core_number ≥ 2); empty 2-core ⇒ empty set', () => {
    for (const c of fixture) {
      const r = coreHdFeedbackVertexSet(c.graph, { refine: false });
      for (const v of r.nodes) expect({ name: c.name, v, core: c.coreNumber![v]! >= 2 }).toEqual({ name: c.name, v, core: true });
      if (c.coreNumber!.every((k) => k < 2)) expect(r.nodes.length).toBe(0);
    }
    const karate = fixture.find((c) => c.name === 'karate')!;
    // Karate club (n = 34): CoreHD + reinsertion finds 7 members; the bound guards against regressions only.
    expect(coreHdFeedbackVertexSet(karate.graph).nodes.length).toBeLessThanOrEqual(8);
  });

  it('named graphs: trees and forests give ∅, a cycle gives 1, K_n gives n − 2 (optimal), Petersen gives 3', () => {
    const rng = createRng(52);
    for (let t = 0; t < 30; t++) {
      const n = 1 + rng.int(60);
      expect(coreHdFeedbackVertexSet(edgesOf(n, randomTreeEdges(rng, n)).graph).nodes.length).toBe(0);
    }
    // A forest: two stars and a path, plus isolated nodes.
    const forest = edgesOf(12, [[0, 1], [0, 2], [0, 3], [4, 5], [4, 6], [7, 8], [8, 9]]);
    const rf = coreHdFeedbackVertexSet(forest.graph);
    expect(rf.nodes.length).toBe(0);
    expectCertificate(forest, rf);
    for (let n = 3; n <= 20; n++) {
      const c = edgesOf(n, Array.from({ length: n }, (_, i) => [i, (i + 1) % n] as [number, number]));
      const r = coreHdFeedbackVertexSet(c.graph);
      expect(Array.from(r.nodes)).toEqual([0]); // all degrees 2: the smallest id
      expectCertificate(c, r);
    }
    for (let n = 1; n <= 10; n++) {
      const pairs: [number, number][] = [];
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) pairs.push([i, j]);
      const c = edgesOf(n, pairs);
      const r = coreHdFeedbackVertexSet(c.graph);
      expect({ n, size: r.nodes.length }).toEqual({ n, size: Math.max(0, n - 2) });
      expectCertificate(c, r);
    }
    const pet: [number, number][] = [];
    for (let i = 0; i < 5; i++) pet.push([i, (i + 1) % 5], [i, i + 5], [5 + i, 5 + ((i + 2) % 5)]);
    const petersen = edgesOf(10, pet);
    expect(bruteMinFvs(10, pet)).toBe(3);
    expect(coreHdFeedbackVertexSet(petersen.graph).nodes.length).toBe(3);
  });

  // Measured on these 200 graphs (191 with a cycle): mean |CoreHD| / |optimum| = 1.008 (1.009 without reinsertion),
  // above the optimum on 6 graphs, never by more than 1.
  it('is within optimum + 1 of the brute-force minimum FVS on 200 graphs with n ≤ 14 (mean ratio ≤ 1.05)', () => {
    const rng = createRng(53);
    let ratioSum = 0;
    let counted = 0;
    for (let t = 0; t < 200; t++) {
      const n = 3 + rng.int(12);
      const edges = gnpEdges(rng, n, Math.min(1, (1.5 + 4 * rng.float64()) / (n - 1)));
      const c = edgesOf(n, edges);
      const size = coreHdFeedbackVertexSet(c.graph).nodes.length;
      const opt = bruteMinFvs(n, edges);
      expect(size).toBeGreaterThanOrEqual(opt); // sanity of both sides
      expect({ t, excess: size - opt <= 1 }).toEqual({ t, excess: true });
      if (opt > 0) {
        ratioSum += size / opt;
        counted++;
      }
    }
    expect(counted).toBeGreaterThan(150);
    expect(ratioSum / counted).toBeLessThanOrEqual(1.05);
  });

  it('random tie-breaking is reproducible from the seed', () => {
    const c = random.find((x) => x.edges.length > 2 * x.n)!;
    const a = coreHdFeedbackVertexSet(c.graph, { rng: createRng(5) });
    const b = coreHdFeedbackVertexSet(c.graph, { rng: createRng(5) });
    expect(Array.from(a.nodes)).toEqual(Array.from(b.nodes));
    expect(Array.from(a.forestOrder)).toEqual(Array.from(b.forestOrder));
  });

  it('empty and single-node graphs; 200 000-node path and cycle and a 60 000-node random graph, no recursion', () => {
    expect(coreHdFeedbackVertexSet(fromEdges([], { order: 0 }))).toEqual({
      nodes: new Int32Array(0),
      inSet: new Uint8Array(0),
      forestOrder: new Int32Array(0),
      forestParent: new Int32Array(0),
    });
    const one = coreHdFeedbackVertexSet(fromEdges([], { order: 1 }));
    expect([one.nodes.length, Array.from(one.forestOrder), Array.from(one.forestParent)]).toEqual([0, [0], [-1]]);
    const n = 200_000;
    const pathPairs = Array.from({ length: n - 1 }, (_, i) => [i, i + 1] as [number, number]);
    const p = coreHdFeedbackVertexSet(fromEdges(pathPairs, { order: n }));
    expect(p.nodes.length).toBe(0);
    expect(p.forestOrder.length).toBe(n);
    const cyc = coreHdFeedbackVertexSet(fromEdges([...pathPairs, [n - 1, 0]], { order: n }));
    expect(cyc.nodes.length).toBe(1);
    const rng = createRng(54);
    const m = 60_000;
    const pairs: [number, number][] = [];
    while (pairs.length < 1.5 * m) {
      const a = rng.int(m);
      const b = rng.int(m);
      if (a !== b) pairs.push([a, b]);
    }
    const g = fromEdges(pairs, { order: m });
    const r = coreHdFeedbackVertexSet(g);
    expect(isForest(g, r.inSet)).toBe(true);
    expect(verifyFeedbackVertexSet(g, r.nodes, { forestOrder: r.forestOrder, forestParent: r.forestParent })).toEqual({ valid: true });
    expect(r.nodes.length / m).toBeLessThan(0.2); // mean degree 3: CoreHD's decycling fraction is ≈ 0.1
  });

  it('rejects bad input', () => {
    const g = edgesOf(3, [[0, 1], [1, 2], [2, 0]]).graph;
    const table: [string, () => unknown, string][] = [
      ['not a graph', () => coreHdFeedbackVertexSet(undefined as unknown as Graph), 'graph'],
      ['directed graph', () => coreHdFeedbackVertexSet(fromEdges([[0, 1]], { directed: true })), 'graph'],
      ['options not an object', () => coreHdFeedbackVertexSet(g, 'fast' as never), 'options'],
      ['unknown option', () => coreHdFeedbackVertexSet(g, { reinsertion: true } as never), 'options.reinsertion'],
      ['refine not boolean', () => coreHdFeedbackVertexSet(g, { refine: 1 as never }), 'options.refine'],
      ['rng not an Rng', () => coreHdFeedbackVertexSet(g, { rng: 42 as never }), 'options.rng'],
    ];
    for (const [label, call, argument] of table) {
      let caught: unknown;
      try {
        call();
      } catch (err) {
        caught = err;
      }
      expect({ label, ok: InvalidArgumentError.isInstance(caught) }).toEqual({ label, ok: true });
      expect({ label, argument: (caught as InvalidArgumentError).argument }).toEqual({ label, argument });
    }
  });
});
