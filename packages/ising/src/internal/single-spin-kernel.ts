/**
 * Raw single-spin sweep kernels (Metropolis and heat bath) over a colour-class schedule. They trust their inputs:
 * a valid model, a schedule of the same graph, ±1 spins, `base` the offset of one chain in the batch.
 *
 * Each visited node draws exactly one 32-bit uniform u (Alg. 1 draws r for every node), so a chain's trajectory
 * depends only on its own RNG stream. Heat bath uses r = u·2^−32; Metropolis uses the top 31 bits,
 * r = ⌊u/2⌋·2^−31, so that on uniform models the decision is one int32 comparison against a threshold table
 * (r < p ⇔ ⌊u/2⌋ ≤ ⌈p·2^31⌉ − 1, exactly), taken without a branch. When the RNG is the library's xoshiro128**, its state is kept in
 * local variables for the whole call (no method call per draw); any other Rng goes through `uint32()` and gives the
 * same chain for the same stream.
 */
import type { Rng } from '@isinglab/graph';
import type { IsingModel } from '../model/ising-model.js';
import type { UpdateSchedule } from '../samplers/update-schedule.js';

/**
 * 0: Metropolis, accept with min(1, e^{−β'ΔE}) when β'ΔE ≠ 0 and with probability TIE_ACCEPTANCE on a tie
 *    (β'ΔE = 0);
 * 1: heat bath P(x_i = +1) = 1/(1 + e^{−2β' h_eff});
 * 2: Alg. 1 as printed: min(1, e^{−β'ΔE}) with ties always accepted (the caller passes β' = 2β).
 */
export const RULE_METROPOLIS = 0;
export const RULE_HEAT_BATH = 1;
export const RULE_PAPER_ALG1 = 2;

/**
 * Acceptance of a tie (β'ΔE = 0) under the default Metropolis rule. Any value in (0, 1] keeps each update
 * reversible with respect to e^{−βE} (a(ΔE)/a(−ΔE) = e^{−βΔE} holds for every ΔE); 1 does not keep the composed
 * sweep ergodic: with a deterministic colour-class scan every domain wall of a zero-field ring then moves one step
 * per half-sweep in a direction fixed by the parity of its edge, walls appear and vanish only in pairs of opposite
 * parity, so the difference of the two wall counts is conserved (and at β = 0 every spin flips on every visit).
 * Any value below 1 lets walls random-walk. 0.9 keeps Metropolis' speed on lattices: measured τ_int of |m| at β_c
 * on a 64×64 torus (100 000 sweeps, 3 seeds) was 359–497 sweeps with ties always accepted, 344–554 with 0.9 and
 * 935–1557 with 1/2 (the heat-bath value at a tie).
 */
export const TIE_ACCEPTANCE = 0.9;

/** Acceptance probability of a flip with β'ΔE = a under a Metropolis rule (0 or 2). */
function metropolisAcceptance(a: number, rule: number): number {
  if (a > 0) return exp(-a);
  if (a < 0) return 1;
  return rule === RULE_PAPER_ALG1 ? 1 : TIE_ACCEPTANCE;
}

const exp = Math.exp;
const imul = Math.imul;
const INV_2_32 = 1 / 4294967296;
const INV_2_31 = 1 / 2147483648;

/**
 * Runs `sweeps` sweeps on one chain; returns the number of spins flipped. `betaEff` is β, or 2β for the printed
 * Alg. 1 rule (its test exp(−2βΔE) > r uses a ΔE that already holds the factor 2).
 */
export function singleSpinSweeps(
  model: IsingModel,
  schedule: UpdateSchedule,
  spins: Int8Array,
  base: number,
  rng: Rng,
  sweeps: number,
  rule: number,
  betaEff: number,
): number {
  const state = rng.getState();
  if (state.algorithm === 'xoshiro128**' && state.spareNormal === null) {
    const uniform = model.uniformCoupling !== undefined && model.uniformField !== undefined;
    const maxDegree = schedule.maxDegree;
    if (uniform && maxDegree <= MAX_TABLE_DEGREE) {
      if (rule === RULE_HEAT_BATH) {
        const table = heatBathTable(model, maxDegree, betaEff);
        return tableHeatBathSweeps(model, schedule.order, maxDegree, table, spins, base, rng, sweeps);
      }
      const thresholds = metropolisThresholds(model, maxDegree, rule, betaEff);
      // Every degree equals the largest one exactly when the offsets sum to N·D; rows then start at D·i.
      const regular = model.graph.offsets[model.order] === model.order * maxDegree;
      if (regular && maxDegree === 4) return metropolisSweepsDegree4(model, schedule.order, thresholds, spins, base, rng, sweeps);
      if (regular && maxDegree === 3) return metropolisSweepsDegree3(model, schedule.order, thresholds, spins, base, rng, sweeps);
      return tableMetropolisSweeps(model, schedule.order, maxDegree, thresholds, spins, base, rng, sweeps);
    }
    return inlineSweeps(model, schedule, spins, base, rng, sweeps, rule, betaEff, state.words);
  }
  return genericSweeps(model, schedule, spins, base, rng, sweeps, rule, betaEff);
}

function inlineSweeps(
  model: IsingModel,
  schedule: UpdateSchedule,
  spins: Int8Array,
  base: number,
  rng: Rng,
  sweeps: number,
  rule: number,
  betaEff: number,
  words: readonly [number, number, number, number],
): number {
  const { offsets, targets, edgeIds } = model.graph;
  const couplings = model.couplings;
  const fields = model.fields;
  const order = schedule.order;
  const n = order.length;
  const uniform = model.uniformCoupling;
  const jUniform = uniform ?? 0;
  const isUniform = uniform !== undefined;
  const heatBath = rule === RULE_HEAT_BATH;
  const tie = metropolisAcceptance(0, rule);
  const minus2Beta = -2 * betaEff;
  let s0 = words[0] | 0;
  let s1 = words[1] | 0;
  let s2 = words[2] | 0;
  let s3 = words[3] | 0;
  let flips = 0;
  for (let sweep = 0; sweep < sweeps; sweep++) {
    for (let k = 0; k < n; k++) {
      const i = order[k] as number;
      const start = offsets[i] as number;
      const end = offsets[i + 1] as number;
      let h: number;
      if (isUniform) {
        let sum = 0;
        for (let p = start; p < end; p++) sum += spins[base + (targets[p] as number)] as number;
        h = (fields[i] as number) + jUniform * sum;
      } else {
        h = fields[i] as number;
        for (let p = start; p < end; p++) {
          h += (couplings[edgeIds[p] as number] as number) * (spins[base + (targets[p] as number)] as number);
        }
      }
      // xoshiro128** step, identical to Xoshiro128.uint32()
      const m5 = imul(s1, 5);
      const r32 = imul((m5 << 7) | (m5 >>> 25), 9) >>> 0;
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      const r = r32 * INV_2_32;
      const x = spins[base + i] as number;
      if (heatBath) {
        const next = r * (1 + exp(minus2Beta * h)) < 1 ? 1 : -1;
        if (next !== x) {
          spins[base + i] = next;
          flips++;
        }
      } else {
        // ΔE = 2 x h; accept with min(1, exp(−β ΔE)), ties with `tie`; r from the top 31 bits.
        const a = betaEff * (2 * x * h);
        if (a < 0 || (r32 >>> 1) * INV_2_31 < (a > 0 ? exp(-a) : tie)) {
          spins[base + i] = -x;
          flips++;
        }
      }
    }
  }
  rng.setState({ algorithm: 'xoshiro128**', words: [s0 >>> 0, s1 >>> 0, s2 >>> 0, s3 >>> 0], spareNormal: null });
  return flips;
}

function genericSweeps(
  model: IsingModel,
  schedule: UpdateSchedule,
  spins: Int8Array,
  base: number,
  rng: Rng,
  sweeps: number,
  rule: number,
  betaEff: number,
): number {
  const { offsets, targets, edgeIds } = model.graph;
  const couplings = model.couplings;
  const fields = model.fields;
  const order = schedule.order;
  const uniform = model.uniformCoupling;
  const jUniform = uniform ?? 0;
  const isUniform = uniform !== undefined;
  const heatBath = rule === RULE_HEAT_BATH;
  const tie = metropolisAcceptance(0, rule);
  const minus2Beta = -2 * betaEff;
  let flips = 0;
  for (let sweep = 0; sweep < sweeps; sweep++) {
    for (let k = 0; k < order.length; k++) {
      const i = order[k] as number;
      let h: number;
      // Same arithmetic as the inline path, so both give identical chains.
      if (isUniform) {
        let sum = 0;
        for (let p = offsets[i] as number; p < (offsets[i + 1] as number); p++) sum += spins[base + (targets[p] as number)] as number;
        h = (fields[i] as number) + jUniform * sum;
      } else {
        h = fields[i] as number;
        for (let p = offsets[i] as number; p < (offsets[i + 1] as number); p++) {
          h += (couplings[edgeIds[p] as number] as number) * (spins[base + (targets[p] as number)] as number);
        }
      }
      const u = rng.uint32();
      const r = u * INV_2_32;
      const x = spins[base + i] as number;
      if (heatBath) {
        const next = r * (1 + exp(minus2Beta * h)) < 1 ? 1 : -1;
        if (next !== x) {
          spins[base + i] = next;
          flips++;
        }
      } else {
        const a = betaEff * (2 * x * h);
        if (a < 0 || (u >>> 1) * INV_2_31 < (a > 0 ? exp(-a) : tie)) {
          spins[base + i] = -x;
          flips++;
        }
      }
    }
  }
  return flips;
}

/** Largest degree for which the uniform-model lookup tables are used (2·(2D+1) entries). */
const MAX_TABLE_DEGREE = 64;
const TWO_31 = 2147483648;

/**
 * Metropolis thresholds on the top 31 bits of the draw, u31 = ⌊u/2⌋: entry [x>0 ? width : 0] + (Σ + D) holds
 * ⌈p·2^31⌉ − 1 with p the acceptance probability of the general path, so u31 ≤ entry ⇔ u31·2^−31 < p exactly
 * (p·2^31 is an exact scaling). Entries lie in [−1, 2^31 − 1]: p = 1 accepts every draw, p = 0 none.
 */
function metropolisThresholds(model: IsingModel, maxDegree: number, rule: number, betaEff: number): Int32Array {
  const j = model.uniformCoupling as number;
  const field = model.uniformField as number;
  const width = 2 * maxDegree + 1;
  const table = new Int32Array(2 * width);
  for (let sum = -maxDegree; sum <= maxDegree; sum++) {
    const h = field + j * sum;
    for (const x of [-1, 1]) {
      table[(x > 0 ? width : 0) + sum + maxDegree] = Math.ceil(metropolisAcceptance(betaEff * (2 * x * h), rule) * TWO_31) - 1;
    }
  }
  return table;
}

/** Heat bath: entry Σ + D holds 1 + e^{−2βh}. */
function heatBathTable(model: IsingModel, maxDegree: number, betaEff: number): Float64Array {
  const j = model.uniformCoupling as number;
  const field = model.uniformField as number;
  const table = new Float64Array(2 * maxDegree + 1);
  for (let sum = -maxDegree; sum <= maxDegree; sum++) table[sum + maxDegree] = 1 + exp(-2 * betaEff * (field + j * sum));
  return table;
}

/*
 * Uniform J and h, Metropolis: the decision depends only on (x_i, Σ_j x_j), looked up in the threshold table built
 * from the same expressions as the general path, so all paths give identical chains. The accept bit is
 * ((T − u31) >>> 31) ^ 1 (T − u31 fits in an int32) and the spin update x − 2x·bit: no data-dependent branch, which
 * matters near β_c where acceptances are coin flips. Degree 4 (square tori) and 3 (random 3-regular graphs) have
 * unrolled copies: rows start at D·i and the neighbour sum needs no inner loop, which is what V8 cannot do itself.
 * Each is its own small function so the JIT sees one monomorphic hot loop.
 */

function tableMetropolisSweeps(
  model: IsingModel,
  order: Int32Array,
  maxDegree: number,
  thresholds: Int32Array,
  spins: Int8Array,
  base: number,
  rng: Rng,
  sweeps: number,
): number {
  const { offsets, targets } = model.graph;
  const n = order.length;
  // A view of this chain: indices need no `base +`.
  const x = spins.subarray(base, base + n);
  const words = rng.getState().words;
  let s0 = words[0] | 0;
  let s1 = words[1] | 0;
  let s2 = words[2] | 0;
  let s3 = words[3] | 0;
  const width = 2 * maxDegree + 1;
  let flips = 0;
  for (let sweep = 0; sweep < sweeps; sweep++) {
    for (let k = 0; k < n; k++) {
      const i = order[k] as number;
      const end = offsets[i + 1] as number;
      let sum = maxDegree;
      for (let p = offsets[i] as number; p < end; p++) sum += x[targets[p] as number] as number;
      const m5 = imul(s1, 5);
      const u31 = imul((m5 << 7) | (m5 >>> 25), 9) >>> 1;
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      const xi = x[i] as number;
      // xi = ±1 → row 0 or 1 of the table without a branch
      const flip = (((thresholds[sum + ((xi + 1) >> 1) * width] as number) - u31) >>> 31) ^ 1;
      x[i] = xi - 2 * xi * flip;
      flips += flip;
    }
  }
  rng.setState({ algorithm: 'xoshiro128**', words: [s0 >>> 0, s1 >>> 0, s2 >>> 0, s3 >>> 0], spareNormal: null });
  return flips;
}

function metropolisSweepsDegree4(
  model: IsingModel,
  order: Int32Array,
  thresholds: Int32Array,
  spins: Int8Array,
  base: number,
  rng: Rng,
  sweeps: number,
): number {
  const targets = model.graph.targets;
  const n = order.length;
  const x = spins.subarray(base, base + n);
  const words = rng.getState().words;
  let s0 = words[0] | 0;
  let s1 = words[1] | 0;
  let s2 = words[2] | 0;
  let s3 = words[3] | 0;
  let flips = 0;
  for (let sweep = 0; sweep < sweeps; sweep++) {
    for (let k = 0; k < n; k++) {
      const i = order[k] as number;
      const p = i << 2;
      const sum =
        4 +
        (x[targets[p] as number] as number) +
        (x[targets[p + 1] as number] as number) +
        (x[targets[p + 2] as number] as number) +
        (x[targets[p + 3] as number] as number);
      const m5 = imul(s1, 5);
      const u31 = imul((m5 << 7) | (m5 >>> 25), 9) >>> 1;
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      const xi = x[i] as number;
      const flip = (((thresholds[sum + ((xi + 1) >> 1) * 9] as number) - u31) >>> 31) ^ 1;
      x[i] = xi - 2 * xi * flip;
      flips += flip;
    }
  }
  rng.setState({ algorithm: 'xoshiro128**', words: [s0 >>> 0, s1 >>> 0, s2 >>> 0, s3 >>> 0], spareNormal: null });
  return flips;
}

function metropolisSweepsDegree3(
  model: IsingModel,
  order: Int32Array,
  thresholds: Int32Array,
  spins: Int8Array,
  base: number,
  rng: Rng,
  sweeps: number,
): number {
  const targets = model.graph.targets;
  const n = order.length;
  const x = spins.subarray(base, base + n);
  const words = rng.getState().words;
  let s0 = words[0] | 0;
  let s1 = words[1] | 0;
  let s2 = words[2] | 0;
  let s3 = words[3] | 0;
  let flips = 0;
  for (let sweep = 0; sweep < sweeps; sweep++) {
    for (let k = 0; k < n; k++) {
      const i = order[k] as number;
      const p = 3 * i;
      const sum =
        3 + (x[targets[p] as number] as number) + (x[targets[p + 1] as number] as number) + (x[targets[p + 2] as number] as number);
      const m5 = imul(s1, 5);
      const u31 = imul((m5 << 7) | (m5 >>> 25), 9) >>> 1;
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      const xi = x[i] as number;
      const flip = (((thresholds[sum + ((xi + 1) >> 1) * 7] as number) - u31) >>> 31) ^ 1;
      x[i] = xi - 2 * xi * flip;
      flips += flip;
    }
  }
  rng.setState({ algorithm: 'xoshiro128**', words: [s0 >>> 0, s1 >>> 0, s2 >>> 0, s3 >>> 0], spareNormal: null });
  return flips;
}

/** Uniform J and h, heat bath: x_i = +1 when r·(1 + e^{−2βh}) < 1, the factor looked up by Σ_j x_j. */
function tableHeatBathSweeps(
  model: IsingModel,
  order: Int32Array,
  maxDegree: number,
  table: Float64Array,
  spins: Int8Array,
  base: number,
  rng: Rng,
  sweeps: number,
): number {
  const { offsets, targets } = model.graph;
  const n = order.length;
  const x = spins.subarray(base, base + n);
  const words = rng.getState().words;
  let s0 = words[0] | 0;
  let s1 = words[1] | 0;
  let s2 = words[2] | 0;
  let s3 = words[3] | 0;
  let flips = 0;
  for (let sweep = 0; sweep < sweeps; sweep++) {
    for (let k = 0; k < n; k++) {
      const i = order[k] as number;
      const end = offsets[i + 1] as number;
      let sum = maxDegree;
      for (let p = offsets[i] as number; p < end; p++) sum += x[targets[p] as number] as number;
      const m5 = imul(s1, 5);
      const u = imul((m5 << 7) | (m5 >>> 25), 9) >>> 0;
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      const next = u * INV_2_32 * (table[sum] as number) < 1 ? 1 : -1;
      if (next !== x[i]) {
        x[i] = next;
        flips++;
      }
    }
  }
  rng.setState({ algorithm: 'xoshiro128**', words: [s0 >>> 0, s1 >>> 0, s2 >>> 0, s3 >>> 0], spareNormal: null });
  return flips;
}
