import { describe, expect, it } from '@jest/globals';
import { squareLattice } from '@isinglab/graph';
import { createIsingModel } from '../../src/model/index.js';
import { loopyBeliefPropagation, naiveMeanField } from '../../src/approx/index.js';
import { kaufmanTorus } from '../../src/exact/index.js';

// Mean field and Bethe (loopy BP) free energies on a 16×16 periodic lattice against Kaufman's exact value: the
// baselines seed 001 compares with. Mean field is a rigorous lower bound on log Z (Gibbs–Bogoliubov); Bethe is
// not a bound but is much closer. Both are exact as β → 0 and become poor near β_c ≈ 0.4407.
describe('approximate free energies on a 16×16 torus vs Kaufman', () => {
  // Measured per-site errors (log Z − exact)/N on 2026-11-25:
  //   β = 0.1: MF −1.0e−2, Bethe −1.0e−4;  β = 0.3: MF −7.3e−2, Bethe −8.7e−3;
  //   β = 0.6: MF −4.3e−3 (it finds the ordered solution), Bethe −0.179: BP started from zero messages stays on
  //   the paramagnetic fixed point, which is unstable in the ordered phase of a zero-field ferromagnet.
  // Bounds sit at ~2× these numbers so a regression fails without hiding how large the approximations' errors are.
  const cases: [number, number, number][] = [
    [0.1, 0.02, 2e-4],
    [0.3, 0.15, 0.02],
    [0.6, 0.01, 0.36],
  ];
  for (const [beta, mfBound, bpBound] of cases) {
    it(`β = ${beta}: mean field is a lower bound; errors per site below ${mfBound} (MF) and ${bpBound} (Bethe)`, () => {
      const model = createIsingModel(squareLattice(16, 16, { periodic: true }), { beta });
      const exact = kaufmanTorus(16, 16, beta).logZ;
      const mf = naiveMeanField(model);
      const bp = loopyBeliefPropagation(model);
      expect(mf.converged && bp.converged).toBe(true);
      expect(mf.logZ).toBeLessThanOrEqual(exact + 1e-9);
      const mfError = Math.abs(mf.logZ - exact) / 256;
      const bpError = Math.abs(bp.logZ - exact) / 256;
      expect(mfError).toBeLessThan(mfBound);
      expect(bpError).toBeLessThan(bpBound);
      // In the disordered phase Bethe beats mean field by an order of magnitude.
      if (beta < 0.44) expect(bpError).toBeLessThan(mfError / 5);
    });
  }
});
