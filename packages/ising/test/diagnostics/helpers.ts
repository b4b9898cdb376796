// Shared test helpers for the diagnostics suite: seeded AR(1) series and O(n²) reference formulas written
// directly from their definitions (independent of the FFT code under test).
import { createRng } from '@isinglab/graph';

/**
 * `chains` chains of a stationary Gaussian AR(1) process x_t = ρ x_{t−1} + √(1−ρ²) ε_t (x_0 ~ N(0,1)), chain-major.
 * Unit variance, ρ_t = ρ^t, so τ_int = (1 + ρ)/(1 − ρ) exactly. `offsets[c]` is added to chain c.
 */
export function ar1(rho: number, chains: number, draws: number, seed: number, offsets?: readonly number[]): Float64Array {
  const rng = createRng(seed);
  const out = new Float64Array(chains * draws);
  const s = Math.sqrt(1 - rho * rho);
  for (let c = 0; c < chains; c++) {
    const shift = offsets?.[c] ?? 0;
    let x = rng.normal();
    for (let t = 0; t < draws; t++) {
      if (t > 0) x = rho * x + s * rng.normal();
      out[c * draws + t] = x + shift;
    }
  }
  return out;
}

/** Exact τ_int of the AR(1) process. */
export function ar1Tau(rho: number): number {
  return (1 + rho) / (1 - rho);
}

/**
 * Direct O(chains·draws·maxLag) multi-chain autocorrelation from its definition:
 * ρ_t = (ā_t + B/n)/(ā_0 + B/n), ā_t the chain-averaged biased autocovariance, B/n the variance of chain means.
 */
export function directAutocorrelation(values: ArrayLike<number>, chains: number, maxLag: number): Float64Array {
  const draws = values.length / chains;
  const means: number[] = [];
  const acov = new Float64Array(maxLag + 1);
  for (let c = 0; c < chains; c++) {
    let m = 0;
    for (let j = 0; j < draws; j++) m += values[c * draws + j] as number;
    m /= draws;
    means.push(m);
    for (let t = 0; t <= maxLag; t++) {
      let s = 0;
      for (let j = 0; j + t < draws; j++) s += ((values[c * draws + j] as number) - m) * ((values[c * draws + j + t] as number) - m);
      acov[t] = (acov[t] as number) + s / draws / chains;
    }
  }
  const grand = means.reduce((a, b) => a + b, 0) / chains;
  const between = chains > 1 ? means.reduce((a, b) => a + (b - grand) ** 2, 0) / (chains - 1) : 0;
  return acov.map((a) => (a + between) / ((acov[0] as number) + between));
}

/** Catches the error thrown by `fn`, failing the test when nothing is thrown. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}
