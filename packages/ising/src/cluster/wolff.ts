/**
 * Wolff single-cluster updates (U. Wolff, "Collective Monte Carlo updating for spin systems", Phys. Rev. Lett. 62,
 * 361 (1989)) for zero-field ferromagnets with per-edge couplings J_e ≥ 0 on any undirected graph.
 *
 * One cluster step: pick a seed uniformly, grow its Fortuin–Kasteleyn cluster by activating each edge to an
 * equal spin with p_e = 1 − exp(−2βJ_e), flip the whole cluster (always accepted). Each step satisfies detailed
 * balance for p ∝ exp(−βE).
 *
 * A sweep is a FIXED number K of cluster steps, chosen before the sweep and never from the clusters it builds.
 * "Grow clusters until at least N spins were flipped" is NOT a valid sweep: the stopping rule depends on the cluster
 * sizes and biases the state at the end of the sweep (inspection paradox). On one edge it is even absorbing: from an
 * aligned pair, either both spins flip (aligned, 2 flips, stop) or one flips (anti-aligned, 1 flip) and the next
 * cluster is a single spin that re-aligns the pair, so every sweep ends aligned and the anti-aligned states of
 * probability 1/(1 + e^{2βJ}) are never returned. On a 4-cycle at β = 0.5 that rule is off by 0.27 in total variation.
 * K is set so that a sweep flips about N spins on average: K = ⌈N / s̄⌉, s̄ the mean cluster size (≈ N·E[m²]) of a
 * short deterministic pilot run, or K given by the caller.
 */
import { checkInteger, checkOptions, checkRng, createRng, type Rng } from '@isinglab/graph';
import { checkSpins, type IsingModel } from '../model/ising-model.js';
import {
  checkClusterModel,
  createClusterWorkspace,
  syncWorkspace,
  type ClusterSweepsResult,
  type ClusterWorkspace,
} from './cluster-workspace.js';

export interface WolffSweepsOptions {
  /** Random source (required). Chains are updated one after the other from this one stream. */
  rng: Rng;
  /** Sweeps per chain. @default 1 */
  sweeps?: number;
  /**
   * Wolff clusters per sweep: a positive integer, or `'auto'` for ⌈N / s̄⌉ with s̄ the mean cluster size of a
   * deterministic pilot run (about four sweeps of work, once per call), so that a sweep flips about N spins on average.
   * Calls repeated on one model can pass the `clustersPerSweep` of the previous result to skip the pilot.
   * @default 'auto'
   */
  clustersPerSweep?: number | 'auto';
}

/** What `wolffSweeps` reports. */
export interface WolffSweepsResult extends ClusterSweepsResult {
  /** Clusters per sweep used (the pilot's value under `'auto'`): pass it back as an option to skip the pilot next time. */
  readonly clustersPerSweep: number;
}

const DEFAULTS = Object.freeze({ sweeps: 1, clustersPerSweep: 'auto' as number | 'auto' });
const KNOWN: readonly (keyof WolffSweepsOptions)[] = ['rng', 'sweeps', 'clustersPerSweep'];

/** Fixed seed of the pilot run: K is a function of the model alone (same in every thread, chain and resume). */
const PILOT_SEED = 0x301ff;

/**
 * Runs `sweeps` Wolff sweeps on every chain of the batch `spins` (C·N, updated in place), chain 0 first, all from
 * `options.rng`. Refuses (InvalidArgumentError, argument `model`) a nonzero field or a negative coupling. Same
 * seed → identical spins. A sweep is a fixed number of cluster steps (see the file header for why not "until N
 * flips"). Cost O(C · sweeps · (N + M)) expected (a sweep flips about N spins), plus about four sweeps for the
 * pilot under `clustersPerSweep: 'auto'`; memory O(N + M).
 * Reference: Wolff, Phys. Rev. Lett. 62, 361 (1989).
 * @example wolffSweeps(createIsingModel(squareLattice(32, 32, { periodic: true }), { beta: 0.44 }), spins, { rng })
 */
export function wolffSweeps(model: IsingModel, spins: Int8Array, options: WolffSweepsOptions): WolffSweepsResult {
  const site = { pkg: 'ising', fn: 'wolffSweeps' };
  checkClusterModel(site, model);
  const chains = checkSpins(site, model, spins);
  const opts = { ...DEFAULTS, ...checkOptions<WolffSweepsOptions>(site, options, KNOWN) };
  const rng = checkRng(site, opts.rng, 'options.rng');
  const sweeps = checkInteger(site, 'options.sweeps', opts.sweeps, { min: 1 });
  const fixed =
    opts.clustersPerSweep === 'auto'
      ? undefined
      : checkInteger(site, 'options.clustersPerSweep', opts.clustersPerSweep, { min: 1 });
  const ws = createClusterWorkspace(model, fixed);
  const n = model.order;
  let clusters = 0;
  let flips = 0;
  for (let c = 0; c < chains; c++) {
    for (let s = 0; s < sweeps; s++) {
      clusters += wolffSweepKernel(ws, model, spins, c * n, rng);
      flips += ws.lastFlips;
    }
  }
  return { clusters, meanClusterSize: clusters === 0 ? 0 : flips / clusters, clustersPerSweep: Math.max(0, ws.clustersPerSweep) };
}

/**
 * @internal One Wolff sweep of the chain at offset `base`: `ws.clustersPerSweep` single-cluster steps, each seeded
 * at `rng.int(N)`; returns the number of clusters built (their summed size is left in `ws.lastFlips`).
 * Random numbers, in order: per cluster one `rng.int(N)`, then one `rng.uint32()` per bond test (an edge from a
 * cluster spin to an equal spin with J_e > 0, in CSR order of a LIFO traversal). Allocates nothing, except that the
 * first call on a workspace with automatic K runs the pilot (one Int8Array(N)).
 * Preconditions: `model` passed `checkClusterModel`, `ws` was created for a model on the same graph, `spins` holds
 * ±1 at [base, base + N).
 */
export function wolffSweepKernel(ws: ClusterWorkspace, model: IsingModel, spins: Int8Array, base: number, rng: Rng): number {
  syncWorkspace(ws, model);
  const n = ws.order;
  if (ws.clustersPerSweep < 0) ws.clustersPerSweep = pilotClustersPerSweep(ws, model);
  const k = n === 0 ? 0 : ws.clustersPerSweep;
  let flips = 0;
  for (let c = 0; c < k; c++) flips += growAndFlip(ws, model, spins, base, rng.int(n), rng);
  ws.lastFlips = flips;
  return k;
}

/**
 * Grows the cluster of `seed` and flips it; returns its size. Spins are flipped as they join, so "still has the
 * cluster's old spin" means "not in the cluster yet": no visited marks, each node is pushed at most once (stack of N
 * suffices), and each edge from a cluster spin is tested once, when that spin is popped. Iterative (explicit stack),
 * so a cluster of 10^6 spins needs no call-stack depth.
 */
function growAndFlip(ws: ClusterWorkspace, model: IsingModel, spins: Int8Array, base: number, seed: number, rng: Rng): number {
  const { offsets, targets, edgeIds } = model.graph;
  const thresholds = ws.bondThresholds;
  // Uniform couplings (lattices): one threshold for every edge, sparing the edge-id and threshold loads per half-edge.
  const uniform = ws.uniformThreshold;
  const isUniform = uniform >= 0;
  const stack = ws.stack;
  const s = spins[base + seed] as number;
  const flipped = -s;
  spins[base + seed] = flipped;
  stack[0] = seed;
  let top = 1;
  let size = 1;
  while (top > 0) {
    const i = stack[--top] as number;
    const end = offsets[i + 1] as number;
    for (let p = offsets[i] as number; p < end; p++) {
      const j = targets[p] as number;
      if (spins[base + j] !== s) continue;
      const t = isUniform ? uniform : (thresholds[edgeIds[p] as number] as number);
      if (t > 0 && rng.uint32() < t) {
        spins[base + j] = flipped;
        stack[top++] = j;
        size++;
      }
    }
  }
  return size;
}

/**
 * K = ⌈N / s̄⌉: s̄ is the mean size of the clusters grown from an all-up state with a fixed-seed generator, after a
 * warm-up of 2N flipped spins, over the next ≥ 2N flipped spins (about four sweeps of work). K only sets how much
 * work a sweep does, never which distribution is sampled; it depends on the model alone, so every thread and every
 * resumed run uses the same K. When no edge can bond (β = 0 or all J_e = 0), clusters are single spins and K = N.
 */
function pilotClustersPerSweep(ws: ClusterWorkspace, model: IsingModel): number {
  const n = ws.order;
  if (n === 0) return 0;
  let canBond = false;
  for (let e = 0; e < ws.bondThresholds.length && !canBond; e++) canBond = (ws.bondThresholds[e] as number) > 0;
  if (!canBond) return n;
  const rng = createRng(PILOT_SEED);
  const spins = new Int8Array(n).fill(1);
  let warm = 0;
  while (warm < 2 * n) warm += growAndFlip(ws, model, spins, 0, rng.int(n), rng);
  let flips = 0;
  let clusters = 0;
  while (flips < 2 * n) {
    flips += growAndFlip(ws, model, spins, 0, rng.int(n), rng);
    clusters++;
  }
  return Math.max(1, Math.ceil((n * clusters) / flips));
}
