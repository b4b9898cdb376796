import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { InvalidArgumentError, buildGraph, createRng, erdosRenyiGnp, petersenGraph, type Graph } from '@isinglab/graph';
import {
  DeepSets,
  DirGNNConv,
  GINConv,
  NNConv,
  SAGEConv,
  adjacencyFromGraph,
  batchAdjacencies,
  dirGnnAdjacencies,
  gcnAdjacency,
  poolingAdjacency,
  type Aggregation,
} from '../../src/index.js';
import { dense, maxAbsDiff, randomDense, type Dense } from '../helpers/dense.js';
import { permuteRows, permuted } from '../helpers/graph-reference.js';
import { TEST_BACKENDS, switchTo } from '../helpers/backends.js';
import { checkConfigRoundTrip, checkLayer, f32, FORWARD_TOL, type LayerCase } from '../helpers/layer-harness.js';

// ---- float64 references, from the graphs' edge lists (no tfjs, no spmm) ----

const tanh = Math.tanh;
const relu = (v: number) => Math.max(0, v);

/** x W + b (b a 1 × k row), then an element-wise activation. */
function affine(x: Dense, w: Dense, b: Dense | null, act: (v: number) => number = (v) => v): Dense {
  const out = dense(x.rows, w.cols);
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < w.cols; j++) {
      let s = b === null ? 0 : b.data[j]!;
      for (let k = 0; k < x.cols; k++) s += x.data[i * x.cols + k]! * w.data[k * w.cols + j]!;
      out.data[i * w.cols + j] = act(s);
    }
  }
  return out;
}

function plus(a: Dense, b: Dense, sb = 1, sa = 1): Dense {
  return dense(a.rows, a.cols, a.data.map((v, k) => sa * v + sb * b.data[k]!));
}

/** Senders of each node with a coefficient: undirected neighbours, or in-/out-neighbours of a directed graph. */
type Neighbours = { node: number; coefficient: number }[][];

function undirectedNeighbours(g: Graph): Neighbours {
  return Array.from({ length: g.order }, (_, i) => Array.from(g.targets.subarray(g.offsets[i]!, g.offsets[i + 1]!), (node) => ({ node, coefficient: 1 })));
}

function aggregate(x: Dense, nb: Neighbours, aggregation: Aggregation): Dense {
  const out = dense(x.rows, x.cols);
  for (let i = 0; i < x.rows; i++) {
    const list = nb[i]!;
    for (let f = 0; f < x.cols; f++) {
      const terms = list.map(({ node, coefficient }) => coefficient * x.data[node * x.cols + f]!);
      out.data[i * x.cols + f] =
        terms.length === 0 ? 0 : aggregation === 'max' ? Math.max(...terms) : terms.reduce((s, v) => s + v, 0) / (aggregation === 'mean' ? terms.length : 1);
    }
  }
  return out;
}

function directedNeighbours(g: Graph): { incoming: Neighbours; outgoing: Neighbours } {
  const din = new Float64Array(g.order);
  const dout = new Float64Array(g.order);
  for (let e = 0; e < g.size; e++) {
    dout[g.edgeSources[e]!]!++;
    din[g.edgeTargets[e]!]!++;
  }
  const incoming: Neighbours = Array.from({ length: g.order }, () => []);
  const outgoing: Neighbours = Array.from({ length: g.order }, () => []);
  for (let e = 0; e < g.size; e++) {
    const u = g.edgeSources[e]!;
    const v = g.edgeTargets[e]!;
    const c = 1 / Math.sqrt(din[v]! * dout[u]!);
    incoming[v]!.push({ node: u, coefficient: c });
    outgoing[u]!.push({ node: v, coefficient: c });
  }
  return { incoming, outgoing };
}

function randomDirected(n: number, arcs: number, seed: number): Graph {
  const rng = createRng(seed);
  const sources: number[] = [];
  const targets: number[] = [];
  const seen = new Set<string>();
  while (sources.length < arcs) {
    const u = rng.uint32() % n;
    const v = rng.uint32() % n;
    if (u === v || seen.has(`${u},${v}`)) continue;
    seen.add(`${u},${v}`);
    sources.push(u);
    targets.push(v);
  }
  return buildGraph({ order: n, sources, targets }, { directed: true }).graph;
}

// ---- the cases ----

const GRAPHS: [string, Graph][] = [
  ['Petersen', petersenGraph()],
  ['G(20, 0.15) with isolated nodes', erdosRenyiGnp(20, 0.15, { rng: createRng(21) })],
];

function sageCase(g: Graph, aggregation: Aggregation, seed: number): LayerCase {
  const rng = createRng(seed);
  const nb = undirectedNeighbours(g);
  return {
    layer: new SAGEConv({ units: 3, aggregation, activation: 'tanh', seed }),
    inputs: [randomDense(g.order, 4, rng)],
    kwargs: { adjacency: adjacencyFromGraph(g) },
    reference: ([ws, wn, b], [x]) => {
      const self = affine(x!, ws!, b!);
      const neigh = affine(aggregate(x!, nb, aggregation), wn!, null);
      return dense(self.rows, self.cols, self.data.map((v, k) => tanh(v + neigh.data[k]!)));
    },
    weightIndex: 1,
    cotangent: randomDense(g.order, 3, rng),
  };
}

function ginCase(g: Graph, trainEpsilon: boolean, seed: number): LayerCase {
  const rng = createRng(seed);
  const nb = undirectedNeighbours(g);
  return {
    layer: new GINConv({ units: 3, hidden: 5, epsilon: 0.3, trainEpsilon, mlpActivation: 'tanh', seed }),
    inputs: [randomDense(g.order, 4, rng)],
    kwargs: { adjacency: adjacencyFromGraph(g) },
    reference: (w, [x]) => {
      const [w1, b1, w2, b2] = w;
      const eps = trainEpsilon ? w[4]!.data[0]! : 0.3;
      const z = plus(aggregate(x!, nb, 'sum'), x!, 1 + eps);
      return affine(affine(z, w1!, b1!, tanh), w2!, b2!);
    },
    weightIndex: 0,
    cotangent: randomDense(g.order, 3, rng),
  };
}

function dirCase(g: Graph, aggregation: Aggregation, seed: number): LayerCase {
  const rng = createRng(seed);
  const { incoming, outgoing } = directedNeighbours(g);
  const adj = dirGnnAdjacencies(g);
  const alpha = 0.3;
  return {
    layer: new DirGNNConv({ units: 3, alpha, aggregation, activation: 'tanh', seed }),
    inputs: [randomDense(g.order, 4, rng)],
    kwargs: { adjacency: adj.in, adjacencyOut: adj.out },
    reference: ([wIn, wOut, wSelf, b], [x]) => {
      const mIn = affine(aggregate(x!, incoming, aggregation), wIn!, null);
      const mOut = affine(aggregate(x!, outgoing, aggregation), wOut!, null);
      const self = affine(x!, wSelf!, b!);
      return dense(self.rows, self.cols, self.data.map((v, k) => tanh(v + (1 - alpha) * mIn.data[k]! + alpha * mOut.data[k]!)));
    },
    weightIndex: 1,
    cotangent: randomDense(g.order, 3, rng),
  };
}

function nnCase(g: Graph, aggregation: Aggregation, seed: number): LayerCase {
  const rng = createRng(seed);
  const adjacency = adjacencyFromGraph(g);
  const units = 2;
  const f = 3;
  return {
    layer: new NNConv({ units, edgeHidden: 4, edgeActivation: 'tanh', aggregation, activation: 'tanh', seed }),
    inputs: [randomDense(g.order, f, rng), randomDense(adjacency.nnz, 2, rng)],
    kwargs: { adjacency },
    reference: ([t1, tb1, t2, tb2, wr, b], [x, ef]) => {
      const theta = affine(affine(ef!, t1!, tb1!, tanh), t2!, tb2!); // nnz × (f·units)
      const out = affine(x!, wr!, b!);
      for (let i = 0; i < g.order; i++) {
        const start = adjacency.rowOffsets[i]!;
        const end = adjacency.rowOffsets[i + 1]!;
        for (let u = 0; u < units; u++) {
          const msgs: number[] = [];
          for (let e = start; e < end; e++) {
            const j = adjacency.colIndices[e]!;
            let m = 0;
            for (let k = 0; k < f; k++) m += x!.data[j * f + k]! * theta.data[e * f * units + k * units + u]!;
            msgs.push(m);
          }
          const agg = msgs.length === 0 ? 0 : aggregation === 'max' ? Math.max(...msgs) : msgs.reduce((s, v) => s + v, 0) / (aggregation === 'mean' ? msgs.length : 1);
          out.data[i * units + u] = tanh(out.data[i * units + u]! + agg);
        }
      }
      return out;
    },
    weightIndex: 2,
    cotangent: randomDense(g.order, units, rng),
  };
}

function deepSetsCase(seed: number): LayerCase & { nodeToGraph: Int32Array; graphs: number } {
  const rng = createRng(seed);
  const graphs = [petersenGraph(), erdosRenyiGnp(6, 0.5, { rng: createRng(1) }), erdosRenyiGnp(4, 0.5, { rng: createRng(2) })];
  const batch = batchAdjacencies(graphs.map((g) => gcnAdjacency(g)));
  const n = batch.nodeToGraph.length;
  return {
    layer: new DeepSets({ units: 2, hidden: 5, aggregation: 'mean', innerActivation: 'tanh', seed }),
    inputs: [randomDense(n, 3, rng)],
    kwargs: { pooling: batch.pooling },
    reference: ([pk, pb, r1, rb1, r2, rb2], [x]) => {
      const phi = affine(x!, pk!, pb!, tanh);
      const pooled = dense(3, phi.cols);
      const counts = [0, 0, 0];
      for (let v = 0; v < n; v++) {
        const g = batch.nodeToGraph[v]!;
        counts[g]!++;
        for (let k = 0; k < phi.cols; k++) pooled.data[g * phi.cols + k]! += phi.data[v * phi.cols + k]!;
      }
      for (let g = 0; g < 3; g++) for (let k = 0; k < phi.cols; k++) pooled.data[g * phi.cols + k]! /= counts[g]!;
      return affine(affine(pooled, r1!, rb1!, tanh), r2!, rb2!);
    },
    cotangent: randomDense(3, 2, rng),
    nodeToGraph: batch.nodeToGraph,
    graphs: 3,
  };
}

for (const backend of TEST_BACKENDS) {
  describe(`SAGEConv, GINConv, DirGNNConv, NNConv and DeepSets on the ${backend} backend`, () => {
    beforeAll(async () => {
      await switchTo(backend);
    });

    GRAPHS.forEach(([name, g], gi) => {
      for (const aggregation of ['mean', 'sum', 'max'] as const) {
        it(`SAGEConv (${aggregation}) on ${name}: forward, gradients, no leaks`, () => checkLayer(sageCase(g, aggregation, 10 + gi)));
        it(`NNConv (${aggregation}) on ${name}: forward, gradients, no leaks`, () => checkLayer(nnCase(g, aggregation, 40 + gi)));
      }
      for (const trainEpsilon of [false, true]) {
        it(`GINConv (${trainEpsilon ? 'trainable' : 'fixed'} ε) on ${name}: forward, gradients, no leaks`, () => checkLayer(ginCase(g, trainEpsilon, 20 + gi)));
      }
    });
    for (const aggregation of ['sum', 'mean', 'max'] as const) {
      it(`DirGNNConv (${aggregation}) on a random digraph: forward, gradients, no leaks`, () => checkLayer(dirCase(randomDirected(15, 40, 5), aggregation, 30)));
    }
    it('GINConv: the gradient of a trainable ε matches finite differences', () => checkLayer({ ...ginCase(petersenGraph(), true, 3), weightIndex: 4 }));
    it('DeepSets over a batch of three graphs (mean): forward, gradients, no leaks', () => checkLayer(deepSetsCase(50)));

    it('every layer round-trips through getConfig → fromConfig', () => {
      const g = petersenGraph();
      for (const c of [sageCase(g, 'max', 1), ginCase(g, true, 2), dirCase(randomDirected(10, 20, 3), 'mean', 3), nnCase(g, 'sum', 4), deepSetsCase(5)]) checkConfigRoundTrip(c);
    });

    it('relabelling nodes permutes the outputs of SAGEConv, GINConv, DirGNNConv and NNConv; DeepSets is invariant', () => {
      const g = erdosRenyiGnp(12, 0.3, { rng: createRng(9) });
      const dg = randomDirected(12, 30, 9);
      const rng = createRng(10);
      const x = randomDense(12, 3, rng);
      const check = (layer: tf.layers.Layer, graph: Graph, kw: (gr: Graph) => Record<string, unknown>, extra?: (gr: Graph, perm?: Int32Array) => Dense) => {
        const { perm, graph: pg } = permuted(graph, 77);
        const px = dense(12, 3, permuteRows(x.data, perm, 3));
        tf.tidy(() => {
          const inputs = (xx: Dense, gr: Graph, p?: Int32Array) => (extra === undefined ? f32(xx) : [f32(xx), f32(extra(gr, p))]);
          const out = layer.apply(inputs(x, graph), kw(graph)) as tf.Tensor;
          const pout = layer.apply(inputs(px, pg, perm), kw(pg)) as tf.Tensor;
          const width = out.shape[1]!;
          expect(maxAbsDiff(pout.dataSync(), permuteRows(out.dataSync(), perm, width))).toBeLessThan(FORWARD_TOL);
        });
      };
      check(new SAGEConv({ units: 2, aggregation: 'max', seed: 1 }), g, (gr) => ({ adjacency: adjacencyFromGraph(gr) }));
      check(new GINConv({ units: 2, seed: 2 }), g, (gr) => ({ adjacency: adjacencyFromGraph(gr) }));
      check(new DirGNNConv({ units: 2, seed: 3 }), dg, (gr) => {
        const a = dirGnnAdjacencies(gr);
        return { adjacency: a.in, adjacencyOut: a.out };
      });
      // NNConv: edge features follow their (receiver, sender) pair through the relabelling
      const feature = new Map<string, [number, number]>();
      const frng = createRng(11);
      for (let e = 0; e < g.size; e++) {
        const u = g.edgeSources[e]!;
        const v = g.edgeTargets[e]!;
        feature.set(`${u},${v}`, [frng.float64(), frng.float64()]);
        feature.set(`${v},${u}`, [frng.float64(), frng.float64()]);
      }
      check(new NNConv({ units: 2, edgeHidden: 3, seed: 4 }), g, (gr) => ({ adjacency: adjacencyFromGraph(gr) }), (gr, perm) => {
        const a = adjacencyFromGraph(gr);
        const inverse = new Int32Array(12);
        if (perm) perm.forEach((nv, v) => (inverse[nv] = v));
        const ef = dense(a.nnz, 2);
        for (let i = 0; i < a.rows; i++) {
          for (let e = a.rowOffsets[i]!; e < a.rowOffsets[i + 1]!; e++) {
            const j = a.colIndices[e]!;
            const key = perm ? `${inverse[i]},${inverse[j]}` : `${i},${j}`;
            ef.data.set(feature.get(key)!, e * 2);
          }
        }
        return ef;
      });
      const ds = deepSetsCase(6);
      const n = ds.nodeToGraph.length;
      const rngP = createRng(12);
      const order = Int32Array.from({ length: n }, (_, i) => i);
      for (let i = n - 1; i > 0; i--) {
        const j = rngP.uint32() % (i + 1);
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      tf.tidy(() => {
        const out = ds.layer.apply(f32(ds.inputs[0]!), ds.kwargs) as tf.Tensor;
        const shuffled = dense(n, 3);
        const toGraph = new Int32Array(n);
        order.forEach((src, dst) => {
          shuffled.data.set(ds.inputs[0]!.data.subarray(src * 3, src * 3 + 3), dst * 3);
          toGraph[dst] = ds.nodeToGraph[src]!;
        });
        const pout = ds.layer.apply(f32(shuffled), { pooling: poolingAdjacency(toGraph, 3) }) as tf.Tensor;
        expect(maxAbsDiff(pout.dataSync(), out.dataSync())).toBeLessThan(FORWARD_TOL);
      });
    });
  });
}

describe('argument checks of the message-passing layers', () => {
  const g = petersenGraph();
  const adjacency = adjacencyFromGraph(g);
  const cases: [string, () => unknown, string][] = [
    ['SAGEConv with aggregation min', () => new SAGEConv({ units: 2, aggregation: 'min' as never }), 'config.aggregation'],
    ['GINConv with hidden 0', () => new GINConv({ units: 2, hidden: 0 }), 'config.hidden'],
    ['GINConv with NaN ε', () => new GINConv({ units: 2, epsilon: Number.NaN }), 'config.epsilon'],
    ['DirGNNConv with alpha 2', () => new DirGNNConv({ units: 2, alpha: 2 }), 'config.alpha'],
    ['DirGNNConv without the out-adjacency', () => new DirGNNConv({ units: 2 }).apply(tf.ones([10, 3]), { adjacency }), 'kwargs.adjacencyOut'],
    ['NNConv with one input', () => new NNConv({ units: 2 }).apply(tf.ones([10, 3]), { adjacency }), 'inputs'],
    ['NNConv with too few edge-feature rows', () => new NNConv({ units: 2 }).apply([tf.ones([10, 3]), tf.ones([5, 2])], { adjacency }), 'inputs[1]'],
    ['DeepSets without a pooling matrix', () => new DeepSets({ units: 2 }).apply(tf.ones([10, 3]), {}), 'kwargs.pooling'],
    ['batchAdjacencies of nothing', () => batchAdjacencies([]), 'adjacencies'],
    ['poolingAdjacency with a graph index out of range', () => poolingAdjacency([0, 2], 2), 'nodeToGraph'],
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

describe('batchAdjacencies', () => {
  it('stacks blocks, keeps normalisation tags, and its pooling matrix sums each graph', () => {
    const gs = [petersenGraph(), erdosRenyiGnp(5, 0.6, { rng: createRng(3) })];
    const batch = batchAdjacencies(gs.map((g) => gcnAdjacency(g)));
    expect(batch.adjacency.rows).toBe(15);
    expect(Array.from(batch.nodeOffsets)).toEqual([0, 10, 15]);
    expect(batch.adjacency.normalisation).toBe('symmetric');
    expect(batch.adjacency.selfLoops).toBe(true);
    // no entry crosses a block
    for (let i = 0; i < 15; i++) for (let e = batch.adjacency.rowOffsets[i]!; e < batch.adjacency.rowOffsets[i + 1]!; e++) expect(batch.nodeToGraph[batch.adjacency.colIndices[e]!]).toBe(batch.nodeToGraph[i]);
    expect(batch.pooling.rows).toBe(2);
    expect(Array.from(batch.pooling.rowCounts)).toEqual([10, 5]);
  });
});
