/**
 * Plain float64 reference of one EGNN layer (Satorras et al. 2021), written without tfjs from the equations, edge
 * by edge: the independent side of the EGNNConv tests. Also small 3-D fixtures: an octahedron and an icosahedron
 * as triangle meshes, a random geometric graph, and seeded rotations / reflections.
 */
import { createRng, type Rng } from '@isinglab/graph';
import { dense, type Dense } from './dense.js';

/** The layer's weights in `getWeights()` order, as float64 (kernels Dense, biases Float64Array). */
export interface EgnnWeights {
  edgeKernel1: Dense;
  edgeBias1: Float64Array;
  edgeKernel2: Dense;
  edgeBias2: Float64Array;
  coordKernel1: Dense;
  coordBias1: Float64Array;
  coordKernel2: Dense;
  nodeKernel1: Dense;
  nodeBias1: Float64Array;
  nodeKernel2: Dense;
  nodeBias2: Float64Array;
}

/** Directed message list: entry e sends from senders[e] to receivers[e] with weight values[e]. */
export interface EgnnEdges {
  nodes: number;
  receivers: ArrayLike<number>;
  senders: ArrayLike<number>;
  values: ArrayLike<number>;
}

export interface EgnnReferenceOptions {
  residual: boolean;
  coordinateAggregation: 'mean' | 'sum';
  /** One row per entry of `edges`, in the same order. */
  attributes?: Dense;
}

const silu = (v: number) => v / (1 + Math.exp(-v));

/** y = act(W^T in + b) for one input vector (W: in × out). */
function linear(input: ArrayLike<number>, w: Dense, b: Float64Array | null, act: ((v: number) => number) | null): Float64Array {
  if (input.length !== w.rows) throw new Error(`linear: input ${input.length} vs kernel ${w.rows}×${w.cols}`);
  const out = new Float64Array(w.cols);
  for (let c = 0; c < w.cols; c++) {
    let s = b === null ? 0 : b[c]!;
    for (let r = 0; r < w.rows; r++) s += input[r]! * w.data[r * w.cols + c]!;
    out[c] = act === null ? s : act(s);
  }
  return out;
}

/** h' and x' of one EGNN layer: m_ij = φ_e(h_i, h_j, d²_ij, a_ij), x_i' = x_i + C_i Σ w_ij (x_i − x_j) φ_x(m_ij), h_i' = φ_h(h_i, Σ w_ij m_ij). */
export function egnnReference(edges: EgnnEdges, h: Dense, x: Dense, w: EgnnWeights, options: EgnnReferenceOptions): { h: Dense; x: Dense } {
  const n = edges.nodes;
  const f = h.cols;
  const dims = x.cols;
  const hid = w.edgeKernel2.rows;
  const summed = dense(n, hid);
  const shift = dense(n, dims);
  const count = new Float64Array(n);
  for (let e = 0; e < edges.receivers.length; e++) {
    const i = edges.receivers[e]!;
    const j = edges.senders[e]!;
    const wij = edges.values[e]!;
    const rel = new Float64Array(dims);
    let d2 = 0;
    for (let c = 0; c < dims; c++) {
      rel[c] = x.data[i * dims + c]! - x.data[j * dims + c]!;
      d2 += rel[c]! * rel[c]!;
    }
    const attr = options.attributes === undefined ? [] : Array.from(options.attributes.data.subarray(e * options.attributes.cols, (e + 1) * options.attributes.cols));
    const input = [...h.data.subarray(i * f, (i + 1) * f), ...h.data.subarray(j * f, (j + 1) * f), d2, ...attr];
    const m = linear(linear(input, w.edgeKernel1, w.edgeBias1, silu), w.edgeKernel2, w.edgeBias2, silu);
    const phiX = linear(linear(m, w.coordKernel1, w.coordBias1, silu), w.coordKernel2, null, null)[0]!;
    for (let c = 0; c < hid; c++) summed.data[i * hid + c]! += wij * m[c]!;
    for (let c = 0; c < dims; c++) shift.data[i * dims + c]! += wij * rel[c]! * phiX;
    count[i]! += 1;
  }
  const xOut = dense(n, dims, x.data);
  for (let i = 0; i < n; i++) {
    const scale = options.coordinateAggregation === 'sum' ? 1 : count[i]! > 0 ? 1 / count[i]! : 0;
    for (let c = 0; c < dims; c++) xOut.data[i * dims + c]! += scale * shift.data[i * dims + c]!;
  }
  const units = w.nodeKernel2.cols;
  const hOut = dense(n, units);
  for (let i = 0; i < n; i++) {
    const input = [...h.data.subarray(i * f, (i + 1) * f), ...summed.data.subarray(i * hid, (i + 1) * hid)];
    const out = linear(linear(input, w.nodeKernel1, w.nodeBias1, silu), w.nodeKernel2, w.nodeBias2, null);
    for (let c = 0; c < units; c++) hOut.data[i * units + c] = out[c]! + (options.residual ? h.data[i * f + c]! : 0);
  }
  return { h: hOut, x: xOut };
}

/** Both directions of every undirected edge {u, v}, unit weights. */
export function symmetricEdges(nodes: number, pairs: readonly (readonly [number, number])[]): EgnnEdges {
  const receivers: number[] = [];
  const senders: number[] = [];
  for (const [u, v] of pairs) {
    receivers.push(u, v);
    senders.push(v, u);
  }
  return { nodes, receivers, senders, values: receivers.map(() => 1) };
}

/** Regular octahedron: 6 vertices (±e_k), 8 triangles. */
export function octahedron(): { positions: number[]; faces: number[] } {
  const positions = [1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1];
  const faces = [0, 2, 4, 2, 1, 4, 1, 3, 4, 3, 0, 4, 2, 0, 5, 1, 2, 5, 3, 1, 5, 0, 3, 5];
  return { positions, faces };
}

/** Regular icosahedron: 12 vertices (cyclic permutations of (0, ±1, ±φ)), 20 triangles. */
export function icosahedron(): { positions: number[]; faces: number[] } {
  const p = (1 + Math.sqrt(5)) / 2;
  const positions = [
    -1, p, 0, 1, p, 0, -1, -p, 0, 1, -p, 0,
    0, -1, p, 0, 1, p, 0, -1, -p, 0, 1, -p,
    p, 0, -1, p, 0, 1, -p, 0, -1, -p, 0, 1,
  ];
  const faces = [
    0, 11, 5, 0, 5, 1, 0, 1, 7, 0, 7, 10, 0, 10, 11,
    1, 5, 9, 5, 11, 4, 11, 10, 2, 10, 7, 6, 7, 1, 8,
    3, 9, 4, 3, 4, 2, 3, 2, 6, 3, 6, 8, 3, 8, 9,
    4, 9, 5, 2, 4, 11, 6, 2, 10, 8, 6, 7, 9, 8, 1,
  ];
  return { positions, faces };
}

/** `count` points uniform in [0, 1]³ joined when closer than `radius` (the last point placed far away: isolated). */
export function randomGeometricGraph(count: number, radius: number, seed: number): { positions: Float64Array; pairs: [number, number][] } {
  const rng = createRng(seed);
  const positions = Float64Array.from({ length: 3 * count }, () => rng.float64());
  positions.set([3, 3, 3], 3 * (count - 1));
  const pairs: [number, number][] = [];
  for (let u = 0; u < count; u++) {
    for (let v = u + 1; v < count; v++) {
      let d2 = 0;
      for (let c = 0; c < 3; c++) d2 += (positions[3 * u + c]! - positions[3 * v + c]!) ** 2;
      if (d2 < radius * radius) pairs.push([u, v]);
    }
  }
  return { positions, pairs };
}

/** A random orthogonal 3×3 matrix (row-major) with the requested determinant, by Gram–Schmidt on a random matrix. */
export function randomOrthogonal(rng: Rng, determinant: 1 | -1): Float64Array {
  const q = new Float64Array(9);
  for (let r = 0; r < 3; r++) {
    const v = [0, 1, 2].map(() => gaussian(rng));
    for (let s = 0; s < r; s++) {
      const dot = v[0]! * q[3 * s]! + v[1]! * q[3 * s + 1]! + v[2]! * q[3 * s + 2]!;
      for (let c = 0; c < 3; c++) v[c]! -= dot * q[3 * s + c]!;
    }
    const norm = Math.hypot(v[0]!, v[1]!, v[2]!);
    for (let c = 0; c < 3; c++) q[3 * r + c] = v[c]! / norm;
  }
  if (Math.sign(det3(q)) !== determinant) for (let c = 0; c < 3; c++) q[6 + c] = -q[6 + c]!;
  return q;
}

export function det3(m: ArrayLike<number>): number {
  return (
    m[0]! * (m[4]! * m[8]! - m[5]! * m[7]!) -
    m[1]! * (m[3]! * m[8]! - m[5]! * m[6]!) +
    m[2]! * (m[3]! * m[7]! - m[4]! * m[6]!)
  );
}

/** Rows p ↦ R p + t of an n × 3 row-major coordinate matrix. */
export function transformPoints(x: ArrayLike<number>, r: ArrayLike<number>, t: ArrayLike<number>): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length / 3; i++) {
    for (let a = 0; a < 3; a++) {
      let s = t[a]!;
      for (let b = 0; b < 3; b++) s += r[3 * a + b]! * x[3 * i + b]!;
      out[3 * i + a] = s;
    }
  }
  return out;
}

function gaussian(rng: Rng): number {
  // Box–Muller; 1 − u keeps the logarithm finite
  const u = 1 - rng.float64();
  const v = rng.float64();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
