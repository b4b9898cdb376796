import { describe, expect, it } from '@jest/globals';
import { InvalidArgumentError, createRng, karateClub, squareLattice } from '@isinglab/graph';
import { createIsingModel, energies, type IsingModel } from '@isinglab/ising';
import { fvsReduction } from '../../src/reduction/fvs-reduction.js';
import { fvsLogWeightsInto, fvsUnnormalisedLogProb } from '../../src/reduction/fvs-log-weights.js';
import type { UnnormalisedLogProb } from '../../src/van/target.js';
import { modelZoo, naiveForestLogWeight, randomCouplings, randomFields } from './helpers.js';

function randomFvsSpins(count: number, rng: ReturnType<typeof createRng>): Int8Array {
  const out = new Int8Array(count);
  for (let i = 0; i < count; i++) out[i] = rng.float64() < 0.5 ? -1 : 1;
  return out;
}

describe('fvsLogWeightsInto against a direct sum over the forest spins', () => {
  // Reference: log Σ_{forest states} exp(−β E) summed state by state (helpers.naiveForestLogWeight), independent of
  // leaf removal. Both sides are double precision with |log w| ≲ 10^2 here: 1e-10 relative leaves wide margin.
  const zoo = modelZoo(7).filter((z) => z.model.order <= 16);
  let worst = 0;
  it.each(zoo.map((z) => [z.name, z.model] as const))('%s', (_name, model) => {
    const r = fvsReduction(model);
    const f = r.fvsNodes.length;
    const batch = 6;
    const rng = createRng(model.graph.size);
    const spins = randomFvsSpins(batch * f, rng);
    const out = new Float64Array(batch);
    fvsLogWeightsInto(r, spins, batch, out);
    for (let b = 0; b < batch; b++) {
      const want = naiveForestLogWeight(model, r.fvsNodes, spins.subarray(b * f, b * f + f));
      const err = Math.abs(out[b]! - want) / Math.max(1, Math.abs(want));
      worst = Math.max(worst, err);
      expect(err).toBeLessThanOrEqual(1e-10);
    }
  });
  it('covers enough models (worst error printed for the record)', () => {
    expect(zoo.length).toBeGreaterThanOrEqual(30);
    process.stdout.write(`fvsLogWeightsInto vs direct forest sum, worst relative error ${worst}\n`);
  });
});

describe('fvsLogWeightsInto properties', () => {
  it('with every node in the "FVS" it is −β E(s) (the whole-graph target)', () => {
    const rng = createRng(9);
    const g = squareLattice(4, 4, { periodic: true });
    const model = createIsingModel(g, { couplings: randomCouplings('gauss', g.size, rng), fields: randomFields(16, 0.5, rng), beta: 0.7 });
    const r = fvsReduction(model, { fvs: Array.from({ length: 16 }, (_, i) => i) });
    const batch = 50;
    const spins = randomFvsSpins(batch * 16, rng);
    const out = new Float64Array(batch);
    fvsLogWeightsInto(r, spins, batch, out);
    const e = energies(model, spins);
    for (let b = 0; b < batch; b++) expect(out[b]).toBeCloseTo(-model.beta * e[b]!, 12);
  });

  it('a batch equals one-at-a-time calls, and the UnnormalisedLogProb closure equals the function', () => {
    const rng = createRng(2);
    const g = karateClub();
    const model = createIsingModel(g, { couplings: randomCouplings('pmJ', g.size, rng), fields: randomFields(34, 0.3, rng), beta: 1.2 });
    const r = fvsReduction(model);
    const f = r.fvsNodes.length;
    const batch = 40;
    const spins = randomFvsSpins(batch * f, rng);
    const out = new Float64Array(batch);
    fvsLogWeightsInto(r, spins, batch, out);
    const one = new Float64Array(1);
    for (let b = 0; b < batch; b++) {
      fvsLogWeightsInto(r, spins.slice(b * f, b * f + f), 1, one);
      expect(one[0]).toBe(out[b]);
    }
    const logProb: UnnormalisedLogProb = fvsUnnormalisedLogProb(r);
    const again = new Float64Array(batch);
    logProb(spins, batch, again);
    expect(Array.from(again)).toEqual(Array.from(out));
    fvsLogWeightsInto(r, new Int8Array(0), 0, new Float64Array(0)); // empty batch is fine
  });

  it('is finite and exact at β|J| = 50 and β|J| = 5000 (no cosh overflow)', () => {
    const g = squareLattice(3, 4);
    for (const beta of [50, 5000]) {
      const model: IsingModel = createIsingModel(g, { couplings: randomCouplings('pmJ', g.size, createRng(1)), fields: 0.3, beta });
      const r = fvsReduction(model);
      const f = r.fvsNodes.length;
      const spins = randomFvsSpins(4 * f, createRng(beta));
      const out = new Float64Array(4);
      fvsLogWeightsInto(r, spins, 4, out);
      for (let b = 0; b < 4; b++) {
        expect(Number.isFinite(out[b])).toBe(true);
        const want = naiveForestLogWeight(model, r.fvsNodes, spins.subarray(b * f, b * f + f));
        expect(Math.abs(out[b]! - want) / Math.abs(want)).toBeLessThanOrEqual(1e-12);
      }
    }
  });

  describe('bad inputs', () => {
    const model = createIsingModel(squareLattice(3, 3), { beta: 0.5 });
    const r = fvsReduction(model);
    const f = r.fvsNodes.length;
    const good = new Int8Array(2 * f).fill(1);
    const zero = good.slice();
    zero[3] = 0;
    const table: [string, () => unknown, string][] = [
      ['not a reduction', () => fvsLogWeightsInto({} as never, good, 2, new Float64Array(2)), 'reduction'],
      ['spins not Int8Array', () => fvsLogWeightsInto(r, Array.from(good) as never, 2, new Float64Array(2)), 'fvsSpins'],
      ['spins wrong length', () => fvsLogWeightsInto(r, good, 3, new Float64Array(3)), 'fvsSpins.length'],
      ['spin 0', () => fvsLogWeightsInto(r, zero, 2, new Float64Array(2)), 'fvsSpins[3]'],
      ['batch negative', () => fvsLogWeightsInto(r, good, -1, new Float64Array(2)), 'batch'],
      ['batch not an integer', () => fvsLogWeightsInto(r, good, 1.5, new Float64Array(2)), 'batch'],
      ['out Float32Array', () => fvsLogWeightsInto(r, good, 2, new Float32Array(2) as never), 'out'],
      ['out too short', () => fvsLogWeightsInto(r, good, 2, new Float64Array(1)), 'out'],
      ['closure of a non-reduction', () => fvsUnnormalisedLogProb(null as never), 'reduction'],
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
