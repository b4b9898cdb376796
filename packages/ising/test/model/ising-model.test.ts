import { describe, expect, it } from '@jest/globals';
import {
  InvalidArgumentError,
  completeGraph,
  createRng,
  cycleGraph,
  erdosRenyiGnp,
  fromEdges,
  petersenGraph,
  squareLattice,
  type Graph,
} from '@isinglab/graph';
import {
  createIsingModel,
  energies,
  energy,
  flipEnergyDelta,
  localFields,
  magnetisations,
  randomSpins,
  withBeta,
  withFields,
} from '../../src/model/index.js';

/** Energy straight from Eq. 2 over the edge-id list: the reference for everything else here. */
function naiveEnergy(graph: Graph, J: Float64Array, h: Float64Array, x: Int8Array, base = 0): number {
  let e = 0;
  for (let k = 0; k < graph.size; k++) e -= J[k]! * x[base + graph.edgeSources[k]!]! * x[base + graph.edgeTargets[k]!]!;
  for (let i = 0; i < graph.order; i++) e -= h[i]! * x[base + i]!;
  return e;
}

const graphs: [string, Graph][] = [
  ['K4', completeGraph(4)],
  ['cycle 7', cycleGraph(7)],
  ['Petersen', petersenGraph()],
  ['4x5 torus', squareLattice(4, 5, { periodic: true })],
  ['G(30, 0.2)', erdosRenyiGnp(30, 0.2, { rng: createRng(3) })],
  ['empty', fromEdges([], { order: 0 })],
];

describe('createIsingModel', () => {
  it('defaults to J = 1, h = 0, β = 1 and flags uniform couplings and zero fields', () => {
    const m = createIsingModel(cycleGraph(5));
    expect(Array.from(m.couplings)).toEqual([1, 1, 1, 1, 1]);
    expect(m.uniformCoupling).toBe(1);
    expect(m.zeroField).toBe(true);
    expect(m.beta).toBe(1);
    const varied = createIsingModel(cycleGraph(3), { couplings: [1, -1, 2], fields: [0, 0.5, 0] });
    expect(varied.uniformCoupling).toBeUndefined();
    expect(varied.zeroField).toBe(false);
  });

  it('takes couplings from edge weights', () => {
    const g = fromEdges([[0, 1], [1, 2]], { weights: [0.5, -2] });
    expect(Array.from(createIsingModel(g, { couplings: 'weights' }).couplings)).toEqual([0.5, -2]);
  });

  it('withBeta and withFields share the graph and couplings', () => {
    const m = createIsingModel(cycleGraph(4), { couplings: [1, 2, 3, 4] });
    const hot = withBeta(m, 0.1);
    expect(hot.beta).toBe(0.1);
    expect(hot.couplings).toBe(m.couplings);
    const f = withFields(m, [1, 0, 0, 0]);
    expect(f.zeroField).toBe(false);
    expect(f.fields[0]).toBe(1);
  });

  const bad: [string, () => unknown, string][] = [
    ['directed graph', () => createIsingModel(fromEdges([[0, 1]], { directed: true })), 'graph'],
    ['negative beta', () => createIsingModel(cycleGraph(3), { beta: -1 }), 'options.beta'],
    ['NaN beta', () => createIsingModel(cycleGraph(3), { beta: Number.NaN }), 'options.beta'],
    ['short couplings', () => createIsingModel(cycleGraph(3), { couplings: [1, 2] }), 'options.couplings.length'],
    ['NaN coupling', () => createIsingModel(cycleGraph(3), { couplings: [1, Number.NaN, 2] }), 'options.couplings[1]'],
    ['infinite field', () => createIsingModel(cycleGraph(3), { fields: [0, 0, Infinity] }), 'options.fields[2]'],
    ['weights missing', () => createIsingModel(cycleGraph(3), { couplings: 'weights' }), 'options.couplings'],
    ['unknown option', () => createIsingModel(cycleGraph(3), { temperature: 1 } as never), 'options.temperature'],
    ['not a graph', () => createIsingModel({} as never), 'graph'],
  ];
  it.each(bad)('rejects %s', (_name, call, argument) => {
    let caught: unknown;
    try {
      call();
    } catch (error) {
      caught = error;
    }
    expect(InvalidArgumentError.isInstance(caught)).toBe(true);
    expect((caught as InvalidArgumentError).argument).toBe(argument);
  });
});

describe('energy, local fields and flip cost', () => {
  it.each(graphs)('agree with Eq. 2 on %s with random J, h and 5 chains', (_name, graph) => {
    const rng = createRng(11);
    const J = Float64Array.from({ length: graph.size }, () => rng.normal());
    const h = Float64Array.from({ length: graph.order }, () => rng.normal());
    const model = createIsingModel(graph, { couplings: J, fields: h, beta: 0.7 });
    const chains = 5;
    const x = graph.order === 0 ? new Int8Array(0) : randomSpins(graph.order, chains, rng);
    if (graph.order === 0) return;
    const e = energies(model, x);
    const heff = localFields(model, x);
    const m = magnetisations(model, x);
    for (let c = 0; c < chains; c++) {
      const ref = naiveEnergy(graph, J, h, x, c * graph.order);
      // Same terms summed in a different order: 1e-12 relative.
      expect(e[c]).toBeCloseTo(ref, 10);
      expect(energy(model, x, c)).toBe(e[c]);
      let s = 0;
      let eq6 = 0;
      for (let i = 0; i < graph.order; i++) {
        s += x[c * graph.order + i]!;
        // Eq. 6: E = −Σ_i x_i (h_i + ½ Σ_j J x_j) — the pair part is counted from both ends.
        eq6 -= x[c * graph.order + i]! * (heff[c * graph.order + i]! + h[i]!) / 2;
        const before = naiveEnergy(graph, J, h, x, c * graph.order);
        const delta = flipEnergyDelta(model, x, i, c);
        x[c * graph.order + i] = -x[c * graph.order + i]! as -1 | 1;
        const after = naiveEnergy(graph, J, h, x, c * graph.order);
        x[c * graph.order + i] = -x[c * graph.order + i]! as -1 | 1;
        expect(delta).toBeCloseTo(after - before, 10);
      }
      expect(eq6).toBeCloseTo(ref, 10);
      expect(m[c]).toBeCloseTo(s / graph.order, 14);
    }
  });

  it('rejects spins that are not ±1 or of the wrong length, naming the entry', () => {
    const model = createIsingModel(cycleGraph(4));
    const cases: [unknown, string][] = [
      [new Int8Array([1, 1, 0, 1]), 'spins[2]'],
      [new Int8Array([1, 1, 1]), 'spins.length'],
      [[1, 1, 1, 1], 'spins'],
    ];
    for (const [spins, argument] of cases) {
      let caught: unknown;
      try {
        energies(model, spins as Int8Array);
      } catch (error) {
        caught = error;
      }
      expect(InvalidArgumentError.isInstance(caught)).toBe(true);
      expect((caught as InvalidArgumentError).argument).toBe(argument);
    }
  });

  it('draws random initial spins with both signs about equally often (binomial, 5σ)', () => {
    const x = randomSpins(1000, 20, createRng(0));
    let plus = 0;
    for (const s of x) plus += s === 1 ? 1 : 0;
    // 20000 fair coin flips: mean 10000, σ ≈ 70.7.
    expect(Math.abs(plus - 10000)).toBeLessThan(5 * 70.7);
    expect(Array.from(randomSpins(10, 1, createRng(4)))).toEqual(Array.from(randomSpins(10, 1, createRng(4))));
  });
});
