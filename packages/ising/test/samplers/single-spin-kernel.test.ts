import { describe, expect, it } from '@jest/globals';
import { createRng, cycleGraph, petersenGraph, randomRegularGraph, rngFromState, squareLattice, type Rng } from '@isinglab/graph';
import { createIsingModel, randomSpins, type IsingModel } from '../../src/model/index.js';
import { updateSchedule } from '../../src/samplers/index.js';
import { RULE_HEAT_BATH, RULE_METROPOLIS, RULE_PAPER_ALG1, TIE_ACCEPTANCE, singleSpinSweeps } from '../../src/internal/single-spin-kernel.js';

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
    const u = rng.uint32();
    if (rule === RULE_HEAT_BATH) {
      const r = u / 4294967296;
      x[i] = r < 1 / (1 + Math.exp(-2 * beta * h)) ? 1 : -1;
    } else {
      const dE = 2 * x[i]! * h;
      // ties (βΔE = 0) are accepted with probability TIE_ACCEPTANCE by the default rule, always by the printed Alg. 1
      const tie = rule === RULE_PAPER_ALG1 ? 1 : TIE_ACCEPTANCE;
      const accept = beta * dE < 0 ? 1 : beta * dE > 0 ? Math.exp(-beta * dE) : tie;
      // Metropolis compares the top 31 bits of the draw
      if (Math.floor(u / 2) / 2147483648 < accept) x[i] = -x[i]!;
    }
  }
}

describe('single-spin kernel', () => {
  const models: [string, IsingModel][] = [
    ['uniform J on a torus', createIsingModel(squareLattice(8, 8, { periodic: true }), { beta: 0.44, fields: 0.1 })],
    ['zero-field torus (ties)', createIsingModel(squareLattice(6, 6, { periodic: true }), { beta: 0.3 })],
    ['uniform J on an open lattice (degrees 2 to 4)', createIsingModel(squareLattice(5, 7), { beta: 0.5, fields: -0.2 })],
    ['uniform J on a 3-regular graph', createIsingModel(randomRegularGraph(20, 3, { rng: createRng(5) }), { beta: 0.6, fields: 0.05 })],
    ['strong coupling (acceptances below 2^-31)', createIsingModel(squareLattice(4, 4, { periodic: true }), { beta: 6 })],
    ['zero-field ring, non-uniform J (ties)', createIsingModel(cycleGraph(9), { beta: 0.7, couplings: Float64Array.from({ length: 9 }, (_, k) => (k % 2 === 0 ? 1 : 2)) })],
    ['β = 0 (every move a tie)', createIsingModel(petersenGraph(), { beta: 0, fields: 0.4 })],
    ['random J and h on Petersen', createIsingModel(petersenGraph(), { beta: 0.8, couplings: Float64Array.from({ length: 15 }, (_, k) => Math.sin(k)), fields: 0.2 })],
  ];
  for (const [name, model] of models) {
    for (const rule of [RULE_METROPOLIS, RULE_PAPER_ALG1, RULE_HEAT_BATH]) {
      const ruleName = rule === RULE_METROPOLIS ? 'Metropolis' : rule === RULE_PAPER_ALG1 ? 'printed Alg. 1' : 'heat bath';
      it(`${name}, ${ruleName}: inline xoshiro path = generic Rng path = plain reference`, () => {
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

  it('a chain at an offset in a batch follows the same trajectory as the chain alone (degree-4, degree-3, general table and inline paths)', () => {
    for (const model of [models[0]![1], models[2]![1], models[3]![1], models[6]![1]]) {
      const schedule = updateSchedule(model.graph);
      const n = model.order;
      const alone = randomSpins(n, 1, createRng(4));
      const batch = new Int8Array(3 * n).fill(1);
      batch.set(alone, n);
      const before = batch.slice();
      singleSpinSweeps(model, schedule, alone, 0, createRng(8), 15, RULE_METROPOLIS, model.beta);
      singleSpinSweeps(model, schedule, batch, n, createRng(8), 15, RULE_METROPOLIS, model.beta);
      expect(batch.subarray(n, 2 * n)).toEqual(alone);
      // the neighbouring chains are untouched
      expect(batch.subarray(0, n)).toEqual(before.subarray(0, n));
      expect(batch.subarray(2 * n)).toEqual(before.subarray(2 * n));
    }
  });

  it('at β = 0 the printed Alg. 1 flips every spin every visit (periodic chain), the default rule does not', () => {
    const model = createIsingModel(cycleGraph(8), { beta: 0 });
    const schedule = updateSchedule(model.graph);
    const start = randomSpins(8, 1, createRng(3));
    const paper = start.slice();
    expect(singleSpinSweeps(model, schedule, paper, 0, createRng(1), 10, RULE_PAPER_ALG1, 0)).toBe(80);
    expect(paper).toEqual(start); // an even number of sweeps brings every spin back
    const fixed = start.slice();
    const flips = singleSpinSweeps(model, schedule, fixed, 0, createRng(1), 1000, RULE_METROPOLIS, 0);
    // each visit flips with probability q = TIE_ACCEPTANCE < 1: 8000 visits, σ = √(8000 q (1 − q))
    const q = TIE_ACCEPTANCE;
    expect(q).toBeLessThan(1);
    expect(Math.abs(flips - 8000 * q)).toBeLessThan(4 * Math.sqrt(8000 * q * (1 - q)));
  });
});
