/** Pearson χ² goodness of fit with bins of expected count < 5 pooled, and its p-value (regularised gamma). */

function logGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9), |error| < 1e-13 for x > 0
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Upper regularised incomplete gamma Q(s, x) = Γ(s, x)/Γ(s) (Numerical Recipes' series / continued fraction). */
function upperGamma(s: number, x: number): number {
  if (x <= 0) return 1;
  if (x < s + 1) {
    let sum = 1 / s;
    let term = sum;
    for (let k = 1; k < 1000; k++) {
      term *= x / (s + k);
      sum += term;
      if (term < sum * 1e-15) break;
    }
    return 1 - Math.exp(-x + s * Math.log(x) - logGamma(s)) * sum;
  }
  let b = x + 1 - s;
  let c = 1e300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - s);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.exp(-x + s * Math.log(x) - logGamma(s)) * h;
}

export function chiSquareTest(observed: ArrayLike<number>, expected: ArrayLike<number>): { statistic: number; dof: number; pValue: number } {
  let statistic = 0;
  let bins = 0;
  let pooledO = 0;
  let pooledE = 0;
  for (let i = 0; i < expected.length; i++) {
    if (expected[i]! < 5) {
      pooledO += observed[i]!;
      pooledE += expected[i]!;
      continue;
    }
    statistic += (observed[i]! - expected[i]!) ** 2 / expected[i]!;
    bins++;
  }
  if (pooledE > 0) {
    statistic += (pooledO - pooledE) ** 2 / pooledE;
    bins++;
  }
  const dof = bins - 1;
  return { statistic, dof, pValue: upperGamma(dof / 2, statistic / 2) };
}
