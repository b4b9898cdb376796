/**
 * Independent exact samples of a small Ising model by inverse-CDF sampling over the enumerated states.
 */
import { InvalidArgumentError, checkInteger, checkOptions, checkRng, type Rng } from '@isinglab/graph';
import { checkIsingModel, type IsingModel } from '../model/ising-model.js';
import { checkEnumerable, createGrayBlocks, fillBlockEnergies, type GrayBlocks } from '../internal/exact-gray-blocks.js';

export interface ExactSamplesOptions {
  /** Random source (required, no default): `count` uniforms for the inverse CDF, then `count − 1` draws to shuffle. */
  rng: Rng;
}

const KNOWN: readonly (keyof ExactSamplesOptions)[] = ['rng'];
/** Largest typed array we promise to allocate (count · N entries). */
const MAX_ENTRIES = 2 ** 31 - 1;

/**
 * `count` independent samples from p(x) ∝ exp(−β E(x)) of a model with N ≤ 24 spins, as an `Int8Array` of
 * count·N spins (sample s at offset s·N). Exact up to floating-point rounding of the cumulative weights.
 *
 * Algorithm: one Gray-code pass finds the ground-state energy R, a second sums Z' = Σ exp(−β (E − R)); then
 * `count` uniforms u are drawn and sorted, and a third pass walks the states in the same order accumulating the
 * same weights, handing the state whose cumulative interval contains u·Z' to each sorted uniform. Because the sorted
 * order would correlate neighbouring samples, the samples are finally shuffled (Fisher–Yates) with `rng`. Identical
 * `rng` state → identical output.
 *
 * Complexity: O(2^N · (1 + mean degree)) time (three enumeration passes, the third stopping after the last
 * sample), O(count · log count) for the sort, O(count · N) output; memory O(count + N + 2^12), never O(2^N).
 * Reference: inverse transform sampling with sorted uniforms, Devroye, *Non-Uniform Random Variate Generation*
 * (1986), §III.2 and §V.3.
 * @example exactSamples(createIsingModel(petersenGraph(), { beta: 0.4 }), 1000, { rng: createRng(1) })
 */
export function exactSamples(model: IsingModel, count: number, options: ExactSamplesOptions): Int8Array {
  const site = { pkg: 'ising', fn: 'exactSamples' };
  checkIsingModel(site, model);
  checkEnumerable(site, model);
  checkInteger(site, 'count', count, { min: 0 });
  const n = model.order;
  if (count * n > MAX_ENTRIES) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'count',
      value: count,
      rule: `at most ${Math.floor(MAX_ENTRIES / Math.max(1, n))} for N = ${n} (the output holds count·N spins)`,
      hint: 'draw the samples in several calls',
    });
  }
  if (options === undefined || options === null) {
    throw new InvalidArgumentError({ ...site, argument: 'options', value: options, rule: 'an object with an rng' });
  }
  const opts = checkOptions<ExactSamplesOptions>(site, options, KNOWN);
  const rng = checkRng(site, opts.rng);
  const out = new Int8Array(count * n);
  if (count === 0 || n === 0) return out;

  const ws = createGrayBlocks(model);
  let ref = Infinity;
  for (let b = 0; b < ws.blocks; b++) {
    const blockMin = fillBlockEnergies(ws, model, b);
    if (blockMin < ref) ref = blockMin;
  }
  const z = cumulativePass(ws, model, ref, undefined, 0, out);

  const uniforms = new Float64Array(count);
  for (let s = 0; s < count; s++) uniforms[s] = rng.float64();
  uniforms.sort();
  cumulativePass(ws, model, ref, uniforms, z, out);

  // sorted uniforms gave samples in state order: shuffle whole samples
  const tmp = new Int8Array(n);
  for (let s = count - 1; s > 0; s--) {
    const r = rng.int(s + 1);
    if (r === s) continue;
    tmp.set(out.subarray(s * n, s * n + n));
    out.copyWithin(s * n, r * n, r * n + n);
    out.set(tmp, r * n);
  }
  return out;
}

/**
 * Walks all states in block order, natural low order inside a block, accumulating exp(−β (E − ref)). Without
 * `sorted` it returns the total; with it, sample s gets the first state whose cumulative weight exceeds
 * sorted[s]·z. Both calls do the same floating-point operations in the same order, so the totals agree bit for bit;
 * a uniform that rounds onto the very end (u·z = z) takes the last state of positive weight.
 */
function cumulativePass(
  ws: GrayBlocks,
  model: IsingModel,
  ref: number,
  sorted: Float64Array | undefined,
  z: number,
  out: Int8Array,
): number {
  const exp = Math.exp;
  const beta = model.beta;
  const { energies, blockSize, blocks } = ws;
  const count = sorted === undefined ? 0 : sorted.length;
  let next = 0;
  let target = sorted === undefined ? Infinity : (sorted[0] as number) * z;
  let cum = 0;
  let lastBlock = 0;
  let lastLo = 0;
  for (let b = 0; b < blocks; b++) {
    fillBlockEnergies(ws, model, b);
    for (let lo = 0; lo < blockSize; lo++) {
      const w = exp(-beta * ((energies[lo] as number) - ref));
      cum += w;
      if (w > 0) {
        lastBlock = b;
        lastLo = lo;
      }
      while (target < cum) {
        writeState(ws, b, lo, out, next);
        next++;
        if (next === count) return cum;
        target = (sorted![next] as number) * z;
      }
    }
  }
  while (next < count) writeState(ws, lastBlock, lastLo, out, next++);
  return cum;
}

function writeState(ws: GrayBlocks, b: number, lo: number, out: Int8Array, s: number): void {
  const { low, order } = ws;
  const base = s * order;
  for (let i = 0; i < low; i++) out[base + i] = ((lo >>> i) & 1) === 1 ? 1 : -1;
  for (let j = low; j < order; j++) out[base + j] = ((b >>> (j - low)) & 1) === 1 ? 1 : -1;
}
