/**
 * Swendsen–Wang multi-cluster updates (R. H. Swendsen and J.-S. Wang, "Nonuniversal critical dynamics in Monte Carlo
 * simulations", Phys. Rev. Lett. 58, 86 (1987)) for zero-field ferromagnets with per-edge couplings J_e ≥ 0.
 *
 * One update: activate a bond on every edge between equal spins with p_e = 1 − exp(−2βJ_e), split the graph into
 * the connected components of the active bonds, flip each component independently with probability 1/2. This is a
 * Gibbs step of the joint Fortuin–Kasteleyn (Edwards–Sokal) measure, so p ∝ exp(−βE) is invariant.
 */
import { checkInteger, checkOptions, checkRng, type Rng } from '@isinglab/graph';
import { checkSpins, type IsingModel } from '../model/ising-model.js';
import {
  checkClusterModel,
  createClusterWorkspace,
  nextStamp,
  syncWorkspace,
  type ClusterSweepsResult,
  type ClusterWorkspace,
} from './cluster-workspace.js';

export interface SwendsenWangSweepsOptions {
  /** Random source (required). Chains are updated one after the other from this one stream. */
  rng: Rng;
  /** Swendsen–Wang updates per chain. @default 1 */
  sweeps?: number;
}

const DEFAULTS = Object.freeze({ sweeps: 1 });
const KNOWN: readonly (keyof SwendsenWangSweepsOptions)[] = ['rng', 'sweeps'];

/** Flip a cluster when its coin `rng.uint32()` is at least 2^31 (probability exactly 1/2). */
const HALF_2_32 = 2147483648;

/**
 * Runs `sweeps` Swendsen–Wang updates on every chain of the batch `spins` (C·N, updated in place), chain 0 first, all
 * from `options.rng`. Refuses (InvalidArgumentError, argument `model`) a nonzero field or a negative coupling. Same
 * seed → identical spins. Cost O(C · sweeps · (N + M)); memory O(N + M).
 * Reference: Swendsen & Wang, Phys. Rev. Lett. 58, 86 (1987).
 * @example swendsenWangSweeps(createIsingModel(squareLattice(32, 32, { periodic: true }), { beta: 0.44 }), spins, { rng })
 */
export function swendsenWangSweeps(model: IsingModel, spins: Int8Array, options: SwendsenWangSweepsOptions): ClusterSweepsResult {
  const site = { pkg: 'ising', fn: 'swendsenWangSweeps' };
  checkClusterModel(site, model);
  const chains = checkSpins(site, model, spins);
  const opts = { ...DEFAULTS, ...checkOptions<SwendsenWangSweepsOptions>(site, options, KNOWN) };
  const rng = checkRng(site, opts.rng, 'options.rng');
  const sweeps = checkInteger(site, 'options.sweeps', opts.sweeps, { min: 1 });
  const ws = createClusterWorkspace(model);
  const n = model.order;
  let clusters = 0;
  for (let c = 0; c < chains; c++) {
    for (let s = 0; s < sweeps; s++) clusters += swendsenWangSweepKernel(ws, model, spins, c * n, rng);
  }
  return { clusters, meanClusterSize: clusters === 0 ? 0 : (chains * sweeps * n) / clusters };
}

/**
 * @internal One Swendsen–Wang update of the chain at offset `base`; returns the number of clusters (singletons
 * included); the number of spins flipped is left in `ws.lastFlips`.
 *
 * Clusters are found by breadth-first search from each unlabelled node in id order, revealing bonds lazily: an
 * edge is tested (one `rng.uint32()`) when the search first reaches it from a cluster spin towards an unlabelled
 * equal spin with J_e > 0. Every edge whose bond could change the partition is tested exactly once, and an edge
 * inside an already-joined pair is never needed, so the clusters have the law of the components of the full bond
 * percolation. Each cluster draws its coin (one `rng.uint32()`) before its search. Labels are visit stamps, so
 * nothing is cleared between updates. Allocates nothing.
 * Preconditions: `model` passed `checkClusterModel`, `ws` was created for a model on the same graph, `spins` holds
 * ±1 at [base, base + N).
 */
export function swendsenWangSweepKernel(
  ws: ClusterWorkspace,
  model: IsingModel,
  spins: Int8Array,
  base: number,
  rng: Rng,
): number {
  syncWorkspace(ws, model);
  const { offsets, targets, edgeIds } = model.graph;
  const thresholds = ws.bondThresholds;
  const queue = ws.stack;
  const marks = ws.marks;
  const n = ws.order;
  const stamp = nextStamp(ws);
  let clusters = 0;
  let flips = 0;
  for (let root = 0; root < n; root++) {
    if (marks[root] === stamp) continue;
    clusters++;
    const flip = rng.uint32() >= HALF_2_32;
    const s = spins[base + root] as number;
    marks[root] = stamp;
    queue[0] = root;
    let head = 0;
    let tail = 1;
    while (head < tail) {
      const i = queue[head++] as number;
      const end = offsets[i + 1] as number;
      for (let p = offsets[i] as number; p < end; p++) {
        const j = targets[p] as number;
        // Unmarked spins are still unflipped, so comparing with s is comparing the spins before the update.
        if (marks[j] === stamp || spins[base + j] !== s) continue;
        const t = thresholds[edgeIds[p] as number] as number;
        if (t > 0 && rng.uint32() < t) {
          marks[j] = stamp;
          queue[tail++] = j;
        }
      }
    }
    if (flip) {
      const flipped = -s;
      for (let k = 0; k < tail; k++) spins[base + (queue[k] as number)] = flipped;
      flips += tail;
    }
  }
  ws.lastFlips = flips;
  return clusters;
}
