import { describe, expect, it } from '@jest/globals';
import * as gen from '../../src/generators/index.js';
import { createRng, InvalidArgumentError } from '../../src/index.js';

const rng = createRng(1);
// Deliberately ill-typed calls, as JavaScript callers could make them.
const call = gen as unknown as Record<string, (...args: unknown[]) => unknown>;

const cases: [string, unknown[], string][] = [
  ['squareLattice', [-1, 3], 'rows'],
  ['squareLattice', [2.5, 3], 'rows'],
  ['squareLattice', [3, Number.NaN], 'cols'],
  ['squareLattice', ['3', 3], 'rows'],
  ['squareLattice', [2, 5, { periodic: true }], 'rows'],
  ['squareLattice', [5, 2, { periodic: [false, true] }], 'cols'],
  ['squareLattice', [3, 3, { periodic: [true] }], 'options.periodic'],
  ['squareLattice', [3, 3, { periodic: 'yes' }], 'options.periodic'],
  ['squareLattice', [3, 3, { wrap: true }], 'options.wrap'],
  ['squareLattice', [3, 3, 5], 'options'],
  ['squareLattice', [100000, 100000], 'rows × cols'],
  ['triangularLattice', [3, -1], 'cols'],
  ['triangularLattice', [1, 4, { periodic: true }], 'rows'],
  ['kingsGraph', [2, 3, { periodic: true }], 'rows'],
  ['kingsGraph', [4, 4, { periodic: [true, 1] }], 'options.periodic'],
  ['cubicLattice', [3, 3, 2, { periodic: true }], 'z'],
  ['cubicLattice', [3, 3, 3, { periodic: [true, true] }], 'options.periodic'],
  ['cubicLattice', [3, -3, 3], 'y'],
  ['completeGraph', [-1], 'n'],
  ['completeGraph', [50000], 'n'],
  ['completeBipartiteGraph', [1, -2], 'b'],
  ['completeBipartiteGraph', [0.5, 2], 'a'],
  ['cycleGraph', [2], 'n'],
  ['cycleGraph', [0], 'n'],
  ['pathGraph', [1.5], 'n'],
  ['starGraph', [-1], 'n'],
  ['wheelGraph', ['5'], 'n'],
  ['karateClub', [{ weighted: 1 }], 'options.weighted'],
  ['karateClub', [{ labels: true }], 'options.labels'],
  ['erdosRenyiGnp', [10, 0.5, {}], 'options.rng'],
  ['erdosRenyiGnp', [10, 0.5], 'options.rng'],
  ['erdosRenyiGnp', [10, 0.5, { rng: {} }], 'options.rng'],
  ['erdosRenyiGnp', [10, 1.5, { rng }], 'p'],
  ['erdosRenyiGnp', [10, -0.1, { rng }], 'p'],
  ['erdosRenyiGnp', [10, Number.NaN, { rng }], 'p'],
  ['erdosRenyiGnp', [-1, 0.5, { rng }], 'n'],
  ['erdosRenyiGnp', [10, 0.5, { rng, directed: 'yes' }], 'options.directed'],
  ['erdosRenyiGnp', [10, 0.5, { rng, seed: 1 }], 'options.seed'],
  ['erdosRenyiGnp', [1000000, 1, { rng }], 'p'],
  ['erdosRenyiGnm', [5, 11, { rng }], 'm'],
  ['erdosRenyiGnm', [5, -1, { rng }], 'm'],
  ['erdosRenyiGnm', [5, 2.5, { rng }], 'm'],
  ['erdosRenyiGnm', [5, 21, { rng, directed: true }], 'm'],
  ['erdosRenyiGnm', [5, 3], 'options.rng'],
  ['erdosRenyiGnm', [3e9, 0, { rng }], 'n'],
  ['randomRegularGraph', [5, 3, { rng }], 'd'],
  ['randomRegularGraph', [5, 5, { rng }], 'd'],
  ['randomRegularGraph', [5, -1, { rng }], 'd'],
  ['randomRegularGraph', [0, 1, { rng }], 'd'],
  ['randomRegularGraph', [4, 2, {}], 'options.rng'],
  ['randomRegularGraph', [-4, 2, { rng }], 'n'],
  ['wattsStrogatz', [10, 3, 0.1, { rng }], 'k'],
  ['wattsStrogatz', [10, 10, 0.1, { rng }], 'k'],
  ['wattsStrogatz', [10, 4, 1.1, { rng }], 'beta'],
  ['wattsStrogatz', [10, 4, 0.1, {}], 'options.rng'],
  ['wattsStrogatz', [-1, 0, 0.1, { rng }], 'n'],
  ['randomTree', [-1, { rng }], 'n'],
  ['randomTree', [5, {}], 'options.rng'],
  ['randomTree', [5, { rng: Math.random }], 'options.rng'],
  ['randomPlanarGraph', [-1, { rng }], 'n'],
  ['randomPlanarGraph', [10, { rng, keepEdgeProbability: 2 }], 'options.keepEdgeProbability'],
  ['randomPlanarGraph', [10, {}], 'options.rng'],
  ['randomApollonianNetwork', [2, { rng }], 'n'],
  ['randomApollonianNetwork', [10, {}], 'options.rng'],
];

describe('generators reject bad input', () => {
  it.each(cases.map(([fn, args, argument]) => [fn, JSON.stringify(args, (_k, v: unknown) => (typeof v === 'number' && Number.isNaN(v) ? 'NaN' : v === rng ? 'rng' : v)), argument, args] as const))(
    '%s(%s) → InvalidArgumentError on %s',
    (fn, _shown, argument, args) => {
      let caught: unknown;
      try {
        call[fn]!(...args);
      } catch (err) {
        caught = err;
      }
      expect(InvalidArgumentError.isInstance(caught)).toBe(true);
      const err = caught as InvalidArgumentError;
      expect(err.argument).toBe(argument);
      expect(err.message.startsWith(`@isinglab/graph ${fn}: ${argument} must be `)).toBe(true);
    },
  );

  it('random generators name createRng in the missing-rng hint', () => {
    expect(() => gen.randomTree(3, {} as never)).toThrow(/createRng\(seed\)/);
  });
});
