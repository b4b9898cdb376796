import { describe, expect, it } from '@jest/globals';
import {
  InvalidArgumentError,
  coreHdFeedbackVertexSet,
  createRng,
  fromEdges,
  karateClub,
  pathGraph,
  relabel,
  squareLattice,
  type Graph,
} from '@isinglab/graph';
import { createIsingModel, enumerateIsing, type IsingModel } from '@isinglab/ising';
import { fvsReduction } from '../../src/reduction/fvs-reduction.js';
import { enumerateFvs, MAX_FVS_ENUMERATION } from '../../src/reduction/enumerate-fvs.js';
import { fvsLogWeightsInto } from '../../src/reduction/fvs-log-weights.js';
import { logSumExp, modelZoo, naiveStateLogWeights, randomCouplings, randomFields } from './helpers.js';

/** Largest |a − b| over two arrays. */
function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}

function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(1, Math.abs(b));
}

/** Random node pairs (some equal, some FVS–FVS, most forest) as a flat array. */
function randomPairs(n: number, count: number, seed: number): Int32Array {
  const rng = createRng(seed);
  const out = new Int32Array(2 * count);
  for (let q = 0; q < 2 * count; q++) out[q] = rng.int(n);
  return out;
}

describe('enumerateFvs against brute force (enumerateIsing over all 2^N states)', () => {
  // Tolerances: both sides are double-precision sums of at most 2^20 positive terms with weights ≤ e^20 relative
  // to a reference; observed errors are ~1e-14, so 1e-10 (relative for log Z, absolute for moments in [−1, 1])
  // leaves four orders of margin while any modelling error (a lost factor, a wrong field shift) is ≥ 1e-3.
  const zoo = modelZoo(7);
  const worst = { logZ: 0, mag: 0, edge: 0, pair: 0 };

  it('has at least 50 models, N ≤ 20, covering trees, disconnected graphs and every coupling kind', () => {
    expect(zoo.length).toBeGreaterThanOrEqual(50);
    for (const { model } of zoo) expect(model.order).toBeLessThanOrEqual(20);
    expect(zoo.some(({ model }) => fvsReduction(model).fvsNodes.length === 0)).toBe(true);
    expect(zoo.some(({ model }) => fvsReduction(model).treeCount > 1)).toBe(true);
  });

  it.each(zoo.map((z) => [z.name, z.model] as const))('%s', (_name, model) => {
    const reduction = fvsReduction(model);
    const pairs = randomPairs(model.order, 12, model.order * 31 + model.graph.size);
    const got = enumerateFvs(reduction, { pairs });
    const want = enumerateIsing(model, { correlations: true });
    const n = model.order;

    expect(got.fvsSize).toBe(reduction.fvsNodes.length);
    expect(got.configurations).toBe(2 ** got.fvsSize);
    const eLogZ = relErr(got.logZ, want.logZ);
    expect(eLogZ).toBeLessThanOrEqual(1e-10);
    expect(relErr(got.freeEnergy!, want.freeEnergy!)).toBeLessThanOrEqual(1e-10);
    expect(Math.abs(got.meanEnergy - want.meanEnergy)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want.meanEnergy)));

    const eMag = maxAbsDiff(got.magnetisations, want.marginals);
    expect(eMag).toBeLessThanOrEqual(1e-10);

    const src = model.graph.edgeSources;
    const dst = model.graph.edgeTargets;
    const connected = want.edgeCorrelations.map((c, e) => c - want.marginals[src[e]!]! * want.marginals[dst[e]!]!);
    const eEdge = Math.max(maxAbsDiff(got.edgeCorrelations, want.edgeCorrelations), maxAbsDiff(got.connectedEdgeCorrelations, connected));
    expect(eEdge).toBeLessThanOrEqual(1e-10);

    const wantPairs = new Float64Array(pairs.length / 2);
    const wantConnected = new Float64Array(pairs.length / 2);
    for (let q = 0; q < wantPairs.length; q++) {
      const i = pairs[2 * q]!;
      const j = pairs[2 * q + 1]!;
      wantPairs[q] = want.correlations![i * n + j]!;
      wantConnected[q] = wantPairs[q]! - want.marginals[i]! * want.marginals[j]!;
    }
    const ePair = Math.max(maxAbsDiff(got.pairCorrelations!, wantPairs), maxAbsDiff(got.connectedPairCorrelations!, wantConnected));
    expect(ePair).toBeLessThanOrEqual(1e-10);

    worst.logZ = Math.max(worst.logZ, eLogZ);
    worst.mag = Math.max(worst.mag, eMag);
    worst.edge = Math.max(worst.edge, eEdge);
    worst.pair = Math.max(worst.pair, ePair);
  });

  it('worst errors over the zoo stay far below the tolerance (printed for the record)', () => {
    // Recorded in the package notes; the assertion guards against the loop above silently not running.
    expect(worst.logZ).toBeGreaterThanOrEqual(0);
    expect(worst.logZ + worst.mag + worst.edge + worst.pair).toBeLessThan(1e-11);
    process.stdout.write(`enumerateFvs vs brute force, worst: ${JSON.stringify(worst)}\n`);
  });
});

describe('enumerateFvs special cases', () => {
  it('β = 0: log Z = N ln 2, free energy undefined, all moments 0', () => {
    const model = createIsingModel(squareLattice(3, 3), { couplings: 1.3, fields: 0.7, beta: 0 });
    const got = enumerateFvs(fvsReduction(model));
    expect(got.logZ).toBeCloseTo(9 * Math.LN2, 14);
    expect(got.freeEnergy).toBeUndefined();
    for (const m of got.magnetisations) expect(Math.abs(m)).toBeLessThan(1e-15);
    for (const c of got.edgeCorrelations) expect(Math.abs(c)).toBeLessThan(1e-15);
  });

  it('an empty graph and a single node', () => {
    const empty = enumerateFvs(fvsReduction(createIsingModel(pathGraph(0), { beta: 1 })));
    expect(empty.logZ).toBe(0);
    expect(empty.configurations).toBe(1);
    // one spin in field h: Z = 2 cosh(βh), ⟨s⟩ = tanh(βh)
    const one = enumerateFvs(fvsReduction(createIsingModel(pathGraph(1), { fields: 0.8, beta: 1.5 })));
    expect(one.logZ).toBeCloseTo(Math.log(2 * Math.cosh(1.2)), 14);
    expect(one.magnetisations[0]).toBeCloseTo(Math.tanh(1.2), 14);
  });

  it('log Z equals the log-sum-exp of fvsLogWeightsInto over all FVS configurations (fast path ≡ plain sum)', () => {
    const rng = createRng(3);
    const graph = squareLattice(4, 4, { periodic: true });
    const model = createIsingModel(graph, { couplings: randomCouplings('gauss', graph.size, rng), fields: randomFields(16, 0.4, rng), beta: 0.9 });
    const r = fvsReduction(model);
    const f = r.fvsNodes.length;
    const count = 2 ** f;
    const spins = new Int8Array(count * f);
    for (let c = 0; c < count; c++) for (let k = 0; k < f; k++) spins[c * f + k] = (c >>> k) & 1 ? 1 : -1;
    const out = new Float64Array(count);
    fvsLogWeightsInto(r, spins, count, out);
    expect(relErr(enumerateFvs(r).logZ, logSumExp(out))).toBeLessThan(1e-13);
  });

  it('pair (i, j) equal to an edge reproduces that edge correlation; (i, i) gives 1', () => {
    const rng = createRng(11);
    const graph = squareLattice(3, 5);
    const model = createIsingModel(graph, { couplings: randomCouplings('pmJ', graph.size, rng), fields: randomFields(15, 0.5, rng), beta: 0.8 });
    const pairs: number[] = [];
    for (let e = 0; e < graph.size; e++) pairs.push(graph.edgeTargets[e]!, graph.edgeSources[e]!);
    pairs.push(4, 4);
    const got = enumerateFvs(fvsReduction(model), { pairs });
    expect(maxAbsDiff(got.pairCorrelations!.subarray(0, graph.size), got.edgeCorrelations)).toBeLessThan(1e-13);
    expect(got.pairCorrelations![graph.size]).toBeCloseTo(1, 14);
    expect(got.connectedPairCorrelations![graph.size]).toBeCloseTo(1 - got.magnetisations[4]! ** 2, 14);
  });

  it('honours an aborted signal', () => {
    const model = createIsingModel(squareLattice(3, 3), { beta: 0.5 });
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    expect(() => enumerateFvs(fvsReduction(model), { signal: controller.signal })).toThrow('stop');
  });
});

describe('large β stability (β|J| = 50)', () => {
  // Reference: a log-space brute force written in the test (max-shifted log-sum-exp over all 2^N states).
  // log Z is ~10^3 here, so 1e-10 relative is ~1e-7 absolute, still far below any modelling error.
  const cases: [string, IsingModel][] = [];
  const rng = createRng(50);
  const g1 = squareLattice(3, 4, { periodic: true });
  cases.push(['3×4 torus, ±J, β = 50', createIsingModel(g1, { couplings: randomCouplings('pmJ', g1.size, rng), beta: 50 })]);
  const g2 = squareLattice(3, 3);
  cases.push(['3×3 grid, J = 2 ferro, h random, β = 25', createIsingModel(g2, { couplings: 2, fields: randomFields(9, 0.3, rng), beta: 25 })]);
  const g3 = karateClubSubgraph12();
  cases.push(['karate 12-node subgraph, J = −5 antiferro, β = 10', createIsingModel(g3, { couplings: -5, fields: randomFields(12, 1, rng), beta: 10 })]);

  it.each(cases)('%s', (_name, model) => {
    const got = enumerateFvs(fvsReduction(model));
    const want = logSumExp(naiveStateLogWeights(model));
    expect(Number.isFinite(got.logZ)).toBe(true);
    expect(relErr(got.logZ, want)).toBeLessThanOrEqual(1e-10);
    for (const m of got.magnetisations) expect(Number.isFinite(m)).toBe(true);
    const ref = enumerateIsing(model);
    expect(maxAbsDiff(got.magnetisations, ref.marginals)).toBeLessThanOrEqual(1e-10);
    expect(maxAbsDiff(got.edgeCorrelations, ref.edgeCorrelations)).toBeLessThanOrEqual(1e-10);
  });
});

function karateClubSubgraph12(): Graph {
  // nodes 0..11 of the karate club: a connected core with many triangles
  const g = karateClub();
  const edges: [number, number][] = [];
  for (let e = 0; e < g.size; e++) if (g.edgeSources[e]! < 12 && g.edgeTargets[e]! < 12) edges.push([g.edgeSources[e]!, g.edgeTargets[e]!]);
  return fromEdges(edges, { order: 12 });
}

describe('karate club: exact by FVS enumeration, checked by a second reduction', () => {
  // Brute force is impossible at N = 34 (2^34 states). Two other exact computations must agree: (a) a superset
  // F' = F ∪ {5 forest nodes} (another forest, another leaf-removal order, 32× more configurations), and (b) the
  // same model on a randomly relabelled graph (another CoreHD set and another root/peeling order). Agreement to
  // 1e-12 (relative for log Z, absolute for moments) only allows rounding differences.
  const graph = karateClub();
  const rng = createRng(1977);
  const models: [string, IsingModel][] = [
    ['Viana–Bray ±J, β = 0.8, h = 0', createIsingModel(graph, { couplings: randomCouplings('pmJ', graph.size, rng), beta: 0.8 })],
    ['ferro J = 1, β = 0.3, random h', createIsingModel(graph, { couplings: 1, fields: randomFields(34, 0.3, rng), beta: 0.3 })],
    ['Gaussian J, β = 1.5, random h', createIsingModel(graph, { couplings: randomCouplings('gauss', graph.size, rng), fields: randomFields(34, 0.2, rng), beta: 1.5 })],
  ];

  it('CoreHD finds a 7-node feedback vertex set', () => {
    const r = fvsReduction(models[0]![1]);
    expect(Array.from(r.fvsNodes)).toEqual(Array.from(coreHdFeedbackVertexSet(graph).nodes));
    expect(r.fvsNodes.length).toBe(7);
  });

  it.each(models)('%s', (name, model) => {
    const base = fvsReduction(model);
    const exact = enumerateFvs(base);

    // (a) superset FVS
    const extra: number[] = [];
    for (let v = 0; v < 34 && extra.length < 5; v += 3) if (base.fvsPosition[v] === -1) extra.push(v);
    const superset = fvsReduction(model, { fvs: [...extra, ...base.fvsNodes] });
    const a = enumerateFvs(superset);
    expect(a.fvsSize).toBe(12);
    expect(relErr(a.logZ, exact.logZ)).toBeLessThanOrEqual(1e-12);
    expect(maxAbsDiff(a.magnetisations, exact.magnetisations)).toBeLessThanOrEqual(1e-12);
    expect(maxAbsDiff(a.connectedEdgeCorrelations, exact.connectedEdgeCorrelations)).toBeLessThanOrEqual(1e-12);

    // (b) relabelled graph: new node ids, same edge ids (relabel keeps edge order)
    const perm = Array.from({ length: 34 }, (_, i) => i);
    const prng = createRng(name.length);
    for (let i = 33; i > 0; i--) {
      const j = prng.int(i + 1);
      [perm[i], perm[j]] = [perm[j]!, perm[i]!];
    }
    const moved = relabel(graph, perm);
    const fields = new Float64Array(34);
    for (let v = 0; v < 34; v++) fields[perm[v]!] = model.fields[v]!;
    const couplings = new Float64Array(moved.graph.size);
    for (let e = 0; e < couplings.length; e++) couplings[e] = model.couplings[moved.edgeMap[e]!]!;
    const other = fvsReduction(createIsingModel(moved.graph, { couplings, fields, beta: model.beta }), { rng: createRng(5) });
    expect(Array.from(other.forestOrder).map((v) => perm.indexOf(v))).not.toEqual(Array.from(base.forestOrder));
    const b = enumerateFvs(other);
    expect(relErr(b.logZ, exact.logZ)).toBeLessThanOrEqual(1e-12);
    for (let v = 0; v < 34; v++) expect(Math.abs(b.magnetisations[perm[v]!]! - exact.magnetisations[v]!)).toBeLessThanOrEqual(1e-12);
    for (let e = 0; e < couplings.length; e++) {
      expect(Math.abs(b.connectedEdgeCorrelations[e]! - exact.connectedEdgeCorrelations[moved.edgeMap[e]!]!)).toBeLessThanOrEqual(1e-12);
    }
    process.stdout.write(
      `karate ${name}: |F| = ${exact.fvsSize}, log Z = ${exact.logZ}, F = ${exact.freeEnergy}, ` +
        `<E> = ${exact.meanEnergy}, mean |m| = ${mean(exact.magnetisations.map(Math.abs))}, ` +
        `superset Δ log Z = ${a.logZ - exact.logZ}, relabelled Δ log Z = ${b.logZ - exact.logZ}\n`,
    );
  });
});

function mean(values: Float64Array): number {
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

describe('enumerateFvs bad inputs', () => {
  const model = createIsingModel(squareLattice(3, 3), { beta: 0.5 });
  const r = fvsReduction(model);
  const big = fvsReduction(createIsingModel(pathGraph(30), { beta: 0.5 }), { fvs: Array.from({ length: MAX_FVS_ENUMERATION + 1 }, (_, i) => i) });
  const table: [string, () => unknown, string][] = [
    ['not a reduction', () => enumerateFvs({} as never), 'reduction'],
    ['a model instead of a reduction', () => enumerateFvs(model as never), 'reduction'],
    ['|F| = 25', () => enumerateFvs(big), 'reduction.fvsNodes.length'],
    ['unknown option', () => enumerateFvs(r, { pair: [0, 1] } as never), 'options.pair'],
    ['odd pairs', () => enumerateFvs(r, { pairs: [0, 1, 2] }), 'options.pairs'],
    ['pairs not an array', () => enumerateFvs(r, { pairs: 3 as never }), 'options.pairs'],
    ['pair out of range', () => enumerateFvs(r, { pairs: [0, 9] }), 'options.pairs[1]'],
    ['pair not an integer', () => enumerateFvs(r, { pairs: [0.5, 1] }), 'options.pairs[0]'],
    ['signal not a signal', () => enumerateFvs(r, { signal: {} as never }), 'options.signal'],
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
  });
});
