import { describe, expect, it } from '@jest/globals';
import {
  InvalidArgumentError,
  completeGraph,
  createRng,
  cycleGraph,
  karateClub,
  pathGraph,
  squareLattice,
  type Graph,
} from '@isinglab/graph';
import { createIsingModel, type IsingModel } from '@isinglab/ising';
import { fvsReduction, type FvsReduction } from '../../src/reduction/fvs-reduction.js';
import { modelZoo } from './helpers.js';

/**
 * Certificate check written from the definition: F is distinct nodes, `forestOrder` lists every other node once,
 * each node has at most one not-yet-removed forest neighbour when removed and that neighbour is its recorded
 * parent (so the forest has no cycle), and the per-edge tables partition the edges with couplings × β.
 */
function checkCertificate(model: IsingModel, r: FvsReduction): void {
  const g: Graph = model.graph;
  const n = g.order;
  const inF = new Uint8Array(n);
  for (const v of r.fvsNodes) {
    expect(inF[v]).toBe(0);
    inF[v] = 1;
  }
  for (let v = 0; v < n; v++) expect(r.fvsPosition[v]).toBe(inF[v] ? Array.from(r.fvsNodes).indexOf(v) : -1);
  expect(r.fvsNodes.length + r.forestOrder.length).toBe(n);
  const gone = inF.slice();
  let roots = 0;
  for (const v of r.forestOrder) {
    expect(gone[v]).toBe(0);
    const remaining: number[] = [];
    for (let q = g.offsets[v]!; q < g.offsets[v + 1]!; q++) if (!gone[g.targets[q]!]) remaining.push(g.targets[q]!);
    expect(remaining.length).toBeLessThanOrEqual(1);
    expect(r.forestParent[v]).toBe(remaining.length === 1 ? remaining[0] : -1);
    if (remaining.length === 0) roots++;
    else {
      const e = r.parentEdge[v]!;
      const ends = [g.edgeSources[e], g.edgeTargets[e]].sort();
      expect(ends).toEqual([v, remaining[0]!].sort());
      expect(r.parentCouplings[v]).toBe(model.beta * model.couplings[e]!);
    }
    gone[v] = 1;
  }
  expect(r.treeCount).toBe(roots);
  for (const v of r.fvsNodes) expect(r.forestParent[v]).toBe(-1);
  // every edge is exactly one of: forest (child → parent), FVS–FVS, boundary
  const seen = new Int32Array(g.size);
  for (const v of r.forestOrder) if (r.parentEdge[v]! >= 0) seen[r.parentEdge[v]!]!++;
  for (let c = 0; c < r.fvsEdges.length; c++) {
    const e = r.fvsEdges[c]!;
    seen[e]!++;
    expect(r.fvsEdgeCouplings[c]).toBe(model.beta * model.couplings[e]!);
    expect([r.fvsNodes[r.fvsEdgeFrom[c]!], r.fvsNodes[r.fvsEdgeTo[c]!]].sort()).toEqual([g.edgeSources[e], g.edgeTargets[e]].sort());
  }
  for (let k = 0; k < r.fvsNodes.length; k++) {
    for (let q = r.boundaryOffsets[k]!; q < r.boundaryOffsets[k + 1]!; q++) {
      const e = r.boundaryEdges[q]!;
      seen[e]!++;
      expect(inF[r.boundaryNodes[q]!]).toBe(0);
      expect([r.fvsNodes[k], r.boundaryNodes[q]].sort()).toEqual([g.edgeSources[e], g.edgeTargets[e]].sort());
      expect(r.boundaryCouplings[q]).toBe(model.beta * model.couplings[e]!);
    }
  }
  for (let e = 0; e < g.size; e++) expect(seen[e]).toBe(1);
  for (let v = 0; v < n; v++) expect(r.scaledFields[v]).toBe(model.beta * model.fields[v]!);
}

describe('fvsReduction', () => {
  it.each(modelZoo(7).map((z) => [z.name, z.model] as const))('certificate: %s', (_name, model) => {
    checkCertificate(model, fvsReduction(model));
  });

  it('default FVS of the karate club: 7 nodes (CoreHD + reinsertion)', () => {
    const r = fvsReduction(createIsingModel(karateClub(), { beta: 0.5 }));
    expect(r.fvsNodes.length).toBe(7);
    expect(r.forestOrder.length).toBe(27);
  });

  it('a tree has an empty FVS and one root; a cycle needs one node', () => {
    const tree = fvsReduction(createIsingModel(pathGraph(6)));
    expect(tree.fvsNodes.length).toBe(0);
    expect(tree.treeCount).toBe(1);
    expect(fvsReduction(createIsingModel(cycleGraph(7))).fvsNodes.length).toBe(1);
  });

  it('keeps a caller-given FVS in the caller order and checks it', () => {
    const model = createIsingModel(squareLattice(3, 3), { couplings: 0.7, fields: 0.1, beta: 0.9 });
    const r = fvsReduction(model, { fvs: [8, 4, 0, 2, 6] });
    expect(Array.from(r.fvsNodes)).toEqual([8, 4, 0, 2, 6]);
    expect(r.fvsPosition[4]).toBe(1);
    checkCertificate(model, r);
    // every node: no forest at all
    const all = fvsReduction(model, { fvs: new Int32Array([3, 1, 4, 0, 5, 2, 8, 7, 6]) });
    expect(all.forestOrder.length).toBe(0);
    checkCertificate(model, all);
  });

  it('CoreHD with an rng still gives a valid certificate', () => {
    const model = createIsingModel(completeGraph(7), { beta: 0.3 });
    const r = fvsReduction(model, { rng: createRng(4) });
    expect(r.fvsNodes.length).toBe(5);
    checkCertificate(model, r);
  });

  describe('bad inputs', () => {
    const model = createIsingModel(squareLattice(3, 3), { beta: 0.5 });
    const table: [string, () => unknown, string][] = [
      ['not a model', () => fvsReduction({} as never), 'model'],
      ['a graph instead of a model', () => fvsReduction(squareLattice(2, 2) as never), 'model'],
      ['options not an object', () => fvsReduction(model, 3 as never), 'options'],
      ['unknown option', () => fvsReduction(model, { set: [0] } as never), 'options.set'],
      ['fvs not an array', () => fvsReduction(model, { fvs: 4 as never }), 'options.fvs'],
      ['fvs leaves a cycle', () => fvsReduction(model, { fvs: [0] }), 'options.fvs'],
      ['fvs id out of range', () => fvsReduction(model, { fvs: [4, 9] }), 'options.fvs[1]'],
      ['fvs id negative', () => fvsReduction(model, { fvs: [-1] }), 'options.fvs[0]'],
      ['fvs id not an integer', () => fvsReduction(model, { fvs: [1.5] }), 'options.fvs[0]'],
      ['fvs repeated', () => fvsReduction(model, { fvs: [4, 4] }), 'options.fvs[1]'],
      ['rng not an rng', () => fvsReduction(model, { rng: {} as never }), 'options.rng'],
      ['rng together with fvs', () => fvsReduction(model, { fvs: [4, 0, 2, 6, 8], rng: createRng(1) }), 'options.rng'],
    ];
    it.each(table)('%s', (_name, call, argument) => {
      let caught: unknown;
      try {
        call();
      } catch (err) {
        caught = err;
      }
      expect(InvalidArgumentError.isInstance(caught)).toBe(true);
      expect((caught as InvalidArgumentError).argument).toBe(argument);
      expect((caught as Error).message).toMatch(/^@isinglab\/fvs-van fvsReduction: /);
    });
  });
});
