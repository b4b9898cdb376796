/**
 * Per-setting summary of a SPAI run over its seeds, and the check of seed 000's Table 2 claim: Ising+mag below
 * Ising, Random and Only A with non-overlapping 95 % intervals over the test matrices, at a sampling fraction of
 * 50 % ± 3 %. Each seed has its own test set (its own Dataset 1, or its own split of Dataset 2); "pooled" puts the
 * test matrices of every seed together (exactly, from each seed's mean, std and count).
 */
import { SPAI_METHODS, type SpaiMethod } from './methods.js';
import type { SpaiSetting } from './line-graph-model.js';

/** What the summary needs of one setting × seed result. */
export interface SeedMethodStats {
  mean: number;
  std: number;
  ci95: number;
  fraction: number;
  gmresIterations: number;
}

export interface SeedResultStats {
  setting: SpaiSetting;
  seed: number;
  test: number;
  methods: Record<SpaiMethod, SeedMethodStats>;
}

export interface PooledMethodStats {
  /** Over the test matrices of every seed. */
  mean: number;
  std: number;
  /** Half-width of the 95 % interval of that mean. */
  ci95: number;
  /** Each seed's mean, in seed order. */
  seedMeans: number[];
  fraction: number;
  gmresIterations: number;
}

export interface SpaiSettingSummary {
  setting: SpaiSetting;
  seeds: number[];
  /** Test matrices over all seeds. */
  testMatrices: number;
  methods: Record<SpaiMethod, PooledMethodStats>;
  acceptance: {
    /** Ising+mag's interval lies below those of Ising, Random and Only A on every seed's test set. */
    orderingEverySeed: boolean;
    /** The same on the pooled test matrices. */
    orderingPooled: boolean;
    /** Ising+mag's sampling fraction per seed, and whether every one is in [0.47, 0.53]. */
    fractions: number[];
    fractionInRange: boolean;
  };
}

/** The methods Ising+mag must beat (seed 000 Table 2). */
export const TABLE2_RIVALS: readonly SpaiMethod[] = ['Ising', 'Random', 'Only A'];
export const TARGET_FRACTION = { centre: 0.5, tolerance: 0.03 } as const;

/** Ising+mag's upper 95 % bound below every rival's lower bound. */
export function orderingHolds(methods: Record<SpaiMethod, { mean: number; ci95: number }>): boolean {
  const mag = methods['Ising+mag'];
  return TABLE2_RIVALS.every((m) => mag.mean + mag.ci95 < methods[m].mean - methods[m].ci95);
}

function pool(stats: readonly SeedMethodStats[], counts: readonly number[]): PooledMethodStats {
  const total = counts.reduce((a, b) => a + b, 0);
  const weighted = (f: (s: SeedMethodStats) => number) => stats.reduce((a, s, i) => a + f(s) * (counts[i] as number), 0) / total;
  const mean = weighted((s) => s.mean);
  // within-seed sums of squares plus between-seed ones: the sample variance of all test values together
  let squares = 0;
  stats.forEach((s, i) => {
    const k = counts[i] as number;
    squares += (k - 1) * s.std ** 2 + k * (s.mean - mean) ** 2;
  });
  const std = Math.sqrt(squares / Math.max(1, total - 1));
  return { mean, std, ci95: (1.96 * std) / Math.sqrt(total), seedMeans: stats.map((s) => s.mean), fraction: weighted((s) => s.fraction), gmresIterations: weighted((s) => s.gmresIterations) };
}

/** One summary per setting present in `results`, settings in increasing order, seeds in the order given. */
export function summariseSpai(results: readonly SeedResultStats[]): SpaiSettingSummary[] {
  const settings = [...new Set(results.map((r) => r.setting))].sort((a, b) => a - b);
  return settings.map((setting) => {
    const rs = results.filter((r) => r.setting === setting);
    const counts = rs.map((r) => r.test);
    const methods = Object.fromEntries(SPAI_METHODS.map((m) => [m, pool(rs.map((r) => r.methods[m]), counts)])) as Record<SpaiMethod, PooledMethodStats>;
    const fractions = rs.map((r) => r.methods['Ising+mag'].fraction);
    return {
      setting,
      seeds: rs.map((r) => r.seed),
      testMatrices: counts.reduce((a, b) => a + b, 0),
      methods,
      acceptance: {
        orderingEverySeed: rs.every((r) => orderingHolds(r.methods)),
        orderingPooled: orderingHolds(methods),
        fractions,
        fractionInRange: fractions.every((f) => Math.abs(f - TARGET_FRACTION.centre) <= TARGET_FRACTION.tolerance),
      },
    };
  });
}
