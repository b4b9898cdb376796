/**
 * Per-setting summary of a SPAI run over its seeds, and the check of seed 000's Table 2 claim: Ising+mag below
 * Ising, Random and Only A with non-overlapping 95 % intervals over the test matrices, at a sampling fraction of
 * 50 % ± 3 %. The intervals are those of each seed's test set (its own Dataset 1; for Dataset 2 its own split of the
 * same windows, so the seeds' test sets overlap and are not pooled): the claim must hold on every seed.
 */
import { SPAI_METHODS, type SpaiMethod } from './methods.js';
import type { SpaiSetting } from './line-graph-model.js';
import { meanAndStd, meanWithInterval95 } from '../../lib/student-t.js';

/** One method's figures on one setting × seed's test matrices. */
export interface MethodSummary {
  mean: number;
  std: number;
  /** Half-width of the 95 % interval of the mean over the test matrices (Student's t, k − 1 degrees of freedom). */
  ci95: number;
  /** Mean fraction of the candidate entries selected. */
  fraction: number;
  /** Mean GMRES iterations to 1e-8 with M as right preconditioner (unpreconditioned in `none`). */
  gmresIterations: number;
  /** ‖AM − I‖_F per test matrix, in test order (the same order for every method, so they pair up). */
  values: number[];
}

/** Ising+mag minus a rival on the same test matrices: mean difference and its 95 % half-width (Student's t). */
export interface PairedDifference {
  mean: number;
  ci95: number;
}

export interface SeedResultStats {
  setting: SpaiSetting;
  seed: number;
  test: number;
  methods: Record<SpaiMethod, MethodSummary>;
}

export interface SettingMethodStats {
  /** Mean over seeds of each seed's mean test loss, and the std of those seed means. */
  mean: number;
  seedStd: number;
  /** Each seed's mean and 95 % half-width, in seed order. */
  seedMeans: number[];
  seedCi95: number[];
  /** Means over seeds. */
  fraction: number;
  gmresIterations: number;
}

export interface SpaiSettingSummary {
  setting: SpaiSetting;
  seeds: number[];
  /** Test matrices per seed. */
  testMatrices: number[];
  methods: Record<SpaiMethod, SettingMethodStats>;
  /** Per seed and rival: Ising+mag − rival over the seed's test matrices (negative: Ising+mag is lower). */
  pairedDifferences: Record<string, PairedDifference>[];
  acceptance: {
    /** Per seed: Ising+mag's interval lies below those of Ising, Random and Only A (the criterion). */
    ordering: boolean[];
    orderingEverySeed: boolean;
    /** Per seed: every paired difference's interval lies below 0 (the same question asked of the same matrices). */
    pairedOrdering: boolean[];
    /** Ising+mag's sampling fraction per seed, and whether every one is in [0.47, 0.53]. */
    fractions: number[];
    fractionInRange: boolean;
  };
}

/** The methods Ising+mag must beat (seed 000 Table 2). */
export const TABLE2_RIVALS: readonly SpaiMethod[] = ['Ising', 'Random', 'Only A'];
/** Seed 000's 50 % ± 3 % sampling fraction, as a closed interval. */
export const FRACTION_RANGE = [0.47, 0.53] as const;

/** Ising+mag's upper 95 % bound below every rival's lower bound. */
export function orderingHolds(methods: Record<SpaiMethod, { mean: number; ci95: number }>): boolean {
  const mag = methods['Ising+mag'];
  return TABLE2_RIVALS.every((m) => mag.mean + mag.ci95 < methods[m].mean - methods[m].ci95);
}

/** Mean and 95 % half-width of a − b, element by element. */
export function pairedDifference(a: readonly number[], b: readonly number[]): PairedDifference {
  const { mean, ci95 } = meanWithInterval95(a.map((x, i) => x - (b[i] as number)));
  return { mean, ci95 };
}

function acrossSeeds(stats: readonly MethodSummary[]): SettingMethodStats {
  const average = (f: (s: MethodSummary) => number) => stats.reduce((a, s) => a + f(s), 0) / stats.length;
  const { mean, std: seedStd } = meanAndStd(stats.map((s) => s.mean));
  return { mean, seedStd, seedMeans: stats.map((s) => s.mean), seedCi95: stats.map((s) => s.ci95), fraction: average((s) => s.fraction), gmresIterations: average((s) => s.gmresIterations) };
}

/** One summary per setting present in `results`, settings in increasing order, seeds in the order given. */
export function summariseSpai(results: readonly SeedResultStats[]): SpaiSettingSummary[] {
  const settings = [...new Set(results.map((r) => r.setting))].sort((a, b) => a - b);
  return settings.map((setting) => {
    const rs = results.filter((r) => r.setting === setting);
    const methods = Object.fromEntries(SPAI_METHODS.map((m) => [m, acrossSeeds(rs.map((r) => r.methods[m]))])) as Record<SpaiMethod, SettingMethodStats>;
    const ordering = rs.map((r) => orderingHolds(r.methods));
    const pairedDifferences = rs.map((r) => Object.fromEntries(TABLE2_RIVALS.map((m) => [m, pairedDifference(r.methods['Ising+mag'].values, r.methods[m].values)])));
    const pairedOrdering = pairedDifferences.map((p) => Object.values(p).every((d) => d.mean + d.ci95 < 0));
    const fractions = rs.map((r) => r.methods['Ising+mag'].fraction);
    return {
      setting,
      seeds: rs.map((r) => r.seed),
      testMatrices: rs.map((r) => r.test),
      methods,
      pairedDifferences,
      acceptance: {
        ordering,
        orderingEverySeed: ordering.every(Boolean),
        pairedOrdering,
        fractions,
        fractionInRange: fractions.every((f) => f >= FRACTION_RANGE[0] && f <= FRACTION_RANGE[1]),
      },
    };
  });
}
