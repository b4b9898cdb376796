/**
 * Shared pieces of the IBG-NN tests: backend switching, random factors, and the float64 reference of one IBGConv
 * layer written from the update equation (seed 003, eq. 9) with the test's own pseudo-inverse (normal equations).
 */
import * as tf from '@tensorflow/tfjs';
import { type Rng } from '@isinglab/graph';
import { useBackend } from '@isinglab/gnn';
import type { IbgFactors } from '../../src/model/ibg-factors.js';
import type { NodeFeatures, SparseNodeFeatures } from '../../src/data/node-dataset.js';
import { addRow, mat, matmul, pinvNormal, poolRows, relu, scaleColumns, type Mat } from './reference.js';

// tfjs prints a "use tfjs-node" banner unless PROD (IS_TEST would turn on kernel leak checks that wasm's own
// fusedMatMul fails)
tf.env().set('PROD', true);

export const TEST_BACKENDS = ['cpu', 'wasm'] as const;

export async function switchTo(name: 'cpu' | 'wasm'): Promise<void> {
  const got = await useBackend({ prefer: [name] });
  if (got !== name || tf.getBackend() !== name) throw new Error(`could not switch to ${name}`);
}

/** Random factors: memberships uniform in [0.05, 1] (full column rank almost surely), weights ±[0.5, 1.5]. */
export function randomFactors(nodes: number, communities: number, rng: Rng): IbgFactors {
  const u = new Float64Array(nodes * communities).map(() => 0.05 + 0.95 * rng.float64());
  const v = new Float64Array(nodes * communities).map(() => 0.05 + 0.95 * rng.float64());
  const r = new Float64Array(communities).map((_, k) => (k % 2 === 0 ? 1 : -1) * (0.5 + rng.float64()));
  return { nodes, communities, featureDim: 0, sourceMemberships: u, targetMemberships: v, weights: r, sourceFeatures: new Float64Array(0), targetFeatures: new Float64Array(0) };
}

export interface RefOperators {
  us: Mat;
  vs: Mat;
  pu: Mat;
  pv: Mat;
}

export function refOperators(f: IbgFactors): RefOperators {
  const us = scaleColumns(mat(f.nodes, f.communities, f.sourceMemberships), f.weights);
  const vs = scaleColumns(mat(f.nodes, f.communities, f.targetMemberships), f.weights);
  return { us, vs, pu: pinvNormal(us), pv: pinvNormal(vs) };
}

export interface RefConvConfig {
  community: 'linear' | 'mlp' | 'deepsets' | 'free';
  pool: 'mean' | 'max';
  activation: 'linear' | 'relu' | 'tanh';
  residual: boolean;
  useBias: boolean;
  /** The node-wise term H W (absent: no self kernel in `weights`). @default true */
  selfTerm?: boolean;
  /** @default 'linear' */
  nodeFunction?: 'linear' | 'deepsets';
  /** @default 'none' */
  communityReadout?: 'none' | 'linear' | 'deepsets';
  /** @default 'both' */
  directions?: 'both' | 'source' | 'target';
}

/** The reference code's three-layer DeepSets: (lin∘relu)³(x) + lin∘relu∘lin(pool(lin∘relu∘lin∘relu∘lin(x))). */
function deepSetsReference(next: () => Mat, x: Mat, pool: 'mean' | 'max'): Mat {
  const layer = (a: Mat) => addRow(matmul(a, next()), next().data);
  let s = layer(x);
  s = layer(relu(s));
  s = layer(relu(s));
  const pooled = mat(1, s.cols, poolRows(s, pool));
  let e = layer(relu(x));
  e = layer(relu(e));
  e = layer(relu(e));
  let g = layer(pooled);
  g = layer(relu(g));
  return addRow(e, g.data);
}

const act = (a: Mat, name: RefConvConfig['activation']): Mat =>
  name === 'relu' ? relu(a) : name === 'tanh' ? mat(a.rows, a.cols, a.data.map(Math.tanh)) : a;

/**
 * σ(H W + b + U_r Φ_src(U_r⁺ H) + V_r Φ_dst(V_r⁺ H) [+ H]) in float64. `weights` in the layer's getWeights order:
 * self kernel, self bias, then for source and target: linear (W, b), mlp (W1, b1, W2, b2), deepsets (W_e, b_e,
 * W_s, b_s) or free (M).
 */
export function ibgConvReference(cfg: RefConvConfig, weights: Mat[], h: Mat, ops: RefOperators): Mat {
  let k = 0;
  const next = () => weights[k++] as Mat;
  const units = weights[weights.length - 1]!.cols;
  let out = cfg.selfTerm === false ? mat(h.rows, units) : cfg.nodeFunction === 'deepsets' ? deepSetsReference(next, h, cfg.pool) : matmul(h, next());
  if (cfg.useBias) out = addRow(out, next().data);
  const dirs = cfg.directions ?? 'both';
  const pairs = [
    ...(dirs === 'target' ? [] : [[ops.pu, ops.us] as const]),
    ...(dirs === 'source' ? [] : [[ops.pv, ops.vs] as const]),
  ];
  for (const [p, s] of pairs) {
    let phi: Mat;
    if (cfg.community === 'free') {
      phi = next();
    } else {
      const f = matmul(p, h);
      if (cfg.community === 'linear') {
        const w = next();
        phi = addRow(matmul(f, w), next().data);
      } else if (cfg.community === 'mlp') {
        const w1 = next();
        const b1 = next();
        const w2 = next();
        const b2 = next();
        phi = addRow(matmul(relu(addRow(matmul(f, w1), b1.data)), w2), b2.data);
      } else {
        const we = next();
        const be = next();
        const ws = next();
        const bs = next();
        const element = addRow(matmul(f, we), be.data);
        const pooled = poolRows(addRow(matmul(f, ws), bs.data), cfg.pool);
        phi = addRow(element, pooled);
      }
    }
    let back = matmul(s, phi);
    if (cfg.communityReadout === 'linear') back = addRow(matmul(back, next()), next().data);
    else if (cfg.communityReadout === 'deepsets') back = deepSetsReference(next, back, cfg.pool);
    out = mat(out.rows, out.cols, out.data.map((v, i) => v + back.data[i]!));
  }
  if (cfg.residual) out = mat(out.rows, out.cols, out.data.map((v, i) => v + h.data[i]!));
  return act(out, cfg.activation);
}

/** A tensor's values as a float64 matrix (vectors as 1 × k). */
export function toMat(t: tf.Tensor): Mat {
  const rows = t.rank === 2 ? (t.shape[0] as number) : 1;
  const cols = t.rank === 2 ? (t.shape[1] as number) : (t.shape[0] as number);
  return mat(rows, cols, t.dataSync());
}

export const f32 = (m: Mat): tf.Tensor2D => tf.tensor2d(Float32Array.from(m.data), [m.rows, m.cols], 'float32');

/** Central differences (h = 1e-6) of Σ R ⊙ f(m) with respect to every entry of m. */
export function centralDifferences(m: Mat, r: Mat, f: (p: Mat) => Mat): Float64Array {
  const h = 1e-6;
  const g = new Float64Array(m.data.length);
  const dot = (a: Mat) => a.data.reduce((s, v, i) => s + v * r.data[i]!, 0);
  for (let k = 0; k < g.length; k++) {
    const plus = mat(m.rows, m.cols, m.data);
    const minus = mat(m.rows, m.cols, m.data);
    plus.data[k]! += h;
    minus.data[k]! -= h;
    g[k] = (dot(f(plus)) - dot(f(minus))) / (2 * h);
  }
  return g;
}

/** Random sparse rows × cols features: each entry present with probability `density`, then its value from `value(row)`. */
export function randomSparseFeatures(rows: number, cols: number, density: number, rng: Rng, value: (row: number) => number): SparseNodeFeatures {
  const offsets = new Int32Array(rows + 1);
  const indices: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < rows; i++) {
    for (let k = 0; k < cols; k++) {
      if (rng.float64() < density) {
        indices.push(k);
        values.push(value(i));
      }
    }
    offsets[i + 1] = indices.length;
  }
  return { kind: 'sparse', rows, cols, offsets, indices: Int32Array.from(indices), values: Float64Array.from(values) };
}

/** Node features as a dense float64 matrix, written out here (not the package's denseFeatureMatrix). */
export function denseFeatures(f: NodeFeatures): Mat {
  if (f.kind === 'dense') return mat(f.rows, f.cols, f.values);
  const m = mat(f.rows, f.cols);
  for (let i = 0; i < f.rows; i++) for (let e = f.offsets[i]!; e < f.offsets[i + 1]!; e++) m.data[i * f.cols + f.indices[e]!] = f.values[e]!;
  return m;
}
