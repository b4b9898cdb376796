/**
 * Contextual stochastic block model (Deshpande, Sen, Montanari & Mossel 2018), the standard synthetic benchmark
 * for node classification with graph and feature signal: two balanced classes v_i ∈ {±1};
 *   edges independently with probability (d + λ√d)/n within a class and (d − λ√d)/n across;
 *   features b_i = √(μ/n) v_i u + Z_i/√p, u ~ N(0, I_p/p) shared, Z_i ~ N(0, I_p).
 * Recovery is possible above λ² + μ²/γ = 1 with γ = n/p.
 */
import { InvalidArgumentError, buildGraph, checkRng, type Graph, type Rng } from '@isinglab/graph';

export interface ContextualSbmOptions {
  /** Number of nodes n (even or odd; classes differ by at most one). */
  nodes: number;
  /** Feature dimension p. */
  features: number;
  /** Average degree d. */
  averageDegree: number;
  /** Graph signal λ, |λ| ≤ √d (positive: homophilous). */
  lambda: number;
  /** Feature signal μ ≥ 0. */
  mu: number;
  rng: Rng;
}

export interface ContextualSbm {
  graph: Graph;
  /** Row-major n × p features (float32, the tfjs boundary). */
  features: Float32Array;
  /** Class of each node, 0 or 1. */
  labels: Int32Array;
}

const FN = 'contextualSbm';

/**
 * Samples a CSBM graph with features and labels. Node ids are a random permutation of the class blocks.
 * O(n·p + m) time via geometric skipping over node pairs.
 * @example contextualSbm({ nodes: 2000, features: 400, averageDegree: 10, lambda: 2, mu: 4, rng: createRng(1) })
 */
export function contextualSbm(options: ContextualSbmOptions): ContextualSbm {
  if (typeof options !== 'object' || options === null) throw bad('options', options, 'an object');
  const { nodes: n, features: p, averageDegree: d, lambda, mu } = options;
  if (!Number.isInteger(n) || n < 2) throw bad('options.nodes', n, 'an integer ≥ 2');
  if (!Number.isInteger(p) || p < 1) throw bad('options.features', p, 'a positive integer');
  if (!Number.isFinite(d) || d < 0 || d > n - 1) throw bad('options.averageDegree', d, `a number in [0, ${n - 1}]`);
  if (!Number.isFinite(lambda) || Math.abs(lambda) > Math.sqrt(d)) throw bad('options.lambda', lambda, `a number with |λ| ≤ √d = ${Math.sqrt(d)}`);
  if (!Number.isFinite(mu) || mu < 0) throw bad('options.mu', mu, 'a non-negative number');
  const rng = checkRng({ pkg: 'gnn', fn: FN }, options.rng, 'options.rng');
  const pIn = (d + lambda * Math.sqrt(d)) / n;
  const pOut = (d - lambda * Math.sqrt(d)) / n;
  if (pIn > 1) throw bad('options.averageDegree', d, `small enough that (d + λ√d)/n ≤ 1 (got ${pIn})`);

  // Blocks in sampling order: [0, half) class 0, [half, n) class 1; `perm` maps them to output ids.
  const half = Math.floor(n / 2);
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.uint32() % (i + 1);
    const t = perm[i] as number;
    perm[i] = perm[j] as number;
    perm[j] = t;
  }
  const sources: number[] = [];
  const targets: number[] = [];
  const sampleRange = (i: number, lo: number, hi: number, prob: number) => {
    if (prob <= 0 || lo >= hi) return;
    const logQ = Math.log1p(-prob);
    let j = lo - 1;
    for (;;) {
      // geometric gap: number of failures before the next success
      j += prob >= 1 ? 1 : 1 + Math.floor(Math.log(1 - rng.float64()) / logQ);
      if (j >= hi) return;
      sources.push(perm[i] as number);
      targets.push(perm[j] as number);
    }
  };
  for (let i = 0; i < n; i++) {
    const blockEnd = i < half ? half : n;
    sampleRange(i, i + 1, blockEnd, pIn);
    if (i < half) sampleRange(i, half, n, pOut);
  }
  const { graph } = buildGraph({ order: n, sources, targets });

  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) labels[perm[i] as number] = i < half ? 0 : 1;
  const u = new Float64Array(p);
  for (let f = 0; f < p; f++) u[f] = rng.normal() / Math.sqrt(p);
  const features = new Float32Array(n * p);
  const signal = Math.sqrt(mu / n);
  const noise = 1 / Math.sqrt(p);
  for (let v = 0; v < n; v++) {
    const sign = labels[v] === 0 ? -1 : 1;
    for (let f = 0; f < p; f++) features[v * p + f] = signal * sign * (u[f] as number) + noise * rng.normal();
  }
  return { graph, features, labels };
}

function bad(argument: string, value: unknown, rule: string): InvalidArgumentError {
  return new InvalidArgumentError({ pkg: 'gnn', fn: FN, argument, value, rule });
}
