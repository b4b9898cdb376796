import { describe, expect, it } from '@jest/globals';
import { InvalidArgumentError, createRng } from '@isinglab/graph';
import { samplePlantedIbg } from '../../src/model/sample-planted-ibg.js';
import type { IbgFactors } from '../../src/model/ibg-factors.js';
import { denseAdjacency } from './helpers.js';
import { plantedBlocks } from './planted.js';

describe('samplePlantedIbg', () => {
  it('reproduces a 0/1 IBG exactly (with and without the diagonal)', () => {
    const truth = plantedBlocks(2, 30, 3, 0.4, false);
    for (const selfLoops of [true, false]) {
      const g = samplePlantedIbg(truth, { rng: createRng(1), selfLoops });
      expect(g.directed).toBe(true);
      const a = denseAdjacency(g);
      for (let i = 0; i < 30; i++) {
        for (let j = 0; j < 30; j++) {
          let p = 0;
          for (let c = 0; c < 3; c++) p += truth.sourceMemberships[i * 3 + c]! * truth.targetMemberships[j * 3 + c]!;
          expect(a[i * 30 + j]).toBe(i === j && !selfLoops ? 0 : p);
        }
      }
    }
  });

  it('draws arcs with probability clip(Â_ij, 0, 1): counts within 4σ, clipping included', () => {
    // Â = 0.7·1 1ᵀ·(u_i v_j) − 0.2 u'_i v'_j on 80 nodes, memberships in [0, 1]: entries span below 0 and above 1
    const n = 80;
    const rng = createRng(6);
    const u = Float64Array.from({ length: n * 2 }, (_, t) => (t % 2 === 0 ? 0.6 + 0.8 * rng.float64() * 0.5 : rng.float64()));
    const v = Float64Array.from({ length: n * 2 }, () => rng.float64());
    const f: IbgFactors = { nodes: n, communities: 2, featureDim: 0, sourceMemberships: u, targetMemberships: v, weights: Float64Array.of(1.6, -0.6), sourceFeatures: new Float64Array(0), targetFeatures: new Float64Array(0) };
    const p = new Float64Array(n * n);
    let mean = 0;
    let variance = 0;
    let clippedLow = 0;
    let clippedHigh = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const raw = 1.6 * u[i * 2]! * v[j * 2]! - 0.6 * u[i * 2 + 1]! * v[j * 2 + 1]!;
        if (raw < 0) clippedLow++;
        if (raw > 1) clippedHigh++;
        const q = Math.min(1, Math.max(0, raw));
        p[i * n + j] = q;
        mean += q;
        variance += q * (1 - q);
      }
    }
    expect(clippedLow).toBeGreaterThan(0);
    expect(clippedHigh).toBeGreaterThan(0);
    const g = samplePlantedIbg(f, { rng: createRng(7) });
    expect(Math.abs(g.size - mean)).toBeLessThan(4 * Math.sqrt(variance));
    const a = denseAdjacency(g);
    for (let t = 0; t < n * n; t++) {
      if (p[t] === 0) expect(a[t]).toBe(0);
      if (p[t] === 1) expect(a[t]).toBe(1);
    }
    expect(samplePlantedIbg(f, { rng: createRng(7) })).toEqual(g);
  });

  it('rejects bad arguments', () => {
    const truth = plantedBlocks(2, 10, 2, 0.4, false);
    const cases: [() => unknown, string][] = [
      [() => samplePlantedIbg(truth, {} as never), 'options.rng'],
      [() => samplePlantedIbg(truth, { rng: createRng(1), selfLoops: 1 as never }), 'options.selfLoops'],
      [() => samplePlantedIbg({ ...truth, weights: Float64Array.of(Infinity, 1) }, { rng: createRng(1) }), 'factors.weights[0]'],
    ];
    for (const [call, argument] of cases) {
      let caught: unknown;
      try {
        call();
      } catch (err) {
        caught = err;
      }
      expect(InvalidArgumentError.isInstance(caught)).toBe(true);
      expect((caught as InvalidArgumentError).argument).toBe(argument);
    }
  });
});
