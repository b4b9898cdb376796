/**
 * Test-only references for the cluster samplers, independent of the code under test: brute-force enumeration of
 * the Boltzmann distribution, batch-means standard errors, integrated autocorrelation times, a naive Metropolis
 * sweep, and the small ferromagnets the statistical tests run on.
 */
import {
  completeGraph,
  createRng,
  cycleGraph,
  fromEdges,
  pathGraph,
  petersenGraph,
  randomTree,
  squareLattice,
  type Graph,
} from '@isinglab/graph';

/** A graph with one coupling per edge id. */
export interface Ferromagnet {
  readonly name: string;
  readonly graph: Graph;
  readonly couplings: Float64Array;
}

/**
 * The small zero-field ferromagnets (N ≤ 12) of the moment tests: path, cycle, K4, 3×3 torus, Petersen, a random
 * tree with J ~ U[0.2, 1.5], and a disconnected graph with an isolated node and a J = 0 edge.
 */
export function smallFerromagnets(): Ferromagnet[] {
  const uniform = (graph: Graph, j = 1): Float64Array => new Float64Array(graph.size).fill(j);
  const tree = randomTree(12, { rng: createRng(5) });
  const jRng = createRng(6);
  const treeJ = new Float64Array(tree.size);
  for (let e = 0; e < tree.size; e++) treeJ[e] = 0.2 + 1.3 * jRng.float64();
  // Edges 0–1 (J = 1), 1–2 (J = 0: must never bond), 2–3 (J = 0.7), 4–5 (J = 1.2); node 6 isolated.
  const patchy = fromEdges(
    [
      [0, 1],
      [1, 2],
      [2, 3],
      [4, 5],
    ],
    { order: 7 },
  );
  const patchyJ = new Float64Array(patchy.size);
  for (let e = 0; e < patchy.size; e++) {
    const key = `${patchy.edgeSources[e]}-${patchy.edgeTargets[e]}`;
    patchyJ[e] = ({ '0-1': 1, '1-2': 0, '2-3': 0.7, '4-5': 1.2 } as Record<string, number>)[key] as number;
  }
  const p8 = pathGraph(8);
  const c10 = cycleGraph(10);
  const k4 = completeGraph(4);
  const grid = squareLattice(3, 3, { periodic: true });
  const petersen = petersenGraph();
  return [
    { name: 'path P8', graph: p8, couplings: uniform(p8) },
    { name: 'cycle C10', graph: c10, couplings: uniform(c10, 0.8) },
    { name: 'K4', graph: k4, couplings: uniform(k4) },
    { name: '3x3 torus', graph: grid, couplings: uniform(grid) },
    { name: 'Petersen', graph: petersen, couplings: uniform(petersen) },
    { name: 'random tree (12, J~U[0.2,1.5])', graph: tree, couplings: treeJ },
    { name: 'disconnected with J=0 edge and isolated node', graph: patchy, couplings: patchyJ },
  ];
}

/** E(x) = −Σ_e J_e x_u x_v of the chain at `base`, summed over the edge list. */
export function energyOf(f: Ferromagnet, spins: Int8Array, base = 0): number {
  const { edgeSources, edgeTargets } = f.graph;
  let e = 0;
  for (let k = 0; k < f.graph.size; k++) {
    e -= (f.couplings[k] as number) * (spins[base + (edgeSources[k] as number)] as number) * (spins[base + (edgeTargets[k] as number)] as number);
  }
  return e;
}

/** m = (1/N) Σ x_i of the chain at `base`. */
export function magnetisationOf(spins: Int8Array, n: number, base = 0): number {
  let s = 0;
  for (let i = base; i < base + n; i++) s += spins[i] as number;
  return s / n;
}

/** Index of a configuration: bit i set when spin i is +1. */
export function stateIndex(spins: Int8Array, n: number, base = 0): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (spins[base + i] === 1) k |= 1 << i;
  return k;
}

export interface ExactIsing {
  /** Boltzmann probability of each state (indexed as `stateIndex`). */
  readonly probabilities: Float64Array;
  readonly energy: number;
  readonly absMagnetisation: number;
  readonly magnetisationSquared: number;
}

/** Brute-force enumeration of all 2^N states of a zero-field model at inverse temperature β. */
export function enumerateExact(f: Ferromagnet, beta: number): ExactIsing {
  const n = f.graph.order;
  const count = 1 << n;
  const spins = new Int8Array(n);
  const energies = new Float64Array(count);
  let eMin = Infinity;
  for (let k = 0; k < count; k++) {
    for (let i = 0; i < n; i++) spins[i] = (k >> i) & 1 ? 1 : -1;
    energies[k] = energyOf(f, spins);
    eMin = Math.min(eMin, energies[k] as number);
  }
  const probabilities = new Float64Array(count);
  let z = 0;
  for (let k = 0; k < count; k++) {
    // Shift by the ground energy so exp never overflows.
    probabilities[k] = Math.exp(-beta * ((energies[k] as number) - eMin));
    z += probabilities[k] as number;
  }
  let energy = 0;
  let absM = 0;
  let m2 = 0;
  for (let k = 0; k < count; k++) {
    const p = (probabilities[k] as number) / z;
    probabilities[k] = p;
    let s = 0;
    for (let i = 0; i < n; i++) s += (k >> i) & 1 ? 1 : -1;
    const m = s / n;
    energy += p * (energies[k] as number);
    absM += p * Math.abs(m);
    m2 += p * m * m;
  }
  return { probabilities, energy, absMagnetisation: absM, magnetisationSquared: m2 };
}

export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] as number;
  return s / x.length;
}

/**
 * Standard error of the mean of a correlated series by non-overlapping batch means: the series is cut into
 * `batches` equal batches (the remainder dropped) and σ = sd(batch means) / √batches. Valid when a batch is much
 * longer than the autocorrelation time; the estimate itself has relative error ≈ 1/√(2(batches − 1)) (≈ 11% for 40).
 */
export function batchMeansError(x: ArrayLike<number>, batches = 40): number {
  const size = Math.floor(x.length / batches);
  if (size < 1) throw new Error('series shorter than the number of batches');
  const means = new Float64Array(batches);
  for (let b = 0; b < batches; b++) {
    let s = 0;
    for (let i = b * size; i < (b + 1) * size; i++) s += x[i] as number;
    means[b] = s / size;
  }
  const mu = mean(means);
  let v = 0;
  for (let b = 0; b < batches; b++) v += ((means[b] as number) - mu) ** 2;
  return Math.sqrt(v / (batches - 1) / batches);
}

/**
 * Integrated autocorrelation time τ = 1/2 + Σ_{t≥1} ρ(t) with Sokal's self-consistent window: the smallest W with
 * W ≥ c·τ(W), c = 6 (A. Sokal, "Monte Carlo methods in statistical mechanics", 1997, §3). τ = 1/2 for independent
 * draws (the convention where the variance of the mean is 2τ σ²/n).
 */
export function integratedAutocorrelationTime(x: ArrayLike<number>, c = 6): number {
  const n = x.length;
  const mu = mean(x);
  let c0 = 0;
  for (let i = 0; i < n; i++) c0 += ((x[i] as number) - mu) ** 2;
  c0 /= n;
  if (c0 === 0) return 0.5;
  let tau = 0.5;
  for (let t = 1; t < n; t++) {
    let ct = 0;
    for (let i = 0; i + t < n; i++) ct += ((x[i] as number) - mu) * ((x[i + t] as number) - mu);
    tau += ct / n / c0;
    if (t >= c * tau) return tau;
  }
  return tau;
}

/**
 * A naive single-spin Metropolis sweep (typewriter order, accept with min(1, e^{−βΔE}), ΔE = 2 x_i Σ_j J_ij x_j),
 * one `rng.float64()` per spin. The comparison baseline of the autocorrelation test.
 */
export function naiveMetropolisSweep(f: Ferromagnet, beta: number, spins: Int8Array, rng: { float64(): number }): void {
  const { offsets, targets, edgeIds } = f.graph;
  const exp = Math.exp;
  const n = f.graph.order;
  for (let i = 0; i < n; i++) {
    let h = 0;
    for (let p = offsets[i] as number; p < (offsets[i + 1] as number); p++) {
      h += (f.couplings[edgeIds[p] as number] as number) * (spins[targets[p] as number] as number);
    }
    const dE = 2 * (spins[i] as number) * h;
    if (dE <= 0 || rng.float64() < exp(-beta * dE)) spins[i] = -(spins[i] as number);
  }
}

/** Pearson's χ² of observed counts against expected probabilities (all cells). */
export function chiSquare(counts: ArrayLike<number>, probabilities: ArrayLike<number>, total: number): number {
  let chi2 = 0;
  for (let k = 0; k < counts.length; k++) {
    const expected = total * (probabilities[k] as number);
    chi2 += ((counts[k] as number) - expected) ** 2 / expected;
  }
  return chi2;
}

/** Energy, |m| and m² after each of `sweeps` calls of `sweepOnce` on one chain, after `burnIn` calls. */
export function recordSeries(
  f: Ferromagnet,
  spins: Int8Array,
  sweepOnce: () => void,
  burnIn: number,
  sweeps: number,
): { energy: Float64Array; absM: Float64Array; m2: Float64Array } {
  const n = f.graph.order;
  for (let s = 0; s < burnIn; s++) sweepOnce();
  const energy = new Float64Array(sweeps);
  const absM = new Float64Array(sweeps);
  const m2 = new Float64Array(sweeps);
  for (let s = 0; s < sweeps; s++) {
    sweepOnce();
    energy[s] = energyOf(f, spins);
    const m = magnetisationOf(spins, n);
    absM[s] = Math.abs(m);
    m2[s] = m * m;
  }
  return { energy, absM, m2 };
}

/** Total coupling Σ_e J_e: the energy scale |E| ≤ Σ J used to state energy tolerances. */
export function totalCoupling(f: Ferromagnet): number {
  let s = 0;
  for (let e = 0; e < f.couplings.length; e++) s += f.couplings[e] as number;
  return s;
}

/**
 * The N = 4 "paw" of the exact-distribution tests: triangle 0–1–2 with a pendant 3 on node 2, J(0–1) = 1,
 * J(1–2) = 0.6, J(0–2) = 0 (never bonds), J(2–3) = 1.3.
 */
export function paw(): Ferromagnet {
  const graph = fromEdges([
    [0, 1],
    [1, 2],
    [0, 2],
    [2, 3],
  ]);
  const couplings = new Float64Array(graph.size);
  for (let e = 0; e < graph.size; e++) {
    const key = `${graph.edgeSources[e]}-${graph.edgeTargets[e]}`;
    couplings[e] = ({ '0-1': 1, '1-2': 0.6, '0-2': 0, '2-3': 1.3 } as Record<string, number>)[key] as number;
  }
  return { name: 'paw', graph, couplings };
}

/** Histogram of the states of the C chains of a batch (indexed as `stateIndex`). */
export function stateHistogram(spins: Int8Array, n: number): Float64Array {
  const counts = new Float64Array(1 << n);
  for (let base = 0; base < spins.length; base += n) {
    const k = stateIndex(spins, n, base);
    counts[k] = (counts[k] as number) + 1;
  }
  return counts;
}

/** χ²_{0.999} with 15 degrees of freedom (scipy.stats.chi2.ppf(0.999, 15) = 37.697): 16-state tests reject at 0.1%. */
export const CHI2_999_DF15 = 37.697;
