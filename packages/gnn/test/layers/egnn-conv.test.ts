import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { InvalidArgumentError, createRng, fromEdges, meshFromArrays, type Graph, type Rng } from '@isinglab/graph';
import { adjacencyFromGraph, sparseAdjacency, type SparseAdjacency } from '../../src/sparse/sparse-adjacency.js';
import { EGNNConv, edgeIncidence, type EGNNConvConfig } from '../../src/layers/egnn-conv.js';
import { dense, denseOf, maxAbsDiff, randomDense, type Dense } from '../helpers/dense.js';
import {
  det3,
  egnnReference,
  icosahedron,
  octahedron,
  randomGeometricGraph,
  randomOrthogonal,
  symmetricEdges,
  transformPoints,
  type EgnnEdges,
  type EgnnWeights,
} from '../helpers/egnn-reference.js';
import { TEST_BACKENDS, switchTo } from '../helpers/backends.js';

// Forward: float32 layer vs float64 reference; inputs and weights O(1), ≤ 2 hidden layers of width ≤ 9 per MLP,
// ≤ ~10 messages per node: float32 rounding stays near 1e-6, so 1e-5 absolute holds.
const TOL = 1e-5;
// Gradients: float32 backprop vs float64 central differences (step 1e-6 on the reference: truncation ~1e-12,
// cancellation ~1e-9); the float32 side dominates. 1e-4 relative to the largest entry, at least 1e-5 absolute.
const GRAD_RTOL = 1e-4;
// Symmetries compare two float32 runs on coordinates up to ~3 in size: 1e-4 absolute.
const SYM_TOL = 1e-4;

const F = 4; // input features
const HIDDEN = 6;
const UNITS = 5;

const f32 = (m: Dense) => tf.tensor2d(Float32Array.from(m.data), [m.rows, m.cols], 'float32');
/** A float64 copy holding exactly the float32 values the layer sees. */
const rounded = (m: Dense) => dense(m.rows, m.cols, Float32Array.from(m.data));
const toDense = (t: tf.Tensor) => (t.rank === 1 ? dense(t.shape[0]!, 1, t.dataSync()) : dense(t.shape[0]!, t.shape[1]!, t.dataSync()));

interface TestCase {
  name: string;
  /** The message list the reference walks (its own order; the layer sees the CSR built from it). */
  edges: EgnnEdges;
  adjacency: SparseAdjacency;
  positions: Dense;
}

function edgesOfGraph(graph: Graph): EgnnEdges {
  return symmetricEdges(graph.order, Array.from(graph.edgeSources, (u, e) => [u, graph.edgeTargets[e]!] as [number, number]));
}

/** The layer's adjacency for a message list, entries in list order within each row. */
function adjacencyOf(edges: EgnnEdges): SparseAdjacency {
  return sparseAdjacency({ rows: edges.nodes, receivers: edges.receivers, senders: edges.senders, values: edges.values });
}

function meshCase(name: string, mesh: { positions: number[]; faces: number[] }): TestCase {
  const built = meshFromArrays(mesh.positions, mesh.faces).mesh;
  return { name, edges: edgesOfGraph(built.graph), adjacency: adjacencyFromGraph(built.graph), positions: dense(built.vertexCount, 3, built.positions) };
}

function testCases(): TestCase[] {
  const rgg = randomGeometricGraph(20, 0.45, 17);
  const rggGraph = fromEdges(rgg.pairs, { order: 20 });
  // weighted variant: random entry values (one zero: a masked message), self-loops on every fifth node, and
  // the entries given in a shuffled order (sparseAdjacency sorts them into CSR rows)
  const rng = createRng(23);
  const base = symmetricEdges(20, rgg.pairs);
  const receivers = Array.from(base.receivers);
  const senders = Array.from(base.senders);
  for (let v = 0; v < 20; v += 5) {
    receivers.push(v);
    senders.push(v);
  }
  const order = receivers.map((_, k) => k);
  for (let k = order.length - 1; k > 0; k--) {
    const j = rng.uint32() % (k + 1);
    [order[k], order[j]] = [order[j]!, order[k]!];
  }
  const weighted: EgnnEdges = {
    nodes: 20,
    receivers: order.map((k) => receivers[k]!),
    senders: order.map((k) => senders[k]!),
    values: order.map((_, k) => (k === 3 ? 0 : 0.25 + rng.float64())),
  };
  return [
    meshCase('octahedron mesh', octahedron()),
    meshCase('icosahedron mesh', icosahedron()),
    { name: 'random geometric graph (20 points, one isolated)', edges: edgesOfGraph(rggGraph), adjacency: adjacencyFromGraph(rggGraph), positions: dense(20, 3, rgg.positions) },
    { name: 'weighted random geometric graph with self-loops', edges: weighted, adjacency: adjacencyOf(weighted), positions: dense(20, 3, rgg.positions) },
  ];
}

/** Positions in the CSR (row-major entry) order of each entry of a message list: sparseAdjacency keeps input order within a row. */
function csrPosition(edges: EgnnEdges): Int32Array {
  const offsets = new Int32Array(edges.nodes + 1);
  for (let e = 0; e < edges.receivers.length; e++) offsets[edges.receivers[e]! + 1]! += 1;
  for (let i = 0; i < edges.nodes; i++) offsets[i + 1]! += offsets[i]!;
  const position = new Int32Array(edges.receivers.length);
  for (let e = 0; e < edges.receivers.length; e++) position[e] = offsets[edges.receivers[e]!]!++;
  return position;
}

/** Rows of per-entry attributes (message-list order) moved to the CSR order the layer expects. */
function attributesInCsrOrder(attributes: Dense, edges: EgnnEdges): Dense {
  const position = csrPosition(edges);
  const out = dense(attributes.rows, attributes.cols);
  for (let e = 0; e < attributes.rows; e++) out.data.set(attributes.data.subarray(e * attributes.cols, (e + 1) * attributes.cols), position[e]! * attributes.cols);
  return out;
}

/** Builds the layer, replaces every weight by seeded random values (biases and φ_x included) and returns them as float64. */
function randomisedLayer(config: EGNNConvConfig, inputs: () => tf.Tensor[], adjacency: SparseAdjacency, rng: Rng, scale = 0.5): { layer: EGNNConv; weights: EgnnWeights } {
  const layer = new EGNNConv(config);
  tf.tidy(() => void layer.apply(inputs(), { adjacency }));
  const fresh = layer.getWeights().map((w) => tf.tensor(Float32Array.from({ length: w.size }, () => scale * (2 * rng.float64() - 1)), w.shape, 'float32'));
  layer.setWeights(fresh);
  tf.dispose(fresh);
  const got = layer.getWeights().map(toDense);
  const vec = (d: Dense) => Float64Array.from(d.data);
  const [eK1, eB1, eK2, eB2, cK1, cB1, cK2, nK1, nB1, nK2, nB2] = got as [Dense, Dense, Dense, Dense, Dense, Dense, Dense, Dense, Dense, Dense, Dense];
  return {
    layer,
    weights: {
      edgeKernel1: eK1,
      edgeBias1: vec(eB1),
      edgeKernel2: eK2,
      edgeBias2: vec(eB2),
      coordKernel1: cK1,
      coordBias1: vec(cB1),
      coordKernel2: cK2,
      nodeKernel1: nK1,
      nodeBias1: vec(nB1),
      nodeKernel2: nK2,
      nodeBias2: vec(nB2),
    },
  };
}

/** Central differences of Σ R_h ⊙ h'(p) + Σ R_x ⊙ x'(p) for every entry of p. */
function finiteDifferences(param: Dense, rh: Dense, rx: Dense, f: (p: Dense) => { h: Dense; x: Dense }): Float64Array {
  const step = 1e-6;
  const loss = (p: Dense) => {
    const out = f(p);
    return out.h.data.reduce((s, v, k) => s + v * rh.data[k]!, 0) + out.x.data.reduce((s, v, k) => s + v * rx.data[k]!, 0);
  };
  const g = new Float64Array(param.data.length);
  for (let k = 0; k < g.length; k++) {
    const plus = dense(param.rows, param.cols, param.data);
    const minus = dense(param.rows, param.cols, param.data);
    plus.data[k]! += step;
    minus.data[k]! -= step;
    g[k] = (loss(plus) - loss(minus)) / (2 * step);
  }
  return g;
}

function expectGradClose(got: ArrayLike<number>, want: Float64Array): void {
  const scaleMax = Math.max(...Array.from(want, Math.abs));
  expect(scaleMax).toBeGreaterThan(1e-3); // not a vacuous comparison
  expect(maxAbsDiff(got, want)).toBeLessThanOrEqual(Math.max(1e-5, GRAD_RTOL * scaleMax));
}

const VARIANTS: { label: string; config: EGNNConvConfig; attributes: number }[] = [
  { label: 'mean coordinate update', config: { units: UNITS, hiddenUnits: HIDDEN, seed: 3 }, attributes: 0 },
  { label: 'residual, sum coordinate update, 2 edge attributes', config: { units: F, hiddenUnits: HIDDEN, residual: true, coordinateAggregation: 'sum', seed: 4 }, attributes: 2 },
];

describe('EGNN test fixtures', () => {
  it('the octahedron and icosahedron are closed triangulated spheres (V − E + F = 2, regular degrees 4 and 5)', () => {
    for (const [mesh, edges, degree] of [[octahedron(), 12, 4], [icosahedron(), 30, 5]] as const) {
      const built = meshFromArrays(mesh.positions, mesh.faces).mesh;
      expect(built.graph.size).toBe(edges);
      expect(built.vertexCount - built.graph.size + built.faceCount).toBe(2);
      for (let v = 0; v < built.vertexCount; v++) expect(built.graph.offsets[v + 1]! - built.graph.offsets[v]!).toBe(degree);
    }
  });
});

for (const backend of TEST_BACKENDS) {
  describe(`EGNNConv on the ${backend} backend`, () => {
    beforeAll(async () => {
      await switchTo(backend);
    });

    for (const tc of testCases()) {
      const n = tc.edges.nodes;
      for (const variant of VARIANTS) {
        it(`${tc.name}, ${variant.label}: forward, kernel/feature/coordinate gradients match the float64 reference; no leak`, () => {
          const rng = createRng(n + variant.attributes);
          const h = rounded(randomDense(n, F, rng));
          const x = rounded(tc.positions);
          const attr = variant.attributes > 0 ? rounded(randomDense(tc.edges.receivers.length, variant.attributes, rng)) : undefined;
          const attrCsr = attr === undefined ? undefined : attributesInCsrOrder(attr, tc.edges);
          const inputs = () => (attrCsr === undefined ? [f32(h), f32(x)] : [f32(h), f32(x), f32(attrCsr)]);
          // attributes follow the entry order of an adjacency built from the message list; without them the graph's own
          const adjacency = attr === undefined ? tc.adjacency : adjacencyOf(tc.edges);
          const { layer, weights } = randomisedLayer(variant.config, inputs, adjacency, rng);
          const options = { residual: variant.config.residual ?? false, coordinateAggregation: variant.config.coordinateAggregation ?? 'mean', ...(attr ? { attributes: attr } : {}) };
          const want = egnnReference(tc.edges, h, x, weights, options);
          const units = variant.config.units;
          const rh = randomDense(n, units, rng);
          const rx = randomDense(n, 3, rng);
          const before = tf.memory().numTensors;
          tf.tidy(() => {
            const [ht, xt, at] = inputs() as [tf.Tensor, tf.Tensor, tf.Tensor | undefined];
            const out = layer.apply(at ? [ht, xt, at] : [ht, xt], { adjacency }) as tf.Tensor[];
            expect(out).toHaveLength(2);
            expect(out[0]!.shape).toEqual([n, units]);
            expect(out[1]!.shape).toEqual([n, 3]);
            expect(maxAbsDiff(out[0]!.dataSync(), want.h.data)).toBeLessThan(TOL);
            expect(maxAbsDiff(out[1]!.dataSync(), want.x.data)).toBeLessThan(TOL);
            // the coordinate branch is live: some node moves
            expect(maxAbsDiff(want.x.data, x.data)).toBeGreaterThan(1e-2);
            const rht = f32(rh);
            const rxt = f32(rx);
            const loss = (hh: tf.Tensor, xx: tf.Tensor) => {
              const [ho, xo] = layer.apply(at ? [hh, xx, at] : [hh, xx], { adjacency }) as [tf.Tensor, tf.Tensor];
              return tf.add(tf.sum(tf.mul(ho, rht)), tf.sum(tf.mul(xo, rxt))) as tf.Scalar;
            };
            const kernel = layer.trainableWeights[0]!.read() as tf.Variable;
            const { grads } = tf.variableGrads(() => loss(ht, xt), [kernel]);
            expectGradClose(grads[kernel.name]!.dataSync(), finiteDifferences(weights.edgeKernel1, rh, rx, (k) => egnnReference(tc.edges, h, x, { ...weights, edgeKernel1: k }, options)));
            const [dh, dx] = tf.grads((hh: tf.Tensor, xx: tf.Tensor) => loss(hh, xx))([ht, xt]);
            expectGradClose(dx!.dataSync(), finiteDifferences(x, rh, rx, (xp) => egnnReference(tc.edges, h, xp, weights, options)));
            expectGradClose(dh!.dataSync(), finiteDifferences(h, rh, rx, (hp) => egnnReference(tc.edges, hp, x, weights, options)));
          });
          expect(tf.memory().numTensors).toBe(before);
          layer.dispose();
        });
      }

      it(`${tc.name}: h' is invariant and x' equivariant under rotations, reflections and translations`, () => {
        const rng = createRng(100 + n);
        const h = randomDense(n, F, rng);
        const x = tc.positions;
        const { layer } = randomisedLayer({ units: UNITS, hiddenUnits: HIDDEN, seed: 5 }, () => [f32(h), f32(x)], tc.adjacency, rng, 1);
        tf.tidy(() => {
          const run = (coords: ArrayLike<number>) => (layer.apply([f32(h), f32(dense(n, 3, coords))], { adjacency: tc.adjacency }) as tf.Tensor[]).map((t) => Float64Array.from(t.dataSync()));
          const [h0, x0] = run(x.data) as [Float64Array, Float64Array];
          expect(maxAbsDiff(x0, x.data)).toBeGreaterThan(1e-2);
          for (const determinant of [1, 1, -1] as const) {
            const r = randomOrthogonal(rng, determinant);
            expect(det3(r)).toBeCloseTo(determinant, 12);
            const t = [0, 1, 2].map(() => 4 * rng.float64() - 2);
            const [h1, x1] = run(transformPoints(x.data, r, t)) as [Float64Array, Float64Array];
            expect(maxAbsDiff(h1, h0)).toBeLessThan(SYM_TOL);
            expect(maxAbsDiff(x1, transformPoints(x0, r, t))).toBeLessThan(SYM_TOL);
          }
        });
        layer.dispose();
      });

      it(`${tc.name}: relabelling the nodes permutes both outputs (edge attributes follow their entries)`, () => {
        const rng = createRng(200 + n);
        const perm = Int32Array.from({ length: n }, (_, i) => i);
        for (let i = n - 1; i > 0; i--) {
          const j = rng.uint32() % (i + 1);
          [perm[i], perm[j]] = [perm[j]!, perm[i]!];
        }
        const pEdges: EgnnEdges = { ...tc.edges, receivers: Array.from(tc.edges.receivers, (v) => perm[v]!), senders: Array.from(tc.edges.senders, (v) => perm[v]!) };
        const pAdjacency = adjacencyOf(pEdges);
        const adjacency = adjacencyOf(tc.edges);
        const permute = (m: Dense) => {
          const out = dense(m.rows, m.cols);
          for (let v = 0; v < n; v++) out.data.set(m.data.subarray(v * m.cols, (v + 1) * m.cols), perm[v]! * m.cols);
          return out;
        };
        const h = randomDense(n, F, rng);
        const attr = randomDense(tc.edges.receivers.length, 2, rng);
        const { layer } = randomisedLayer({ units: UNITS, hiddenUnits: HIDDEN, seed: 6 }, () => [f32(h), f32(tc.positions), f32(attr)], adjacency, rng);
        tf.tidy(() => {
          const [h0, x0] = layer.apply([f32(h), f32(tc.positions), f32(attributesInCsrOrder(attr, tc.edges))], { adjacency }) as tf.Tensor[];
          const [h1, x1] = layer.apply([f32(permute(h)), f32(permute(tc.positions)), f32(attributesInCsrOrder(attr, pEdges))], { adjacency: pAdjacency }) as tf.Tensor[];
          expect(maxAbsDiff(h1!.dataSync(), permute(toDense(h0!)).data)).toBeLessThan(TOL);
          expect(maxAbsDiff(x1!.dataSync(), permute(toDense(x0!)).data)).toBeLessThan(TOL);
        });
        layer.dispose();
      });
    }

    it('a node without entries keeps its coordinates and gets φ_h(h_i, 0)', () => {
      const tc = testCases()[2]!;
      const rng = createRng(9);
      const h = randomDense(20, F, rng);
      const { layer, weights } = randomisedLayer({ units: UNITS, hiddenUnits: HIDDEN }, () => [f32(h), f32(tc.positions)], tc.adjacency, rng);
      expect(tc.adjacency.rowCounts[19]).toBe(0);
      tf.tidy(() => {
        const [ho, xo] = layer.apply([f32(h), f32(tc.positions)], { adjacency: tc.adjacency }) as tf.Tensor[];
        expect(Array.from(xo!.dataSync().subarray(57, 60))).toEqual(Array.from(Float32Array.from(tc.positions.data.subarray(57, 60))));
        const isolated = egnnReference({ nodes: 1, receivers: [], senders: [], values: [] }, dense(1, F, h.data.subarray(19 * F)), dense(1, 3), weights, { residual: false, coordinateAggregation: 'mean' });
        expect(maxAbsDiff(ho!.dataSync().subarray(19 * UNITS), isolated.h.data)).toBeLessThan(TOL);
      });
      layer.dispose();
    });

    it('a graph without edges leaves the coordinates unchanged and matches the reference', () => {
      const empty = sparseAdjacency({ rows: 4, receivers: [], senders: [] });
      const rng = createRng(10);
      const h = rounded(randomDense(4, F, rng));
      const x = rounded(randomDense(4, 3, rng));
      const { layer, weights } = randomisedLayer({ units: UNITS, hiddenUnits: HIDDEN }, () => [f32(h), f32(x)], empty, rng);
      const want = egnnReference({ nodes: 4, receivers: [], senders: [], values: [] }, h, x, weights, { residual: false, coordinateAggregation: 'mean' });
      const before = tf.memory().numTensors;
      tf.tidy(() => {
        const xt = f32(x);
        const [ho, xo] = layer.apply([f32(h), xt], { adjacency: empty }) as tf.Tensor[];
        expect(maxAbsDiff(ho!.dataSync(), want.h.data)).toBeLessThan(TOL);
        expect(Array.from(xo!.dataSync())).toEqual(Array.from(x.data));
        const dx = tf.grad((v: tf.Tensor) => tf.sum((layer.apply([f32(h), v], { adjacency: empty }) as tf.Tensor[])[1]!))(xt);
        expect(Array.from(dx.dataSync())).toEqual(new Array(12).fill(1));
      });
      expect(tf.memory().numTensors).toBe(before);
      layer.dispose();
    });

    it('edgeIncidence gathers entry endpoints and sums entries back to their rows', () => {
      const adjacency = sparseAdjacency({ rows: 4, receivers: [2, 0, 0, 3, 2], senders: [1, 1, 0, 2, 3], values: [0.5, 2, 1, -1, 3] });
      const inc = edgeIncidence(adjacency);
      // CSR entries: row 0 → (0,1) 2, (0,0) 1; row 2 → (2,1) 0.5, (2,3) 3; row 3 → (3,2) −1
      const rowsOf = [0, 0, 2, 2, 3];
      const colsOf = [1, 0, 1, 3, 2];
      const r = denseOf(inc.receiver);
      const s = denseOf(inc.sender);
      const d = denseOf(inc.difference);
      const a = denseOf(inc.aggregate);
      for (let e = 0; e < 5; e++) {
        for (let v = 0; v < 4; v++) {
          expect(r.data[e * 4 + v]).toBe(v === rowsOf[e] ? 1 : 0);
          expect(s.data[e * 4 + v]).toBe(v === colsOf[e] ? 1 : 0);
          expect(d.data[e * 4 + v]).toBe((v === rowsOf[e] ? 1 : 0) - (v === colsOf[e] ? 1 : 0));
          expect(a.data[v * 5 + e]).toBeCloseTo(v === rowsOf[e] ? adjacency.values[e]! : 0, 7);
        }
      }
      expect(Array.from(inc.aggregate.rowCounts)).toEqual([2, 0, 2, 1]);
    });

    it('symbolic apply gives two outputs with the shapes computeOutputShape reports', () => {
      const layer = new EGNNConv({ units: 7, hiddenUnits: 3, seed: 1 });
      const out = layer.apply([tf.input({ shape: [F] }), tf.input({ shape: [3] })]) as tf.SymbolicTensor[];
      expect(out.map((t) => t.shape)).toEqual([[null, 7], [null, 3]]);
      expect(layer.computeOutputShape([[10, F], [10, 3], [30, 2]])).toEqual([[10, 7], [10, 3]]);
      layer.dispose();
    });

    it('getConfig → fromConfig rebuilds a layer that gives the same outputs with the same weights', () => {
      const tc = testCases()[0]!;
      const h = randomDense(6, F, createRng(1));
      const inputs = () => [f32(h), f32(tc.positions)];
      const layer = new EGNNConv({ units: F, hiddenUnits: 3, residual: true, coordinateAggregation: 'sum', spatialDimensions: 3, seed: 8 });
      tf.tidy(() => void layer.apply(inputs(), { adjacency: tc.adjacency }));
      const config = JSON.parse(JSON.stringify(layer.getConfig())) as tf.serialization.ConfigDict;
      const cls = tf.serialization.SerializationMap.getMap().classNameMap[EGNNConv.className]!;
      const clone = cls[1](cls[0], config) as EGNNConv;
      expect(clone).toBeInstanceOf(EGNNConv);
      tf.tidy(() => void clone.apply(inputs(), { adjacency: tc.adjacency }));
      clone.setWeights(layer.getWeights());
      tf.tidy(() => {
        const a = (layer.apply(inputs(), { adjacency: tc.adjacency }) as tf.Tensor[]).map((t) => Array.from(t.dataSync()));
        const b = (clone.apply(inputs(), { adjacency: tc.adjacency }) as tf.Tensor[]).map((t) => Array.from(t.dataSync()));
        expect(b).toEqual(a);
      });
      expect(clone.getConfig()).toEqual(layer.getConfig());
      layer.dispose();
      clone.dispose();
    });

    it('the same seed gives the same initial weights; φ_x starts near zero (gain 0.001)', () => {
      const tc = testCases()[0]!;
      const weights = [1, 2].map(() => {
        const layer = new EGNNConv({ units: 5, seed: 42 });
        tf.tidy(() => void layer.apply([tf.ones([6, F]), f32(tc.positions)], { adjacency: tc.adjacency }));
        const w = layer.getWeights().map((t) => Array.from(t.dataSync()));
        layer.dispose();
        return w;
      });
      expect(weights[1]).toEqual(weights[0]);
      // kernels with different seeds differ; coordKernel2 [5, 1] within 0.001 · sqrt(6 / (5 + 1))
      expect(weights[0]![2]).not.toEqual(weights[0]![4]);
      expect(Math.max(...weights[0]![6]!.map(Math.abs))).toBeLessThanOrEqual(0.001 + 1e-9);
      expect(Math.max(...weights[0]![6]!.map(Math.abs))).toBeGreaterThan(0);
    });
  });
}

describe('EGNNConv argument checks', () => {
  const tc = testCases()[0]!;
  const adjacency = tc.adjacency; // 6 nodes, 24 entries
  const other = sparseAdjacency({ rows: 5, receivers: [0], senders: [1] });
  const h = () => tf.ones([6, F]);
  const x = () => tf.ones([6, 3]);
  const cases: [string, () => unknown, string][] = [
    ['a missing config', () => new EGNNConv(undefined as never), 'config'],
    ['no units', () => new EGNNConv({} as never), 'config.units'],
    ['0 units', () => new EGNNConv({ units: 0 }), 'config.units'],
    ['2.5 units', () => new EGNNConv({ units: 2.5 }), 'config.units'],
    ['hiddenUnits −1', () => new EGNNConv({ units: 2, hiddenUnits: -1 }), 'config.hiddenUnits'],
    ["coordinateAggregation 'max'", () => new EGNNConv({ units: 2, coordinateAggregation: 'max' as never }), 'config.coordinateAggregation'],
    ['spatialDimensions 0', () => new EGNNConv({ units: 2, spatialDimensions: 0 }), 'config.spatialDimensions'],
    ["residual 'yes'", () => new EGNNConv({ units: 2, residual: 'yes' as never }), 'config.residual'],
    ['seed 1.5', () => new EGNNConv({ units: 2, seed: 1.5 }), 'config.seed'],
    ['a residual between different widths', () => new EGNNConv({ units: 5, residual: true }).apply([h(), x()], { adjacency }), 'config.residual'],
    ['a single input tensor', () => new EGNNConv({ units: 2 }).apply(h(), { adjacency }), 'inputs'],
    ['four input tensors', () => new EGNNConv({ units: 2 }).apply([h(), x(), x(), x()], { adjacency }), 'inputs'],
    ['coordinates of width 2', () => new EGNNConv({ units: 2 }).apply([h(), tf.ones([6, 2])], { adjacency }), 'inputs[1]'],
    ['coordinates for 5 of 6 nodes', () => new EGNNConv({ units: 2 }).apply([h(), tf.ones([5, 3])], { adjacency }), 'inputs[1]'],
    ['int32 coordinates', () => new EGNNConv({ units: 2 }).apply([h(), tf.ones([6, 3], 'int32')], { adjacency }), 'inputs[1]'],
    ['no adjacency', () => new EGNNConv({ units: 2 }).apply([h(), x()]), 'kwargs.adjacency'],
    ['an adjacency of another size', () => new EGNNConv({ units: 2 }).apply([h(), x()], { adjacency: other }), 'kwargs.adjacency'],
    ['edge attributes for 23 of 24 entries', () => new EGNNConv({ units: 2 }).apply([h(), x(), tf.ones([23, 2])], { adjacency }), 'inputs[2]'],
    [
      'features of another width after build',
      () => {
        const layer = new EGNNConv({ units: 2 });
        layer.apply([h(), x()], { adjacency });
        layer.apply([tf.ones([6, F + 1]), x()], { adjacency });
      },
      'inputs[0]',
    ],
    [
      'no edge attributes after a build with them',
      () => {
        const layer = new EGNNConv({ units: 2 });
        layer.apply([h(), x(), tf.ones([24, 2])], { adjacency });
        layer.apply([h(), x()], { adjacency });
      },
      'inputs',
    ],
  ];
  for (const [name, fn, argument] of cases) {
    it(`rejects ${name} (InvalidArgumentError on ${argument})`, () => {
      tf.tidy(() => {
        let caught: unknown;
        try {
          fn();
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(InvalidArgumentError);
        expect((caught as InvalidArgumentError).argument).toBe(argument);
      });
    });
  }
});
