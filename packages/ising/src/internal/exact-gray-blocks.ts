/**
 * Block Gray-code walk over the 2^N spin states of an Ising model, shared by `enumerateIsing` and `exactSamples`.
 * Raw kernel: callers validate the model (N ≤ MAX_ENUMERATION_ORDER, N ≥ 1).
 *
 * Nodes 0..L−1 (L = min(N, 12)) are the *low* spins, nodes L..N−1 the *high* spins. State index = b·2^L + lo:
 * node i < L is +1 iff bit i of `lo` is set, node L + j is +1 iff bit j of the block number `b` is set. Inside a
 * block the low spins are visited in reflected Gray-code order, one flip per step, the energy updated in O(degree)
 * by ΔE = 2 x_i h_i^eff (Eq. 6) and the neighbours' effective fields by J·Δx. The energy and effective fields are
 * recomputed from scratch at every block start, so rounding drift is confined to 2^L − 1 steps.
 * Energies land in `energies[lo]` (natural order), so a consumer can loop over a block without the Gray order.
 */
import { InvalidArgumentError } from '@isinglab/graph';
import type { IsingModel } from '../model/ising-model.js';

/** The largest N `enumerateIsing` and `exactSamples` accept (2^24 ≈ 1.7e7 states). */
export const MAX_ENUMERATION_ORDER = 24;

/** Refuses models with more than MAX_ENUMERATION_ORDER spins, naming N, the limit and the alternatives. */
export function checkEnumerable(site: { pkg: string; fn: string }, model: IsingModel): void {
  if (model.order > MAX_ENUMERATION_ORDER) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'model',
      value: model.order,
      rule: `a model with N ≤ ${MAX_ENUMERATION_ORDER} spins (brute force visits all 2^N states; this one has N = ${model.order})`,
      hint:
        'Use transferMatrixIsing for square lattices up to 14 columns, kaufmanTorus for uniform zero-field tori, ' +
        'or sampleIsing (MCMC) for larger graphs.',
    });
  }
}

/** Low spins per block: 2^12 energies (32 KiB) fit in L1/L2 cache; the per-block O(N + M) restart is amortised. */
const MAX_LOW = 12;

export interface GrayBlocks {
  /** N. */
  readonly order: number;
  /** L, the number of low spins. */
  readonly low: number;
  /** N − L, the number of high spins. */
  readonly high: number;
  /** 2^L. */
  readonly blockSize: number;
  /** 2^(N−L). */
  readonly blocks: number;
  /** Current spins (±1) during a block walk. */
  readonly spins: Int8Array;
  /** Effective fields h_i + Σ_j J_ij x_j of the current spins. */
  readonly heff: Float64Array;
  /** Energy of state (b, lo) at index lo after `fillBlockEnergies(…, b)`. */
  readonly energies: Float64Array;
  /** Σ_{i<L} x_i of each low state lo: 2·popcount(lo) − L. */
  readonly lowSpinSum: Int32Array;
  /** Coupling of each half-edge (J gathered once from the edge ids). */
  readonly halfCouplings: Float64Array;
}

/** Workspace for one model; O(N + M + 2^L) memory. */
export function createGrayBlocks(model: IsingModel): GrayBlocks {
  const n = model.order;
  const low = Math.min(n, MAX_LOW);
  const blockSize = 2 ** low;
  const lowSpinSum = new Int32Array(blockSize);
  lowSpinSum[0] = -low;
  for (let lo = 1; lo < blockSize; lo++) lowSpinSum[lo] = (lowSpinSum[lo & (lo - 1)] as number) + 2;
  const { edgeIds } = model.graph;
  const halfCouplings = new Float64Array(edgeIds.length);
  for (let p = 0; p < edgeIds.length; p++) halfCouplings[p] = model.couplings[edgeIds[p] as number] as number;
  return {
    order: n,
    low,
    high: n - low,
    blockSize,
    blocks: 2 ** (n - low),
    spins: new Int8Array(n),
    heff: new Float64Array(n),
    energies: new Float64Array(blockSize),
    lowSpinSum,
    halfCouplings,
  };
}

/** Σ_{j} x_{L+j} of the high spins of block b: 2·popcount(b) − (N − L). */
export function highSpinSum(ws: GrayBlocks, b: number): number {
  let count = 0;
  for (let v = b; v !== 0; v &= v - 1) count++;
  return 2 * count - ws.high;
}

/**
 * Writes the energies of the 2^L states of block `b` into `ws.energies` and returns their minimum.
 * O(N + M) restart plus O(2^L · mean low degree).
 */
export function fillBlockEnergies(ws: GrayBlocks, model: IsingModel, b: number): number {
  const { low, order: n, spins: x, heff, energies, halfCouplings: J } = ws;
  const { offsets, targets } = model.graph;
  const fields = model.fields;
  for (let i = 0; i < low; i++) x[i] = -1;
  for (let j = low; j < n; j++) x[j] = ((b >>> (j - low)) & 1) === 1 ? 1 : -1;
  // E = −Σ_edges J x_u x_v − Σ h x = −½ Σ_i x_i (h_i^eff + h_i)
  let twiceE = 0;
  for (let i = 0; i < n; i++) {
    const hi = fields[i] as number;
    let h = hi;
    const end = offsets[i + 1] as number;
    for (let p = offsets[i] as number; p < end; p++) h += (J[p] as number) * (x[targets[p] as number] as number);
    heff[i] = h;
    twiceE -= (x[i] as number) * (h + hi);
  }
  let e = twiceE / 2;
  energies[0] = e;
  let min = e;
  let lo = 0;
  const size = ws.blockSize;
  const clz32 = Math.clz32;
  for (let t = 1; t < size; t++) {
    const i = 31 - clz32(t & -t); // the reflected Gray code flips bit ctz(t) at step t
    const xi = x[i] as number;
    e += 2 * xi * (heff[i] as number);
    x[i] = -xi;
    const delta = -2 * xi;
    const end = offsets[i + 1] as number;
    for (let p = offsets[i] as number; p < end; p++) {
      const k = targets[p] as number;
      heff[k] = (heff[k] as number) + (J[p] as number) * delta;
    }
    lo ^= 1 << i;
    energies[lo] = e;
    if (e < min) min = e;
  }
  return min;
}
