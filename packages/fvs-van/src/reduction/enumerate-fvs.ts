/**
 * Exact thermodynamics of an Ising model by enumerating the configurations of a small feedback vertex set and
 * summing the forest out exactly for each (seed 001, §III.1: the exact reference for the karate club).
 */
import { InvalidArgumentError, checkOptions } from '@isinglab/graph';
import { checkFvsReduction, type FvsReduction } from './fvs-reduction.js';
import { forestSumProduct, parentPairCorrelation } from './internal-forest-kernels.js';

/** Largest feedback vertex set `enumerateFvs` accepts: 2^24 ≈ 1.7·10^7 configurations, each O(N + M). */
export const MAX_FVS_ENUMERATION = 24;

export interface EnumerateFvsOptions {
  /**
   * Extra node pairs whose correlations are wanted, flat: `[i0, j0, i1, j1, …]` (any two nodes, same tree or
   * not, FVS or forest; i = j is allowed and gives ⟨s_i²⟩ = 1). Costs O(path length in the forest) per pair per
   * configuration.
   * @default undefined (edges only)
   */
  pairs?: ArrayLike<number>;
  /** Stops the enumeration (checked every 4096 configurations); the call throws `signal.reason`. @default undefined */
  signal?: AbortSignal;
}

/** Exact results; every expectation is under p(s) ∝ exp(−β E(s)) over all N spins. */
export interface FvsEnumeration {
  /** log Z = log Σ_{s_F} w(s_F). */
  readonly logZ: number;
  /** F = −log Z / β, or undefined at β = 0. */
  readonly freeEnergy: number | undefined;
  /** ⟨E⟩ = −Σ_e J_e ⟨s_u s_v⟩ − Σ_i h_i ⟨s_i⟩. */
  readonly meanEnergy: number;
  /** |F|. */
  readonly fvsSize: number;
  /** 2^|F|, the number of FVS configurations visited. */
  readonly configurations: number;
  /** ⟨s_i⟩ for every node. */
  readonly magnetisations: Float64Array;
  /** ⟨s_u s_v⟩ per edge id. */
  readonly edgeCorrelations: Float64Array;
  /** ⟨s_u s_v⟩ − ⟨s_u⟩⟨s_v⟩ per edge id. */
  readonly connectedEdgeCorrelations: Float64Array;
  /** ⟨s_i s_j⟩ per requested pair (`options.pairs`), else undefined. */
  readonly pairCorrelations: Float64Array | undefined;
  /** ⟨s_i s_j⟩ − ⟨s_i⟩⟨s_j⟩ per requested pair, else undefined. */
  readonly connectedPairCorrelations: Float64Array | undefined;
}

const KNOWN: readonly (keyof EnumerateFvsOptions)[] = ['pairs', 'signal'];
/** Weights are exp(log w − ref); ref moves up only when a log-weight exceeds it by this much (few rescalings, no overflow). */
const RESCALE_MARGIN = 20;

const exp = Math.exp;
const log = Math.log;
const tanh = Math.tanh;
const abs = Math.abs;

/**
 * Exact log Z, free energy, mean energy, every node's magnetisation and every edge's (connected) correlation, and
 * optionally those of given node pairs, by visiting all 2^|F| FVS configurations (|F| ≤ 24; a larger set throws
 * `InvalidArgumentError` on `reduction.fvsNodes.length`).
 *
 * For each s_F a two-pass sum-product on the forest given s_F (leaf removal upward, then back down) gives
 * log w(s_F) and the exact conditional ⟨s_v | s_F⟩ = tanh H_v, ⟨s_v s_parent | s_F⟩ for forest edges, and for
 * other pairs in one tree the product of the affine maps E[s_y | s_x] = tanh(c_{y∖x} + K_xy s_x) along the path;
 * pairs in different trees are conditionally independent. These are averaged with weights exp(log w − ref), ref
 * a running reference raised (and the sums rescaled) whenever a log-weight exceeds it by 20, so nothing overflows
 * at any β|J|; the normaliser is summed with Neumaier's compensation. Configurations are visited in binary order
 * and each is evaluated from scratch (no incremental drift).
 *
 * O(2^|F| · (N + M + Σ_pairs path length)) time, O(N + M + pairs) memory: the karate club (N = 34, CoreHD |F| = 7,
 * 128 configurations) takes a few milliseconds, a 7×7 open lattice (|F| = 13) about 0.1 s.
 * Reference: Pan, Zhou, Zhou & Zhang, Phys. Rev. E 103 (2021) 012103, §II.1, §III.1 and appendix C Eqs. (27)–(28).
 * @example enumerateFvs(fvsReduction(createIsingModel(karateClub(), { beta: 0.4 }))).logZ
 */
export function enumerateFvs(reduction: FvsReduction, options?: EnumerateFvsOptions): FvsEnumeration {
  const site = { pkg: 'fvs-van', fn: 'enumerateFvs' };
  const r = checkFvsReduction(site, reduction);
  const opts = checkOptions<EnumerateFvsOptions>(site, options, KNOWN);
  const f = r.fvsNodes.length;
  if (f > MAX_FVS_ENUMERATION) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'reduction.fvsNodes.length',
      value: f,
      rule: `at most ${MAX_FVS_ENUMERATION} (all 2^|F| configurations are visited)`,
      hint: 'Train a variational network on the FVS spins instead.',
    });
  }
  const pairs = opts.pairs === undefined ? undefined : checkPairs(site, r.order, opts.pairs);
  const signal = opts.signal;
  if (signal !== undefined) {
    if (typeof signal !== 'object' || signal === null || typeof (signal as AbortSignal).throwIfAborted !== 'function') {
      throw new InvalidArgumentError({ ...site, argument: 'options.signal', value: signal, rule: 'an AbortSignal or undefined' });
    }
    signal.throwIfAborted();
  }
  return enumerateKernel(r, pairs, signal);
}

function checkPairs(site: { pkg: string; fn: string }, n: number, pairs: unknown): Int32Array {
  const isArray = Array.isArray(pairs) || (ArrayBuffer.isView(pairs) && !(pairs instanceof DataView));
  const list = pairs as ArrayLike<unknown>;
  if (!isArray || list.length % 2 !== 0) {
    throw new InvalidArgumentError({ ...site, argument: 'options.pairs', value: pairs, rule: 'a flat array [i0, j0, i1, j1, …] of even length' });
  }
  const out = new Int32Array(list.length);
  for (let q = 0; q < list.length; q++) {
    const v = list[q];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= n) {
      throw new InvalidArgumentError({ ...site, argument: `options.pairs[${q}]`, value: v, rule: `a node id in [0, ${n})` });
    }
    out[q] = v;
  }
  return out;
}

/** Trusts a valid reduction with |F| ≤ 24 and valid pairs. */
function enumerateKernel(r: FvsReduction, pairs: Int32Array | undefined, signal: AbortSignal | undefined): FvsEnumeration {
  const model = r.model;
  const n = r.order;
  const m = model.graph.size;
  const f = r.fvsNodes.length;
  const fvs = r.fvsNodes;
  const order = r.forestOrder;
  const parent = r.forestParent;
  const parentEdge = r.parentEdge;
  const fvsEdges = r.fvsEdges;
  const fvsFrom = r.fvsEdgeFrom;
  const fvsTo = r.fvsEdgeTo;
  const bOff = r.boundaryOffsets;
  const bNode = r.boundaryNodes;
  const bEdge = r.boundaryEdges;
  const pairCount = pairs === undefined ? 0 : pairs.length / 2;

  const spins = new Int8Array(f).fill(-1); // configuration c: s_k = +1 iff bit k of c is set
  const cavity = new Float64Array(n);
  const message = new Float64Array(n);
  const full = new Float64Array(n);
  const condMag = new Float64Array(n); // ⟨s_v | s_F⟩ for forest nodes
  const magAcc = new Float64Array(n);
  const edgeAcc = new Float64Array(m);
  const pairAcc = new Float64Array(pairCount);
  // Tree of each forest node (its root) and depth below it, for pair paths.
  const root = new Int32Array(n).fill(-1);
  const depth = new Int32Array(n);
  for (let i = order.length - 1; i >= 0; i--) {
    const v = order[i] as number;
    const p = parent[v] as number;
    root[v] = p < 0 ? v : (root[p] as number);
    depth[v] = p < 0 ? 0 : (depth[p] as number) + 1;
  }
  const path: PathTables = { r, root, depth, cavity, message, full, condMag };

  let ref = -Infinity;
  let total = 0;
  let totalComp = 0; // Neumaier compensation of `total`
  const configurations = 2 ** f;
  for (let c = 0; c < configurations; c++) {
    if (c > 0) {
      let k = 0;
      while (spins[k] === 1) spins[k++] = -1;
      spins[k] = 1;
      if (signal !== undefined && (c & 4095) === 0) signal.throwIfAborted();
    }
    const lw = forestSumProduct(r, spins, 0, cavity, message, full);
    if (lw > ref + RESCALE_MARGIN) {
      const scale = exp(ref - lw); // 0 on the first configuration, when everything is still 0
      total *= scale;
      totalComp *= scale;
      for (let v = 0; v < n; v++) magAcc[v] = (magAcc[v] as number) * scale;
      for (let e = 0; e < m; e++) edgeAcc[e] = (edgeAcc[e] as number) * scale;
      for (let q = 0; q < pairCount; q++) pairAcc[q] = (pairAcc[q] as number) * scale;
      ref = lw;
    }
    const w = exp(lw - ref);
    if (w === 0) continue;
    const t = total + w;
    totalComp += abs(total) >= w ? total - t + w : w - t + total;
    total = t;

    for (let i = 0; i < order.length; i++) {
      const v = order[i] as number;
      const mv = tanh(full[v] as number);
      condMag[v] = mv;
      magAcc[v] = (magAcc[v] as number) + w * mv;
      const p = parent[v] as number;
      if (p >= 0) {
        const e = parentEdge[v] as number;
        edgeAcc[e] = (edgeAcc[e] as number) + w * parentPairCorrelation(r, v, cavity, message, full);
      }
    }
    for (let k = 0; k < f; k++) {
      const s = spins[k] as number;
      const u = fvs[k] as number;
      magAcc[u] = (magAcc[u] as number) + w * s;
      const end = bOff[k + 1] as number;
      for (let q = bOff[k] as number; q < end; q++) {
        const e = bEdge[q] as number;
        edgeAcc[e] = (edgeAcc[e] as number) + w * s * (condMag[bNode[q] as number] as number);
      }
    }
    for (let q = 0; q < fvsEdges.length; q++) {
      const e = fvsEdges[q] as number;
      edgeAcc[e] = (edgeAcc[e] as number) + w * (spins[fvsFrom[q] as number] as number) * (spins[fvsTo[q] as number] as number);
    }
    for (let q = 0; q < pairCount; q++) {
      const i = pairs![2 * q] as number;
      const j = pairs![2 * q + 1] as number;
      pairAcc[q] = (pairAcc[q] as number) + w * conditionalPair(path, spins, i, j);
    }
  }

  const z = total + totalComp;
  const inv = 1 / z;
  const magnetisations = magAcc;
  for (let v = 0; v < n; v++) magnetisations[v] = (magAcc[v] as number) * inv;
  const src = model.graph.edgeSources;
  const dst = model.graph.edgeTargets;
  const edgeCorrelations = edgeAcc;
  const connectedEdgeCorrelations = new Float64Array(m);
  let meanEnergy = 0;
  for (let e = 0; e < m; e++) {
    const cuv = (edgeAcc[e] as number) * inv;
    edgeCorrelations[e] = cuv;
    connectedEdgeCorrelations[e] = cuv - (magnetisations[src[e] as number] as number) * (magnetisations[dst[e] as number] as number);
    meanEnergy -= (model.couplings[e] as number) * cuv;
  }
  for (let v = 0; v < n; v++) meanEnergy -= (model.fields[v] as number) * (magnetisations[v] as number);
  let pairCorrelations: Float64Array | undefined;
  let connectedPairCorrelations: Float64Array | undefined;
  if (pairs !== undefined) {
    pairCorrelations = pairAcc;
    connectedPairCorrelations = new Float64Array(pairCount);
    for (let q = 0; q < pairCount; q++) {
      const cij = (pairAcc[q] as number) * inv;
      pairCorrelations[q] = cij;
      const mi = magnetisations[pairs[2 * q] as number] as number;
      const mj = magnetisations[pairs[2 * q + 1] as number] as number;
      connectedPairCorrelations[q] = cij - mi * mj;
    }
  }
  const logZ = log(z) + ref;
  const beta = r.beta;
  return {
    logZ,
    freeEnergy: beta > 0 ? -logZ / beta : undefined,
    meanEnergy,
    fvsSize: f,
    configurations,
    magnetisations,
    edgeCorrelations,
    connectedEdgeCorrelations,
    pairCorrelations,
    connectedPairCorrelations,
  };
}

/** What `conditionalPair` reads: the sum-product state of the current configuration and the forest's shape. */
interface PathTables {
  r: FvsReduction;
  root: Int32Array;
  depth: Int32Array;
  cavity: Float64Array;
  message: Float64Array;
  full: Float64Array;
  condMag: Float64Array;
}

/**
 * ⟨s_i s_j | s_F⟩ after `forestSumProduct`. In one tree, conditioning on a node x splits the tree, so along the
 * path i → … → lca → … → j each step is the affine map E[s_y | s_x] = α + γ s_x with α ± γ = tanh(c ± K), where c
 * is y's cavity field without x (a_y when y is x's child, H_y − u_x when y is x's parent) and K = β J_xy.
 * Composing the maps gives E[s_j | s_i] = A + B s_i, hence ⟨s_i s_j⟩ = A ⟨s_i⟩ + B. O(path length).
 */
function conditionalPair(t: PathTables, spins: Int8Array, i: number, j: number): number {
  const pos = t.r.fvsPosition;
  const pi = pos[i] as number;
  const pj = pos[j] as number;
  const condMag = t.condMag;
  if (pi >= 0 && pj >= 0) return (spins[pi] as number) * (spins[pj] as number);
  if (pi >= 0) return (spins[pi] as number) * (condMag[j] as number);
  if (pj >= 0) return (condMag[i] as number) * (spins[pj] as number);
  if (t.root[i] !== t.root[j]) return (condMag[i] as number) * (condMag[j] as number);
  const parent = t.r.forestParent;
  const kc = t.r.parentCouplings;
  const depth = t.depth;
  const cavity = t.cavity;
  const message = t.message;
  const full = t.full;
  // E[s_x | s_i] = nA + nB s_i while x climbs from i; E[s_j | s_y] = mA + mB s_y while y climbs from j.
  let x = i;
  let nA = 0;
  let nB = 1;
  let y = j;
  let mA = 0;
  let mB = 1;
  while (x !== y) {
    if ((depth[x] as number) >= (depth[y] as number)) {
      // step x → its parent p: c = H_p − u_x
      const p = parent[x] as number;
      const kx = kc[x] as number;
      const cp = (full[p] as number) - (message[x] as number);
      const tp = tanh(cp + kx);
      const tm = tanh(cp - kx);
      const alpha = 0.5 * (tp + tm);
      const gamma = 0.5 * (tp - tm);
      nA = alpha + gamma * nA;
      nB = gamma * nB;
      x = p;
    } else {
      // step parent(y) → y: c = a_y; prepend the map to E[s_j | s_y]
      const ky = kc[y] as number;
      const cy = cavity[y] as number;
      const tp = tanh(cy + ky);
      const tm = tanh(cy - ky);
      const alpha = 0.5 * (tp + tm);
      const gamma = 0.5 * (tp - tm);
      mA += mB * alpha;
      mB *= gamma;
      y = parent[y] as number;
    }
  }
  const a = mA + mB * nA;
  const b = mB * nB;
  return a * (condMag[i] as number) + b;
}
