/**
 * Exact moments of every spin and edge given the FVS spins (seed 001, appendix C Eqs. 27–28): the Rao–Blackwellised
 * observables of an FVS sampler, averaging exact forest expectations instead of sampled forest spins.
 */
import { InvalidArgumentError, checkInteger } from '@isinglab/graph';
import { checkFvsReduction, type FvsReduction } from './fvs-reduction.js';
import { checkFvsSpins } from './fvs-log-weights.js';
import { forestSumProduct, parentPairCorrelation } from './internal-forest-kernels.js';

/** Caller-owned outputs of `forestConditionalMomentsInto`; row b belongs to FVS configuration b. */
export interface ForestMomentsOut {
  /** ⟨s_i | s_F⟩ for every node (the spin itself for FVS nodes), `batch × N`, row-major. */
  magnetisations: Float64Array;
  /** ⟨s_u s_v | s_F⟩ per edge id, `batch × M`, row-major; omit to skip. */
  edgeCorrelations?: Float64Array | undefined;
  /** log w(s_F), as `fvsLogWeightsInto` gives (computed anyway), length `batch`; omit to skip. */
  logWeights?: Float64Array | undefined;
}

const tanh = Math.tanh;

/**
 * For each of `batch` FVS configurations (`fvsSpins`, batch·|F| spins as for `fvsLogWeightsInto`) the exact
 * conditional magnetisation of every node and correlation of every edge given s_F, and optionally log w(s_F).
 * With s_F^(b) drawn from a sampler q and self-normalised importance weights ∝ w/q, the weighted average of these rows
 * estimates ⟨s_i⟩ and ⟨s_u s_v⟩ with the forest's sampling noise removed (Rao–Blackwell); `enumerateFvs` is the
 * same average over all s_F with weights w.
 *
 * Each configuration runs the two-pass sum-product of `enumerateFvs` on the forest: ⟨s_v | s_F⟩ = tanh H_v and,
 * for a forest edge, tanh(K + ½ [L(a + b) − L(a − b)]); boundary edges give s_f ⟨s_v | s_F⟩ and FVS–FVS edges s_a s_b.
 * O(batch · (N + M)) time; allocates nothing (working memory in `reduction.scratch`).
 * Reference: Pan, Zhou, Zhou & Zhang, Phys. Rev. E 103 (2021) 012103, appendix C, Eqs. (27)–(28).
 */
export function forestConditionalMomentsInto(reduction: FvsReduction, fvsSpins: Int8Array, batch: number, out: ForestMomentsOut): void {
  const site = { pkg: 'fvs-van', fn: 'forestConditionalMomentsInto' };
  const r = checkFvsReduction(site, reduction);
  checkInteger(site, 'batch', batch, { min: 0 });
  checkFvsSpins(site, r, fvsSpins, batch, 'fvsSpins');
  const n = r.order;
  const m = r.model.graph.size;
  if (typeof out !== 'object' || out === null) {
    throw new InvalidArgumentError({ ...site, argument: 'out', value: out, rule: 'an object { magnetisations, edgeCorrelations?, logWeights? }' });
  }
  const mags = out.magnetisations;
  const edges = out.edgeCorrelations;
  const logWeights = out.logWeights;
  checkBuffer(site, 'out.magnetisations', mags, batch * n, `batch × N = ${batch} × ${n}`);
  if (edges !== undefined) checkBuffer(site, 'out.edgeCorrelations', edges, batch * m, `batch × M = ${batch} × ${m}`);
  if (logWeights !== undefined) checkBuffer(site, 'out.logWeights', logWeights, batch, `batch = ${batch}`);

  const f = r.fvsNodes.length;
  const fvs = r.fvsNodes;
  const order = r.forestOrder;
  const parent = r.forestParent;
  const parentEdge = r.parentEdge;
  const bOff = r.boundaryOffsets;
  const bNode = r.boundaryNodes;
  const bEdge = r.boundaryEdges;
  const fvsEdges = r.fvsEdges;
  const fvsFrom = r.fvsEdgeFrom;
  const fvsTo = r.fvsEdgeTo;
  const [cavity, message, full] = r.scratch;
  for (let b = 0; b < batch; b++) {
    const base = b * f;
    const row = b * n;
    const lw = forestSumProduct(r, fvsSpins, base, cavity, message, full);
    if (logWeights !== undefined) logWeights[b] = lw;
    for (let k = 0; k < f; k++) mags[row + (fvs[k] as number)] = fvsSpins[base + k] as number;
    for (let i = 0; i < order.length; i++) {
      const v = order[i] as number;
      mags[row + v] = tanh(full[v] as number);
    }
    if (edges === undefined) continue;
    const erow = b * m;
    for (let i = 0; i < order.length; i++) {
      const v = order[i] as number;
      if ((parent[v] as number) >= 0) edges[erow + (parentEdge[v] as number)] = parentPairCorrelation(r, v, cavity, message, full);
    }
    for (let k = 0; k < f; k++) {
      const s = fvsSpins[base + k] as number;
      const end = bOff[k + 1] as number;
      for (let q = bOff[k] as number; q < end; q++) edges[erow + (bEdge[q] as number)] = s * (mags[row + (bNode[q] as number)] as number);
    }
    for (let q = 0; q < fvsEdges.length; q++) {
      edges[erow + (fvsEdges[q] as number)] =
        (fvsSpins[base + (fvsFrom[q] as number)] as number) * (fvsSpins[base + (fvsTo[q] as number)] as number);
    }
  }
}

function checkBuffer(site: { pkg: string; fn: string }, argument: string, value: unknown, length: number, rule: string): void {
  if (!(value instanceof Float64Array) || value.length !== length) {
    throw new InvalidArgumentError({ ...site, argument, value, rule: `a Float64Array of length ${rule}` });
  }
}
