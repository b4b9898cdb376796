/**
 * Random directed graphs drawn from an IBG: the planted model used to test fitting.
 */
import { buildGraph, checkBoolean, checkOptions, checkRng, type Graph, type Rng } from '@isinglab/graph';
import type { IbgFactors } from './ibg-factors.js';
import { checkFactors, site } from './internal/checks.js';

export interface SamplePlantedIbgOptions {
  /** Random source (required). */
  rng: Rng;
  /** Draw the diagonal too (arcs i → i); the IBG model has diagonal entries like any other. @default true */
  selfLoops?: boolean;
}

const DEFAULTS = Object.freeze({ selfLoops: true });

/**
 * Samples a directed graph from the IBG `factors`: each ordered pair (i, j) (including i = j when `selfLoops`) is an
 * arc independently with probability clip(Â_ij, 0, 1), Â = U diag(r) Vᵀ. Pairs are visited in row-major order and
 * one uniform draw is made per pair, so equal seeds give equal graphs. O(N²·K) time (Â is computed row by row,
 * never stored): meant for test-sized N (a few thousand). Community features are ignored.
 *
 * @throws InvalidArgumentError for malformed factors or options.
 */
export function samplePlantedIbg(factors: IbgFactors, options: SamplePlantedIbgOptions): Graph {
  const s = site('samplePlantedIbg');
  const opts = { ...DEFAULTS, ...checkOptions<SamplePlantedIbgOptions>(s, options, ['rng', 'selfLoops']) };
  const f = checkFactors(s, factors, undefined, undefined);
  const rng = checkRng(s, opts.rng);
  const selfLoops = checkBoolean(s, 'options.selfLoops', opts.selfLoops);
  const n = f.nodes;
  const k = f.communities;
  const u = f.sourceMemberships;
  const v = f.targetMemberships;
  const r = f.weights;
  const row = new Float64Array(k);
  const sources: number[] = [];
  const targets: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) row[c] = (u[i * k + c] as number) * (r[c] as number);
    for (let j = 0; j < n; j++) {
      if (i === j && !selfLoops) continue;
      let a = 0;
      for (let c = 0; c < k; c++) a += (row[c] as number) * (v[j * k + c] as number);
      if (rng.float64() < a) {
        sources.push(i);
        targets.push(j);
      }
    }
  }
  return buildGraph({ order: n, sources, targets }, { directed: true, selfLoops: 'keep' }).graph;
}
