import { describe, expect, it } from '@jest/globals';
import { InvalidArgumentError, createRng } from '@isinglab/graph';
import { contextualSbm } from '../../src/index.js';

describe('contextualSbm', () => {
  const base = { nodes: 400, features: 20, averageDegree: 6, lambda: 1, mu: 3 };
  it('is reproducible from the seed and has the expected edge and feature statistics', () => {
    const a = contextualSbm({ ...base, rng: createRng(1) });
    const b = contextualSbm({ ...base, rng: createRng(1) });
    expect(Array.from(b.features)).toEqual(Array.from(a.features));
    expect(Array.from(b.graph.edgeSources)).toEqual(Array.from(a.graph.edgeSources));
    // mean degree 6 over 400 nodes: 1200 expected edges, σ ≈ √1200 ≈ 35 → 4σ ≈ 140
    expect(Math.abs(a.graph.size - 1200)).toBeLessThan(140);
    // feature noise variance 1/p per entry; the signal √(μ/n)·u adds ~μ/(n p) ≪ 1/p
    const mean = a.features.reduce((s, v) => s + v, 0) / a.features.length;
    const variance = a.features.reduce((s, v) => s + (v - mean) ** 2, 0) / a.features.length;
    expect(Math.abs(variance - 1 / 20)).toBeLessThan(0.005);
  });
  it('λ = √d puts every edge inside a class', () => {
    const { graph, labels } = contextualSbm({ ...base, lambda: Math.sqrt(6), rng: createRng(2) });
    for (let e = 0; e < graph.size; e++) expect(labels[graph.edgeSources[e]!]).toBe(labels[graph.edgeTargets[e]!]);
  });
  it('rejects impossible parameters', () => {
    expect(() => contextualSbm({ ...base, lambda: 3, rng: createRng(1) })).toThrow(InvalidArgumentError);
    expect(() => contextualSbm({ ...base, nodes: 1, rng: createRng(1) })).toThrow(/options.nodes/);
    expect(() => contextualSbm({ ...base, mu: -1, rng: createRng(1) })).toThrow(/options.mu/);
    expect(() => contextualSbm({ ...base } as never)).toThrow(/options.rng/);
  });
});
