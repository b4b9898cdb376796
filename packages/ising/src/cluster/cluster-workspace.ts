/**
 * Scratch memory shared by the Wolff and Swendsen–Wang kernels, and the entry check both public wrappers (and the
 * sampler driver) use to refuse models cluster updates cannot sample.
 *
 * Cluster updates rest on the Fortuin–Kasteleyn representation: between two equal spins joined by an edge of
 * coupling J_e ≥ 0 a bond is activated with probability p_e = 1 − exp(−2βJ_e) (Swendsen & Wang 1987, Phys. Rev. Lett.
 * 58, 86; Wolff 1989, Phys. Rev. Lett. 62, 361). Flipping a whole bond cluster then leaves p ∝ exp(−βE) invariant only
 * when every field is zero (a field would change the energy of the flip) and every J_e ≥ 0 (p_e must be a probability).
 */
import { InvalidArgumentError, checkFiniteNumber, type CheckSite } from '@isinglab/graph';
import { checkIsingModel, type IsingModel } from '../model/ising-model.js';

/** 2^32: bond tests compare a raw `rng.uint32()` with p_e·2^32, which equals testing u·2^−32 < p_e exactly. */
const TWO_POW_32 = 4294967296;

/**
 * @internal Per-model scratch of the cluster kernels; one per thread, reusable across chains of the same model.
 * It holds no chain state: results depend only on the model, the spins and the RNG stream.
 */
export interface ClusterWorkspace {
  /** Number of spins N the buffers are sized for. */
  readonly order: number;
  /** Wolff: stack of nodes still to grow from. Swendsen–Wang: BFS queue of the current cluster. Length N. */
  readonly stack: Int32Array;
  /** Swendsen–Wang: `marks[i] === stamp` when node i already belongs to a cluster of the current update. */
  readonly marks: Int32Array;
  /** Current visit stamp; bumped once per update so `marks` never needs clearing (reset only on overflow). */
  stamp: number;
  /** p_e·2^32 for each edge id; exactly 0 when J_e = 0 or β = 0 (never bonds, and no random number is drawn). */
  readonly bondThresholds: Float64Array;
  /** The common threshold when every edge has the same one (uniform couplings), else −1. */
  uniformThreshold: number;
  /** The β the thresholds were computed for. */
  beta: number;
  /** The couplings array the thresholds were computed for (compared by identity). */
  couplings: Float64Array;
  /**
   * Wolff clusters grown per sweep: fixed before the sweep, never decided from the clusters just built (see
   * `wolffSweepKernel`). −1 until the first Wolff call computes the automatic value.
   */
  clustersPerSweep: number;
  /** True when `clustersPerSweep` was given by the caller (kept when the model's β changes). */
  readonly fixedClustersPerSweep: boolean;
  /** Spins flipped by the last kernel call (Wolff: summed cluster sizes; Swendsen–Wang: spins in flipped clusters). */
  lastFlips: number;
}

/**
 * @internal Allocates the scratch of the cluster kernels for `model` (typed arrays of N and M entries) and computes
 * the bond thresholds. `clustersPerSweep` fixes the number of Wolff clusters per sweep; omitted, it is estimated
 * on the first Wolff call (see `wolffSweepKernel`). Preconditions: `model` passed `checkClusterModel`;
 * `clustersPerSweep` is a positive integer or undefined. O(N + M).
 */
export function createClusterWorkspace(model: IsingModel, clustersPerSweep?: number): ClusterWorkspace {
  const n = model.order;
  const ws: ClusterWorkspace = {
    order: n,
    stack: new Int32Array(n),
    marks: new Int32Array(n),
    stamp: 0,
    bondThresholds: new Float64Array(model.couplings.length),
    uniformThreshold: -1,
    beta: Number.NaN,
    couplings: model.couplings,
    clustersPerSweep: clustersPerSweep ?? -1,
    fixedClustersPerSweep: clustersPerSweep !== undefined,
    lastFlips: 0,
  };
  syncWorkspace(ws, model);
  return ws;
}

/**
 * @internal Recomputes the bond thresholds when `model` has another β or couplings array than the workspace was
 * last used with (e.g. a `withBeta` copy in an annealing loop), so a reused workspace never samples the wrong
 * temperature. O(1) when nothing changed, O(M) otherwise; allocates nothing. Precondition: same graph.
 */
export function syncWorkspace(ws: ClusterWorkspace, model: IsingModel): void {
  if (ws.beta === model.beta && ws.couplings === model.couplings) return;
  const couplings = model.couplings;
  const thresholds = ws.bondThresholds;
  const minus2Beta = -2 * model.beta;
  const expm1 = Math.expm1;
  for (let e = 0; e < couplings.length; e++) {
    const j = couplings[e] as number;
    // p = 1 − e^{−2βJ} through expm1: accurate for small βJ, and exactly 0 for J = 0 (an edge that never bonds).
    thresholds[e] = j > 0 ? -expm1(minus2Beta * j) * TWO_POW_32 : 0;
  }
  // Checked on the thresholds themselves rather than trusting model.uniformCoupling of a hand-built model.
  let uniform = thresholds.length === 0 ? -1 : (thresholds[0] as number);
  for (let e = 1; e < thresholds.length && uniform >= 0; e++) if (thresholds[e] !== uniform) uniform = -1;
  ws.uniformThreshold = uniform;
  ws.beta = model.beta;
  ws.couplings = couplings;
  if (!ws.fixedClustersPerSweep) ws.clustersPerSweep = -1;
}

/** @internal A fresh visit stamp; clears `marks` only when the 31-bit counter would overflow (every ~2^31 updates). */
export function nextStamp(ws: ClusterWorkspace): number {
  if (ws.stamp >= 0x7fffffff) {
    ws.marks.fill(0);
    ws.stamp = 0;
  }
  ws.stamp++;
  return ws.stamp;
}

const HINT =
  "Cluster updates (Wolff, Swendsen–Wang) sample only zero-field ferromagnets; use sampler 'metropolis' or 'heat-bath'.";

/**
 * Checks `model` is an Ising model cluster updates can sample: an undirected graph, every field h_i = 0, every
 * coupling J_e ≥ 0 (J_e = 0 is allowed: such an edge never bonds) and a finite β ≥ 0. Throws `InvalidArgumentError`
 * (argument `model`) naming the first offending node or edge id and its value; returns the model. O(N + M).
 */
export function checkClusterModel(site: CheckSite, model: unknown): IsingModel {
  const m = checkIsingModel(site, model);
  checkFiniteNumber(site, 'model.beta', m.beta, { min: 0 });
  if (m.graph.directed) {
    throw new InvalidArgumentError({ ...site, argument: 'model', value: m, rule: 'a model on an undirected graph', hint: HINT });
  }
  const fields = m.fields;
  for (let i = 0; i < fields.length; i++) {
    const h = fields[i] as number;
    if (h !== 0) {
      throw new InvalidArgumentError({
        ...site,
        argument: 'model',
        value: h,
        rule: `zero-field (every h_i = 0), but node ${i} has h_${i}`,
        hint: HINT,
      });
    }
  }
  const couplings = m.couplings;
  for (let e = 0; e < couplings.length; e++) {
    const j = couplings[e] as number;
    if (!(j >= 0)) {
      const u = m.graph.edgeSources[e];
      const v = m.graph.edgeTargets[e];
      throw new InvalidArgumentError({
        ...site,
        argument: 'model',
        value: j,
        rule: `ferromagnetic (every J_e >= 0), but edge ${e} (${u}–${v}) has J_${e}`,
        hint: HINT,
      });
    }
  }
  return m;
}

/** What `wolffSweeps` and `swendsenWangSweeps` report. */
export interface ClusterSweepsResult {
  /** Clusters built, summed over chains and sweeps (Swendsen–Wang counts every cluster, singletons included). */
  readonly clusters: number;
  /**
   * Mean cluster size: Wolff, spins flipped per cluster (an estimate of N·E[m²], the mean size of the cluster of a
   * random seed); Swendsen–Wang, N per cluster (the mean over all clusters). 0 when no cluster was built.
   */
  readonly meanClusterSize: number;
}
