/**
 * A directed stochastic block model with class-correlated Gaussian features: the synthetic counterpart of the
 * directed, heterophilous Wikipedia networks for tests and benchmarks of IBG and IBG-NN (seed 003). Its expected
 * adjacency Z P Zᵀ (Z the class indicator matrix) is exactly an IBG with one community per nonzero P[a][b]:
 * sources class a, targets class b, weight P[a][b].
 */
import {
  InvalidArgumentError,
  buildGraph,
  checkFiniteNumber,
  checkInteger,
  checkOptions,
  checkRng,
  shuffleInPlace,
  type Rng,
} from '@isinglab/graph';
import type { NodeClassificationDataset, NodeSplit } from './node-dataset.js';
import { randomNodeSplit } from './random-node-split.js';

export interface DirectedSbmOptions {
  /** N: number of nodes, split into classes of sizes ⌊N/C⌋ or ⌈N/C⌉ assigned to random nodes. */
  nodes: number;
  /**
   * P (C × C): P[a][b] is the probability of each arc u → v with u in class a and v in class b (u ≠ v, no
   * self-loops). C = P.length ≥ 1 classes.
   */
  probabilities: ArrayLike<ArrayLike<number>>;
  /** D: feature dimension (0: no features). @default 16 */
  featureDim?: number;
  /**
   * μ ≥ 0: x_i = μ·m_{y_i} + ε_i with m_c a random unit vector per class and ε_i ~ N(0, I_D); μ = 0 makes the
   * features pure noise. @default 1
   */
  featureSignal?: number;
  /** Number of random splits to draw (randomNodeSplit). @default 1 */
  splits?: number;
  /** Fraction of training nodes per split. @default 0.48 */
  trainFraction?: number;
  /** Fraction of validation nodes per split. @default 0.32 */
  valFraction?: number;
  /** Random source (required): labels, arcs, features and splits, in that order. */
  rng: Rng;
}

const FN = 'directedSbm';
const SITE = { pkg: 'ibg', fn: FN } as const;
const KEYS = ['nodes', 'probabilities', 'featureDim', 'featureSignal', 'splits', 'trainFraction', 'valFraction', 'rng'] as const;

/**
 * Samples a directed SBM: balanced random classes, each arc u → v (u ≠ v) independently with probability
 * P[class(u)][class(v)], dense Gaussian features correlated with the class. Arcs are drawn by geometric skipping
 * within each block pair, so the cost is O(N·D + C² + E) rather than O(N²).
 * @example directedSbm({ nodes: 300, probabilities: [[0, 0.1, 0], [0, 0, 0.1], [0.1, 0, 0]], rng: createRng(1) })
 */
export function directedSbm(options: DirectedSbmOptions): NodeClassificationDataset {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError({ ...SITE, argument: 'options', value: options, rule: 'an object { nodes, probabilities, rng, ... }' });
  }
  const opts = checkOptions<DirectedSbmOptions>(SITE, options, KEYS);
  const n = checkInteger(SITE, 'options.nodes', opts.nodes, { min: 1 });
  const rng = checkRng(SITE, opts.rng);
  const p = opts.probabilities;
  if (p === null || typeof p !== 'object' || typeof p.length !== 'number' || p.length < 1) {
    throw new InvalidArgumentError({ ...SITE, argument: 'options.probabilities', value: p, rule: 'a non-empty C × C array of probabilities' });
  }
  const classes = p.length;
  const prob = new Float64Array(classes * classes);
  for (let a = 0; a < classes; a++) {
    const row = p[a];
    if (row === null || typeof row !== 'object' || row.length !== classes) {
      throw new InvalidArgumentError({ ...SITE, argument: `options.probabilities[${a}]`, value: row, rule: `an array of ${classes} probabilities (P is square)` });
    }
    for (let b = 0; b < classes; b++) {
      prob[a * classes + b] = checkFiniteNumber(SITE, `options.probabilities[${a}][${b}]`, row[b], { min: 0, max: 1 });
    }
  }
  const dim = checkInteger(SITE, 'options.featureDim', opts.featureDim ?? 16, { min: 0 });
  const mu = checkFiniteNumber(SITE, 'options.featureSignal', opts.featureSignal ?? 1, { min: 0 });
  const splitCount = checkInteger(SITE, 'options.splits', opts.splits ?? 1, { min: 0 });
  const trainFraction = checkFiniteNumber(SITE, 'options.trainFraction', opts.trainFraction ?? 0.48, { min: 0, max: 1 });
  const valFraction = checkFiniteNumber(SITE, 'options.valFraction', opts.valFraction ?? 0.32, { min: 0, max: 1 - trainFraction + 1e-12 });

  // balanced classes on a random permutation of the nodes
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) labels[i] = i % classes;
  shuffleInPlace(labels, rng);
  const members: Int32Array[] = [];
  const sizes = new Int32Array(classes);
  for (let i = 0; i < n; i++) sizes[labels[i] as number]!++;
  for (let c = 0; c < classes; c++) members.push(new Int32Array(sizes[c] as number));
  const fill = new Int32Array(classes);
  for (let i = 0; i < n; i++) {
    const c = labels[i] as number;
    (members[c] as Int32Array)[fill[c]!++] = i;
  }

  // arcs: within block pair (a, b) the candidate pairs t = iA·|B| + iB are visited by geometric jumps
  let sources: number[] = [];
  let targets: number[] = [];
  for (let a = 0; a < classes; a++) {
    const from = members[a] as Int32Array;
    for (let b = 0; b < classes; b++) {
      const pab = prob[a * classes + b] as number;
      const to = members[b] as Int32Array;
      const total = from.length * to.length;
      if (pab <= 0 || total === 0) continue;
      const logQ = pab < 1 ? Math.log1p(-pab) : -Infinity;
      let t = -1;
      for (;;) {
        // P(skip ≥ k) = (1 − p)^k; for p = 1 the jump is always 1
        t += pab < 1 ? 1 + Math.floor(Math.log1p(-rng.float64()) / logQ) : 1;
        if (t >= total) break;
        const u = from[Math.floor(t / to.length)] as number;
        const v = to[t % to.length] as number;
        if (u === v) continue;
        sources.push(u);
        targets.push(v);
      }
    }
  }
  const graph = buildGraph({ order: n, sources: Int32Array.from(sources), targets: Int32Array.from(targets) }, { directed: true }).graph;
  sources = [];
  targets = [];

  // features: class means on the unit sphere, unit Gaussian noise
  const means = new Float64Array(classes * dim);
  for (let c = 0; c < classes; c++) {
    let norm = 0;
    for (let k = 0; k < dim; k++) {
      const z = rng.normal();
      means[c * dim + k] = z;
      norm += z * z;
    }
    const s = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = 0; k < dim; k++) means[c * dim + k]! *= s;
  }
  const values = new Float64Array(n * dim);
  for (let i = 0; i < n; i++) {
    const c = labels[i] as number;
    for (let k = 0; k < dim; k++) values[i * dim + k] = mu * (means[c * dim + k] as number) + rng.normal();
  }

  const splits: NodeSplit[] = [];
  for (let s = 0; s < splitCount; s++) splits.push(randomNodeSplit(n, { trainFraction, valFraction, rng }));
  return Object.freeze({
    name: 'directed-sbm',
    graph,
    features: Object.freeze({ kind: 'dense', rows: n, cols: dim, values }),
    labels,
    classes,
    splits: Object.freeze(splits),
  });
}
