import { describe, expect, it } from '@jest/globals';
import { createRng, petersenGraph, rngFromState, squareLattice, type Rng } from '@isinglab/graph';
import { createIsingModel, randomSpins, type IsingModel } from '../../src/model/index.js';
import { updateSchedule } from '../../src/samplers/index.js';
import { RULE_HEAT_BATH, RULE_METROPOLIS, singleSpinSweeps } from '../../src/internal/single-spin-kernel.js';

/** The sweep written out plainly from Alg. 1 with the correct rule: the reference for the optimised kernel. */
function referenceSweep(model: IsingModel, order: Int32Array, x: Int8Array, rng: Rng, rule: number, beta: number): void {
  const g = model.graph;
  for (const i of order) {
    let h = model.fields[i]!;
    if (model.uniformCoupling !== undefined) {
      let s = 0;
      for (let p = g.offsets[i]!; p < g.offsets[i + 1]!; p++) s += x[g.targets[p]!]!;
      h += model.uniformCoupling * s;
    } else {
      for (let p = g.offsets[i]!; p < g.offsets[i + 1]!; p++) h += model.couplings[g.edgeIds[p]!]! * x[g.targets[p]!]!;
    }
    const r = rng.uint32() / 4294967296;
    if (rule === RULE_HEAT_BATH) {
      x[i] = r < 1 / (1 + Math.exp(-2 * beta * h)) ? 1 : -1;
    } else {
      const dE = 2 * x[i]! * h;
      if (dE <= 0 || r < Math.exp(-beta * dE)) x[i] = -x[i]!;
    }
  }
}

describe('single-spin kernel', () => {
  const models: [string, IsingModel][] = [
    ['uniform J on a torus', createIsingModel(squareLattice(8, 8, { periodic: true }), { beta: 0.44, fields: 0.1 })],
    ['random J and h on Petersen', createIsingModel(petersenGraph(), { beta: 0.8, couplings: Float64Array.from({ length: 15 }, (_, k) => Math.sin(k)), fields: 0.2 })],
  ];
  for (const [name, model] of models) {
    for (const rule of [RULE_METROPOLIS, RULE_HEAT_BATH]) {
      it(`${name}, ${rule === RULE_METROPOLIS ? 'Metropolis' : 'heat bath'}: inline xoshiro path = generic Rng path = plain reference`, () => {
        const schedule = updateSchedule(model.graph);
        const start = randomSpins(model.order, 1, createRng(2));
        const fast = start.slice();
        const generic = start.slice();
        const reference = start.slice();
        const rngFast = createRng(9);
        // A cached normal forces the generic path; the uint32 stream is the same.
        const rngGeneric = createRng(9);
        const spare = rngFromState({ ...rngGeneric.getState(), spareNormal: 0.5 });
        const rngRef = createRng(9);
        const flipsFast = singleSpinSweeps(model, schedule, fast, 0, rngFast, 20, rule, model.beta);
        const flipsGeneric = singleSpinSweeps(model, schedule, generic, 0, spare, 20, rule, model.beta);
        for (let s = 0; s < 20; s++) referenceSweep(model, schedule.order, reference, rngRef, rule, model.beta);
        expect(fast).toEqual(reference);
        expect(generic).toEqual(reference);
        expect(flipsFast).toBe(flipsGeneric);
        expect(flipsFast).toBeGreaterThan(0);
        // every path leaves its generator at the same point of the stream
        expect(rngFast.getState().words).toEqual(rngRef.getState().words);
        expect(spare.getState().words).toEqual(rngRef.getState().words);
      });
    }
  }
});
