/**
 * directedSbm and randomNodeSplit: block-pair arc counts within 5σ of their binomial expectation (σ² = T·p·(1 − p)
 * for T candidate pairs; 5σ makes a false failure ~1e-6 per count), exact counts for p ∈ {0, 1}, no self-loops,
 * class-mean and noise statistics of the features, determinism per seed, and bad-input tables.
 */
import { describe, expect, it } from '@jest/globals';
import { InvalidArgumentError, createRng, validateGraph } from '@isinglab/graph';
import { directedSbm } from '../../src/data/directed-sbm.js';
import { randomNodeSplit } from '../../src/data/random-node-split.js';

const P = [
  [0.02, 0.05, 0],
  [0, 0.01, 0.08],
  [0.03, 0, 0.5],
];

describe('directedSbm', () => {
  it('balanced classes; arcs per block pair within 5σ of n_a·n_b·p (n_a(n_a − 1)·p on the diagonal); no self-loops', () => {
    const data = directedSbm({ nodes: 600, probabilities: P, featureDim: 4, rng: createRng(11) });
    validateGraph(data.graph);
    expect(data.graph.directed).toBe(true);
    expect(data.classes).toBe(3);
    const sizes = [0, 0, 0];
    for (const y of data.labels) sizes[y]!++;
    expect(sizes).toEqual([200, 200, 200]);
    const counts = new Float64Array(9);
    let loops = 0;
    for (let e = 0; e < data.graph.size; e++) {
      const u = data.graph.edgeSources[e]!;
      const v = data.graph.edgeTargets[e]!;
      if (u === v) loops++;
      counts[data.labels[u]! * 3 + data.labels[v]!]!++;
    }
    expect(loops).toBe(0);
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) {
        const p = P[a]![b]!;
        const pairs = a === b ? 200 * 199 : 200 * 200;
        const sigma = Math.sqrt(pairs * p * (1 - p));
        expect(Math.abs(counts[a * 3 + b]! - pairs * p)).toBeLessThanOrEqual(5 * sigma);
        if (p === 0) expect(counts[a * 3 + b]).toBe(0);
      }
    }
  });

  it('p = 1 gives every arc u → v, u ≠ v; p = 0 none', () => {
    expect(directedSbm({ nodes: 7, probabilities: [[1]], rng: createRng(1) }).graph.size).toBe(42);
    expect(directedSbm({ nodes: 7, probabilities: [[0]], rng: createRng(1) }).graph.size).toBe(0);
    const two = directedSbm({ nodes: 6, probabilities: [[0, 1], [0, 0]], rng: createRng(2) });
    expect(two.graph.size).toBe(9);
    for (let e = 0; e < two.graph.size; e++) {
      expect(two.labels[two.graph.edgeSources[e]!]).toBe(0);
      expect(two.labels[two.graph.edgeTargets[e]!]).toBe(1);
    }
  });

  it('features: class means have norm ≈ μ (noise norm √(D/n_c) ≈ 0.2), per-coordinate noise variance ≈ 1', () => {
    const d = 8;
    for (const mu of [0, 3]) {
      const data = directedSbm({ nodes: 600, probabilities: P, featureDim: d, featureSignal: mu, rng: createRng(5) });
      const f = data.features;
      if (f.kind !== 'dense') throw new Error('dense features expected');
      expect([f.rows, f.cols]).toEqual([600, d]);
      const means = new Float64Array(3 * d);
      for (let i = 0; i < 600; i++) for (let k = 0; k < d; k++) means[data.labels[i]! * d + k]! += f.values[i * d + k]! / 200;
      let variance = 0;
      for (let i = 0; i < 600; i++) for (let k = 0; k < d; k++) variance += (f.values[i * d + k]! - means[data.labels[i]! * d + k]!) ** 2 / (600 * d);
      // 4800 squared normals: relative sd √(2/4800) ≈ 0.02
      expect(Math.abs(variance - 1)).toBeLessThan(0.1);
      for (let c = 0; c < 3; c++) {
        const norm = Math.hypot(...means.subarray(c * d, (c + 1) * d));
        expect(Math.abs(norm - mu)).toBeLessThan(0.5);
      }
    }
  });

  it('is deterministic per seed; splits follow the requested fractions', () => {
    const a = directedSbm({ nodes: 100, probabilities: P, splits: 3, rng: createRng(9) });
    const b = directedSbm({ nodes: 100, probabilities: P, splits: 3, rng: createRng(9) });
    const c = directedSbm({ nodes: 100, probabilities: P, splits: 3, rng: createRng(10) });
    expect(Array.from(a.graph.targets)).toEqual(Array.from(b.graph.targets));
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(Array.from(a.labels).join() === Array.from(c.labels).join() && Array.from(a.graph.targets).join() === Array.from(c.graph.targets).join()).toBe(false);
    expect(a.splits).toHaveLength(3);
    for (const s of a.splits) expect([s.train.length, s.val.length, s.test.length]).toEqual([48, 32, 20]);
  });

  const bad: [string, unknown][] = [
    ['options', undefined],
    ['options.nodes', { nodes: 0, probabilities: [[0.1]], rng: createRng(1) }],
    ['options.nodes', { nodes: 2.5, probabilities: [[0.1]], rng: createRng(1) }],
    ['options.rng', { nodes: 5, probabilities: [[0.1]] }],
    ['options.probabilities', { nodes: 5, probabilities: [], rng: createRng(1) }],
    ['options.probabilities[1]', { nodes: 5, probabilities: [[0.1, 0.1], [0.1]], rng: createRng(1) }],
    ['options.probabilities[0][1]', { nodes: 5, probabilities: [[0.1, 1.5], [0, 0]], rng: createRng(1) }],
    ['options.probabilities[0][0]', { nodes: 5, probabilities: [[Number.NaN]], rng: createRng(1) }],
    ['options.featureDim', { nodes: 5, probabilities: [[0.1]], featureDim: -1, rng: createRng(1) }],
    ['options.featureSignal', { nodes: 5, probabilities: [[0.1]], featureSignal: -1, rng: createRng(1) }],
    ['options.splits', { nodes: 5, probabilities: [[0.1]], splits: 1.5, rng: createRng(1) }],
    ['options.valFraction', { nodes: 5, probabilities: [[0.1]], trainFraction: 0.8, valFraction: 0.3, rng: createRng(1) }],
    ['options.blocks', { nodes: 5, probabilities: [[0.1]], blocks: 2, rng: createRng(1) }],
  ];
  it.each(bad)('%s: InvalidArgumentError', (argument, options) => {
    let err: unknown;
    try {
      directedSbm(options as never);
    } catch (e) {
      err = e;
    }
    expect(InvalidArgumentError.isInstance(err)).toBe(true);
    expect((err as InvalidArgumentError).argument).toBe(argument);
  });
});

describe('randomNodeSplit', () => {
  it('cuts a shuffled 0..n−1 into sorted, disjoint, covering parts of the requested sizes', () => {
    const s = randomNodeSplit(1001, { trainFraction: 0.6, valFraction: 0.2, rng: createRng(3) });
    expect([s.train.length, s.val.length, s.test.length]).toEqual([601, 200, 200]);
    const seen = new Uint8Array(1001);
    for (const part of [s.train, s.val, s.test]) {
      for (let k = 1; k < part.length; k++) expect(part[k]!).toBeGreaterThan(part[k - 1]!);
      for (const i of part) seen[i]!++;
    }
    expect(seen.every((c) => c === 1)).toBe(true);
    // the train set is not simply the first nodes
    expect(s.train[600]).not.toBe(600);
    expect(randomNodeSplit(0, { rng: createRng(1) }).train.length).toBe(0);
  });

  const bad: [string, unknown, unknown][] = [
    ['nodes', -1, { rng: createRng(1) }],
    ['options.rng', 5, {}],
    ['options.trainFraction', 5, { trainFraction: 1.2, rng: createRng(1) }],
    ['options.valFraction', 5, { valFraction: -0.1, rng: createRng(1) }],
    ['options.valFraction', 5, { trainFraction: 0.7, valFraction: 0.4, rng: createRng(1) }],
  ];
  it.each(bad)('%s: InvalidArgumentError', (argument, nodes, options) => {
    let err: unknown;
    try {
      randomNodeSplit(nodes as number, options as never);
    } catch (e) {
      err = e;
    }
    expect(InvalidArgumentError.isInstance(err)).toBe(true);
    expect((err as InvalidArgumentError).argument).toBe(argument);
  });
});
