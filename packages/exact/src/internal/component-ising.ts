/**
 * Zero-field Ising models on the small "local" graphs of a decomposition (one triconnected component with its
 * virtual edges turned into effective couplings): log Z, edge correlations and exact samples, optionally with two
 * nodes u, v tied together (x_v = s·x_u, the node v merged into u after the gauge flip x_v → s·x_v).
 *
 * Graphs of at most ENUMERATION_MAX_NODES nodes are enumerated (K5 pieces, bonds, short cycles); larger ones are
 * planar (a contraction of a planar graph is planar) and go to the planar solver. Parallel edges created by the
 * merge are summed; an edge u–v becomes the constant factor e^{s·βJ}.
 */
import { buildGraph, type Graph, type Rng } from '@isinglab/graph';
import { edgeCorrelations, logPartition } from '../planar/planar-ising.js';
import { sampleExact } from '../planar/sample-exact.js';
import { drawFromCumulative } from './pm-sampler.js';

/** Graphs up to this many nodes are summed by enumeration (2^n terms). */
export const ENUMERATION_MAX_NODES = 8;

/** A local model: `nodes` nodes, edges a[e]–b[e] with β·J in j[e] (parallel edges allowed, no self-loops). */
export interface LocalModel {
  nodes: number;
  a: Int32Array;
  b: Int32Array;
  j: Float64Array;
}

/** Two nodes tied together: x_v = sign · x_u. */
export interface Tie {
  u: number;
  v: number;
  sign: 1 | -1;
}

/**
 * The simple graph left after tying (v merged into u, the other nodes renumbered in order), its couplings, the
 * constant Σ s·βJ of the u–v edges, and `image[x]`: the merged-graph node of local node x (u and v share one).
 */
interface Merged {
  graph: Graph;
  couplings: Float64Array;
  constant: number;
  image: Int32Array;
  /** Merged edge of each local edge (−1 for a u–v edge, which became the constant). */
  edgeImage: Int32Array;
}

function merge(model: LocalModel, tie: Tie | null): Merged {
  const n = model.nodes;
  const image = new Int32Array(n);
  let next = 0;
  for (let x = 0; x < n; x++) {
    if (tie !== null && x === tie.v) continue;
    image[x] = next++;
  }
  if (tie !== null) image[tie.v] = image[tie.u] as number;
  const key = new Map<number, number>();
  const sources: number[] = [];
  const targets: number[] = [];
  const weights: number[] = [];
  const edgeImage = new Int32Array(model.a.length);
  let constant = 0;
  for (let e = 0; e < model.a.length; e++) {
    const x = model.a[e] as number;
    const y = model.b[e] as number;
    let w = model.j[e] as number;
    if (tie !== null && tie.sign < 0 && (x === tie.v) !== (y === tie.v)) w = -w;
    const p = image[x] as number;
    const q = image[y] as number;
    if (p === q) {
      // only a u–v edge merges into a loop: with x_v = s·x_u its factor is the constant e^{s·βJ}
      constant += (tie as Tie).sign * (model.j[e] as number);
      edgeImage[e] = -1;
      continue;
    }
    const k = p < q ? p * next + q : q * next + p;
    let id = key.get(k);
    if (id === undefined) {
      id = sources.length;
      key.set(k, id);
      sources.push(Math.min(p, q));
      targets.push(Math.max(p, q));
      weights.push(0);
    }
    weights[id] = (weights[id] as number) + w;
    edgeImage[e] = id;
  }
  const { graph } = buildGraph({ order: next, sources, targets });
  // buildGraph may renumber edges: map our edge list onto its edge ids
  const byPair = new Map<number, number>();
  for (let e = 0; e < graph.size; e++) {
    const p = graph.edgeSources[e] as number;
    const q = graph.edgeTargets[e] as number;
    byPair.set(p < q ? p * next + q : q * next + p, e);
  }
  const couplings = new Float64Array(graph.size);
  const remap = new Int32Array(sources.length);
  for (let id = 0; id < sources.length; id++) {
    const e = byPair.get((sources[id] as number) * next + (targets[id] as number)) as number;
    remap[id] = e;
    couplings[e] = weights[id] as number;
  }
  for (let e = 0; e < edgeImage.length; e++) if ((edgeImage[e] as number) >= 0) edgeImage[e] = remap[edgeImage[e] as number] as number;
  return { graph, couplings, constant, image, edgeImage };
}

/** log of Σ over configurations of the merged graph (x_v = s·x_u) of exp(Σ βJ x x). */
export function localLogZ(model: LocalModel, tie: Tie | null): number {
  const m = merge(model, tie);
  if (m.graph.order <= ENUMERATION_MAX_NODES) return enumerate(m).logZ + m.constant;
  return logPartition(m.graph, m.couplings, { beta: 1 }) + m.constant;
}

/** ⟨x_a x_b⟩ of every local edge (no tie). */
export function localEdgeCorrelations(model: LocalModel): Float64Array {
  const m = merge(model, null);
  const merged = m.graph.order <= ENUMERATION_MAX_NODES ? enumerate(m, true).correlations : edgeCorrelations(m.graph, m.couplings, { beta: 1 });
  const out = new Float64Array(model.a.length);
  for (let e = 0; e < out.length; e++) out[e] = merged[m.edgeImage[e] as number] as number;
  return out;
}

/**
 * `count` exact samples of the local model with the tie (if any), written as rows of `nodes` ±1 spins (x_v = s·x_u
 * included), each up to a global flip: the caller fixes the sign.
 */
export function localSamples(model: LocalModel, tie: Tie | null, count: number, rng: Rng): Int8Array {
  const n = model.nodes;
  const out = new Int8Array(count * n);
  if (count === 0) return out;
  const m = merge(model, tie);
  const order = m.graph.order;
  let merged: Int8Array;
  if (order <= ENUMERATION_MAX_NODES) {
    const { logWeights, logZ } = enumerate(m);
    const cdf = new Float64Array(logWeights.length);
    let acc = 0;
    for (let c = 0; c < cdf.length; c++) {
      acc += Math.exp((logWeights[c] as number) - logZ);
      cdf[c] = acc;
    }
    merged = new Int8Array(count * order);
    for (let s = 0; s < count; s++) {
      const state = drawFromCumulative(rng, cdf);
      for (let x = 0; x < order; x++) merged[s * order + x] = (state >> x) & 1 ? -1 : 1;
    }
  } else {
    merged = sampleExact(m.graph, m.couplings, { beta: 1, samples: count, rng });
  }
  for (let s = 0; s < count; s++) {
    for (let x = 0; x < n; x++) {
      let spin = merged[s * order + (m.image[x] as number)] as number;
      if (tie !== null && x === tie.v) spin *= tie.sign;
      out[s * n + x] = spin;
    }
  }
  return out;
}

/** Enumeration of a merged graph: log weight of every configuration (bit x set ⇔ x = −1), log Z, correlations. */
function enumerate(m: Merged, withCorrelations = false): { logZ: number; logWeights: Float64Array; correlations: Float64Array } {
  const n = m.graph.order;
  const size = m.graph.size;
  const total = 1 << n;
  const logWeights = new Float64Array(total);
  let max = -Infinity;
  for (let c = 0; c < total; c++) {
    let w = 0;
    for (let e = 0; e < size; e++) {
      const p = m.graph.edgeSources[e] as number;
      const q = m.graph.edgeTargets[e] as number;
      w += ((c >> p) & 1) === ((c >> q) & 1) ? (m.couplings[e] as number) : -(m.couplings[e] as number);
    }
    logWeights[c] = w;
    if (w > max) max = w;
  }
  let sum = 0;
  for (let c = 0; c < total; c++) sum += Math.exp((logWeights[c] as number) - max);
  const logZ = max + Math.log(sum);
  const correlations = new Float64Array(size);
  if (withCorrelations) {
    for (let c = 0; c < total; c++) {
      const p = Math.exp((logWeights[c] as number) - logZ);
      for (let e = 0; e < size; e++) {
        const same = ((c >> (m.graph.edgeSources[e] as number)) & 1) === ((c >> (m.graph.edgeTargets[e] as number)) & 1);
        correlations[e] = (correlations[e] as number) + (same ? p : -p);
      }
    }
  }
  return { logZ, logWeights, correlations };
}
