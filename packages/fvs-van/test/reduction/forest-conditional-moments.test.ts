import { describe, expect, it } from '@jest/globals';
import { InvalidArgumentError, createRng, karateClub, squareLattice } from '@isinglab/graph';
import { createIsingModel, type IsingModel } from '@isinglab/ising';
import { fvsReduction } from '../../src/reduction/fvs-reduction.js';
import { forestConditionalMomentsInto } from '../../src/reduction/forest-conditional-moments.js';
import { enumerateFvs } from '../../src/reduction/enumerate-fvs.js';
import { fvsLogWeightsInto } from '../../src/reduction/fvs-log-weights.js';
import { modelZoo, naiveForestLogWeight, naiveLogWeightOfState, randomCouplings, randomFields } from './helpers.js';

/** ⟨s_i | s_F⟩ and ⟨s_u s_v | s_F⟩ by summing over every forest state (weights from the energy definition). */
function naiveConditional(model: IsingModel, fvs: Int32Array, sF: Int8Array): { mags: Float64Array; edges: Float64Array } {
  const n = model.order;
  const g = model.graph;
  const inF = new Uint8Array(n);
  let fixed = 0;
  for (let k = 0; k < fvs.length; k++) {
    inF[fvs[k]!] = 1;
    if (sF[k] === 1) fixed |= 1 << fvs[k]!;
  }
  const free: number[] = [];
  for (let v = 0; v < n; v++) if (!inF[v]) free.push(v);
  const lz = naiveForestLogWeight(model, fvs, sF);
  const mags = new Float64Array(n);
  const edges = new Float64Array(g.size);
  for (let c = 0; c < 2 ** free.length; c++) {
    let state = fixed;
    for (let t = 0; t < free.length; t++) if ((c >>> t) & 1) state |= 1 << free[t]!;
    const p = Math.exp(naiveLogWeightOfState(model, state) - lz);
    for (let v = 0; v < n; v++) mags[v]! += p * ((state >>> v) & 1 ? 1 : -1);
    for (let e = 0; e < g.size; e++) {
      const same = ((state >>> g.edgeSources[e]!) & 1) === ((state >>> g.edgeTargets[e]!) & 1);
      edges[e]! += same ? p : -p;
    }
  }
  return { mags, edges };
}

describe('forestConditionalMomentsInto against direct sums over the forest states', () => {
  // Tolerance 1e-10 absolute: moments lie in [−1, 1] and both sides are plain double sums (observed ~1e-15).
  const zoo = modelZoo(7).filter((z) => z.model.order <= 14);
  it.each(zoo.map((z) => [z.name, z.model] as const))('%s', (_name, model) => {
    const r = fvsReduction(model);
    const f = r.fvsNodes.length;
    const n = model.order;
    const m = model.graph.size;
    const batch = 3;
    const rng = createRng(n + 100 * m);
    const spins = new Int8Array(batch * f).map(() => (rng.float64() < 0.5 ? -1 : 1));
    const out = { magnetisations: new Float64Array(batch * n), edgeCorrelations: new Float64Array(batch * m), logWeights: new Float64Array(batch) };
    forestConditionalMomentsInto(r, spins, batch, out);
    const lw = new Float64Array(batch);
    fvsLogWeightsInto(r, spins, batch, lw);
    for (let b = 0; b < batch; b++) {
      const want = naiveConditional(model, r.fvsNodes, spins.slice(b * f, b * f + f));
      for (let v = 0; v < n; v++) expect(Math.abs(out.magnetisations[b * n + v]! - want.mags[v]!)).toBeLessThanOrEqual(1e-10);
      for (let e = 0; e < m; e++) expect(Math.abs(out.edgeCorrelations[b * m + e]! - want.edges[e]!)).toBeLessThanOrEqual(1e-10);
      expect(out.logWeights[b]).toBe(lw[b]);
    }
  });

  it('averaged over all FVS configurations with weights w they give enumerateFvs (karate club)', () => {
    const g = karateClub();
    const rng = createRng(8);
    const model = createIsingModel(g, { couplings: randomCouplings('gauss', g.size, rng), fields: randomFields(34, 0.3, rng), beta: 0.9 });
    const r = fvsReduction(model);
    const f = r.fvsNodes.length;
    const count = 2 ** f;
    const spins = new Int8Array(count * f);
    for (let c = 0; c < count; c++) for (let k = 0; k < f; k++) spins[c * f + k] = (c >>> k) & 1 ? 1 : -1;
    const out = { magnetisations: new Float64Array(count * 34), edgeCorrelations: new Float64Array(count * g.size), logWeights: new Float64Array(count) };
    forestConditionalMomentsInto(r, spins, count, out);
    const max = Math.max(...out.logWeights);
    const w = out.logWeights.map((x) => Math.exp(x - max));
    const z = w.reduce((a, b) => a + b, 0);
    const exact = enumerateFvs(r);
    for (let v = 0; v < 34; v++) {
      let s = 0;
      for (let c = 0; c < count; c++) s += w[c]! * out.magnetisations[c * 34 + v]!;
      expect(Math.abs(s / z - exact.magnetisations[v]!)).toBeLessThan(1e-13);
    }
    for (let e = 0; e < g.size; e++) {
      let s = 0;
      for (let c = 0; c < count; c++) s += w[c]! * out.edgeCorrelations[c * g.size + e]!;
      expect(Math.abs(s / z - exact.edgeCorrelations[e]!)).toBeLessThan(1e-13);
    }
  });

  describe('bad inputs', () => {
    const model = createIsingModel(squareLattice(3, 3), { beta: 0.5 });
    const r = fvsReduction(model);
    const f = r.fvsNodes.length;
    const spins = new Int8Array(2 * f).fill(-1);
    const table: [string, () => unknown, string][] = [
      ['not a reduction', () => forestConditionalMomentsInto(null as never, spins, 2, { magnetisations: new Float64Array(18) }), 'reduction'],
      ['out missing', () => forestConditionalMomentsInto(r, spins, 2, undefined as never), 'out'],
      ['magnetisations wrong length', () => forestConditionalMomentsInto(r, spins, 2, { magnetisations: new Float64Array(9) }), 'out.magnetisations'],
      ['edgeCorrelations wrong length', () => forestConditionalMomentsInto(r, spins, 2, { magnetisations: new Float64Array(18), edgeCorrelations: new Float64Array(12) }), 'out.edgeCorrelations'],
      ['logWeights wrong type', () => forestConditionalMomentsInto(r, spins, 2, { magnetisations: new Float64Array(18), logWeights: [0, 0] as never }), 'out.logWeights'],
      ['spins wrong length', () => forestConditionalMomentsInto(r, spins, 1, { magnetisations: new Float64Array(9) }), 'fvsSpins.length'],
    ];
    it.each(table)('%s', (_name, call, argument) => {
      let caught: unknown;
      try {
        call();
      } catch (err) {
        caught = err;
      }
      expect(InvalidArgumentError.isInstance(caught)).toBe(true);
      expect((caught as InvalidArgumentError).argument).toBe(argument);
    });
  });
});
