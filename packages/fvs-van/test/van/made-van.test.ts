import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { createRng } from '@isinglab/graph';
import { MadeVan, type VanActivation } from '../../src/van/index.js';
import { TEST_BACKENDS, allConfigurations, expectInvalid, switchTo } from './helpers.js';

interface Arch {
  hidden: number[];
  activation: VanActivation;
  bias: boolean;
  z2: boolean;
}

const ARCHS: Arch[] = [
  { hidden: [], activation: 'prelu', bias: true, z2: false },
  { hidden: [], activation: 'prelu', bias: false, z2: true },
  { hidden: [3], activation: 'prelu', bias: true, z2: false },
  { hidden: [3], activation: 'prelu', bias: true, z2: true },
  { hidden: [2, 3], activation: 'tanh', bias: true, z2: false },
  { hidden: [4, 2], activation: 'relu', bias: false, z2: true },
];
const label = (a: Arch) => `hidden [${a.hidden.join(', ')}] ${a.activation}${a.bias ? '' : ' no-bias'}${a.z2 ? ' z2' : ''}`;

/**
 * A network with every weight (masked-out entries included) set to a random value, so that the masks, not zero
 * initial values, are what keeps the network autoregressive; biases and slopes random too.
 */
function randomised(n: number, arch: Arch, seed: number): MadeVan {
  const van = new MadeVan(n, { seed, ...arch });
  const r = createRng(seed + 100);
  van.setWeights(van.getWeights().map((w) => w.map(() => 1.2 * (2 * r.float64() - 1))));
  return van;
}

/**
 * The MADE written out in float64 from the documented layout (variables per layer: weights [in, out] with
 * site-major units, bias, PReLU slopes) and the mask rule stated in the paper's App. A / stat-mech-van: unit u of
 * layer l belongs to site ⌊u / c_l⌋; the first layer reads spins of earlier sites only, later layers read units of
 * sites ≤ their own.
 */
function referenceConditionals(weights: Float32Array[], n: number, arch: Arch, s: Int8Array, at: number): Float64Array {
  const channels = [...arch.hidden, 1];
  let input = Float64Array.from(s.subarray(at, at + n));
  let cIn = 1;
  let k = 0;
  for (let l = 0; l < channels.length; l++) {
    const cOut = channels[l]!;
    const inSize = n * cIn;
    const outSize = n * cOut;
    const w = weights[k++]!;
    const b = arch.bias ? weights[k++]! : undefined;
    const last = l === channels.length - 1;
    const slope = !last && arch.activation === 'prelu' ? weights[k++]! : undefined;
    const out = new Float64Array(outSize);
    for (let u = 0; u < outSize; u++) {
      let a = b ? b[u]! : 0;
      for (let v = 0; v < inSize; v++) {
        const siteIn = Math.floor(v / cIn);
        const siteOut = Math.floor(u / cOut);
        const ok = l === 0 ? siteIn < siteOut : siteIn <= siteOut;
        if (ok) a += w[v * outSize + u]! * input[v]!;
      }
      if (last) out[u] = 1 / (1 + Math.exp(-a));
      else if (arch.activation === 'prelu') out[u] = a >= 0 ? a : slope![u]! * a;
      else if (arch.activation === 'tanh') out[u] = Math.tanh(a);
      else out[u] = Math.max(0, a);
    }
    input = out;
    cIn = cOut;
  }
  return input;
}

function referenceLogQ(weights: Float32Array[], n: number, arch: Arch, s: Int8Array, at: number): number {
  const tilde = (x: Int8Array) => {
    const p = referenceConditionals(weights, n, arch, x, 0);
    let lq = 0;
    for (let i = 0; i < n; i++) lq += Math.log(x[i] === 1 ? p[i]! : 1 - p[i]!);
    return lq;
  };
  const x = s.slice(at, at + n);
  if (!arch.z2) return tilde(x);
  const a = tilde(x);
  const b = tilde(x.map((v) => -v));
  return Math.log((Math.exp(a) + Math.exp(b)) / 2);
}

describe('MadeVan: the loop kernel (backend-independent)', () => {
  for (const arch of ARCHS) {
    it(`${label(arch)}: log q matches a plain float64 reference to 1e-10 and sums to 1 over all 2^8 configurations`, () => {
      const n = 8;
      const van = randomised(n, arch, 11);
      const weights = van.getWeights();
      const all = allConfigurations(n);
      const lq = van.logProb(all);
      let total = 0;
      let worst = 0;
      for (let c = 0; c < 1 << n; c++) {
        total += Math.exp(lq[c]!);
        // every 7th configuration against the reference (it is O(n²·w²) per configuration in plain loops)
        if (c % 7 === 0) worst = Math.max(worst, Math.abs(lq[c]! - referenceLogQ(weights, n, arch, all, c * n)));
      }
      // both are float64 sums of the same float32 weights in different orders: agreement to rounding, ~1e-14
      expect(worst).toBeLessThan(1e-10);
      expect(Math.abs(total - 1)).toBeLessThan(1e-10);
      van.dispose();
    });
  }

  it('sums to 1 for n = 10 with two hidden layers (z2 on and off)', () => {
    for (const z2 of [false, true]) {
      const van = randomised(10, { hidden: [3, 2], activation: 'prelu', bias: true, z2 }, 3);
      const lq = van.logProb(allConfigurations(10));
      expect(Math.abs(lq.reduce((s, v) => s + Math.exp(v), 0) - 1)).toBeLessThan(1e-10);
      van.dispose();
    }
  });

  it('is autoregressive: q̃(s_i | s_<i) never changes when any s_j with j ≥ i flips, and does depend on some s_j, j < i', () => {
    const n = 7;
    for (const arch of ARCHS) {
      const van = randomised(n, arch, 5);
      const r = createRng(9);
      for (let trial = 0; trial < 4; trial++) {
        const s = Int8Array.from({ length: n }, () => (r.float64() < 0.5 ? 1 : -1));
        const base = van.conditionals(s);
        let dependsOnPast = 0;
        for (let j = 0; j < n; j++) {
          const t = s.slice();
          t[j] = -t[j]!;
          const moved = van.conditionals(t);
          for (let i = 0; i <= j; i++) expect(moved[i]).toBe(base[i]); // exact: the masked weights never enter
          for (let i = j + 1; i < n; i++) if (moved[i] !== base[i]) dependsOnPast++;
        }
        // random weights: later conditionals read s_j (a mask that reads nothing would pass the line above); a
        // relu unit that is off for this s can hide a dependence, so at least half of the n(n−1)/2 pairs
        expect(dependsOnPast).toBeGreaterThanOrEqual((n * (n - 1)) / 4);
      }
      van.dispose();
    }
  });

  it('z2: q(s) = q(−s) exactly', () => {
    const van = randomised(9, { hidden: [3], activation: 'prelu', bias: true, z2: true }, 2);
    const all = allConfigurations(9);
    const flipped = all.map((v) => -v);
    const a = van.logProb(all);
    const b = van.logProb(flipped);
    for (let c = 0; c < a.length; c++) expect(Math.abs(a[c]! - b[c]!)).toBeLessThan(1e-12);
    van.dispose();
  });

  for (const z2 of [false, true]) {
    it(`sampling${z2 ? ' (z2)' : ''}: frequencies of 20000 draws over the 32 configurations of n = 5 pass a χ² test (p > 0.001)`, () => {
      const n = 5;
      const van = randomised(n, { hidden: [3], activation: 'prelu', bias: true, z2 }, 4);
      // soften the random weights so every configuration is expected ≥ 5 times (the χ² approximation's rule of thumb)
      van.setWeights(van.getWeights().map((w) => w.map((v) => 0.5 * v)));
      const draws = 20000;
      const { spins, logProb } = van.sample(draws, { rng: createRng(21) });
      const exact = van.logProb(allConfigurations(n));
      const counts = new Float64Array(1 << n);
      for (let b = 0; b < draws; b++) {
        let c = 0;
        for (let i = 0; i < n; i++) if (spins[b * n + i] === 1) c |= 1 << i;
        counts[c] = counts[c]! + 1;
        expect(Math.abs(logProb[b]! - exact[c]!)).toBeLessThan(1e-12); // the returned log q is the exact one
      }
      let chi2 = 0;
      let minExpected = Infinity;
      for (let c = 0; c < 1 << n; c++) {
        const e = draws * Math.exp(exact[c]!);
        minExpected = Math.min(minExpected, e);
        chi2 += (counts[c]! - e) ** 2 / e;
      }
      expect(minExpected).toBeGreaterThan(5);
      // χ²_{0.999} with 31 degrees of freedom = 61.098 (scipy.stats.chi2.ppf(0.999, 31))
      expect(chi2).toBeLessThan(61.098);
      van.dispose();
    });
  }

  it('sampling is a pure function of the rng state', () => {
    const van = randomised(12, { hidden: [3], activation: 'prelu', bias: true, z2: true }, 8);
    const a = van.sample(50, { rng: createRng(1) });
    const b = van.sample(50, { rng: createRng(1) });
    const c = van.sample(50, { rng: createRng(2) });
    expect(b.spins).toEqual(a.spins);
    expect(b.logProb).toEqual(a.logProb);
    expect(c.spins).not.toEqual(a.spins);
    van.dispose();
  });

  it('initialisation: seeded, masked-out weights exactly 0, parameter counts as in the seed’s Table 1', () => {
    const a = new MadeVan(6, { seed: 0, hidden: [3] });
    const b = new MadeVan(6, { seed: 0, hidden: [3] });
    const c = new MadeVan(6, { seed: 1, hidden: [3] });
    expect(b.getWeights()).toEqual(a.getWeights());
    expect(c.getWeights()[0]).not.toEqual(a.getWeights()[0]);
    // first layer [in 6, out 18]: unit u of site ⌊u/3⌋ may read spin v only when v < ⌊u/3⌋
    const w0 = a.getWeights()[0]!;
    for (let v = 0; v < 6; v++) for (let u = 0; u < 18; u++) if (v >= Math.floor(u / 3)) expect(w0[v * 18 + u]).toBe(0);
    a.dispose();
    b.dispose();
    c.dispose();
    // stat-mech-van's dense MADE on 16×16 (depth 3, width 4, bias, PReLU): Table 1 lists 1 577 216 parameters
    const dense = new MadeVan(256, { seed: 0, hidden: [4, 4] });
    expect(dense.denseParameterCount).toBe(1577216);
    const n = 256;
    const free = (4 * n * (n - 1)) / 2 + (16 * n * (n + 1)) / 2 + (4 * n * (n + 1)) / 2 + (4 * n + 4 * n + n) + 8 * n;
    expect(dense.parameterCount).toBe(free);
    dense.dispose();
  });
});

for (const backend of TEST_BACKENDS) {
  describe(`MadeVan on the ${backend} backend`, () => {
    beforeAll(async () => {
      await switchTo(backend);
    });

    for (const arch of ARCHS) {
      it(`${label(arch)}: the tfjs log q sums to 1 over all 2^8 configurations and equals the loop kernel`, () => {
        const before = tf.memory().numTensors;
        const n = 8;
        const van = randomised(n, arch, 13);
        const all = allConfigurations(n);
        const exact = van.logProb(all);
        const lq = tf.tidy(() => van.logProbTensor(tf.tensor2d(Float32Array.from(all), [1 << n, n])).dataSync());
        let total = 0;
        let worst = 0;
        for (let c = 0; c < 1 << n; c++) {
          total += Math.exp(lq[c]!);
          worst = Math.max(worst, Math.abs(lq[c]! - exact[c]!));
        }
        // float32: each log q is a sum of n log-sigmoids of logits accumulated from ~n·w² products (|log q| ≲ 20),
        // so absolute errors of a few 1e-6 are rounding; 2e-5 leaves headroom, 1e-5 on the total probability
        expect(worst).toBeLessThan(2e-5);
        expect(Math.abs(total - 1)).toBeLessThan(1e-5);
        van.dispose();
        expect(tf.memory().numTensors).toBe(before);
      });
    }

    it('the fast z2 partner (tfjs) draws the same spins as the exact one and agrees on log q to 2e-5', () => {
      const before = tf.memory().numTensors;
      const n = 16;
      const van = randomised(n, { hidden: [3], activation: 'prelu', bias: true, z2: true }, 6);
      const batch = 200;
      const s1 = new Int8Array(batch * n);
      const s2 = new Int8Array(batch * n);
      const l1 = new Float64Array(batch);
      const l2 = new Float64Array(batch);
      van.sampleInto(s1, l1, batch, createRng(4), false);
      van.sampleInto(s2, l2, batch, createRng(4), true);
      expect(s2).toEqual(s1);
      for (let b = 0; b < batch; b++) expect(Math.abs(l2[b]! - l1[b]!)).toBeLessThan(2e-5);
      van.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });

    it('gradients of log q reach every variable and leave masked-out weights at zero', () => {
      const before = tf.memory().numTensors;
      const van = new MadeVan(6, { seed: 2, hidden: [2, 2], z2: true });
      const all = allConfigurations(6);
      tf.tidy(() => {
        const x = tf.tensor2d(Float32Array.from(all), [64, 6]);
        const { grads } = tf.variableGrads(() => tf.sum(van.logProbTensor(x)) as tf.Scalar, van.variables as tf.Variable[]);
        for (const v of van.variables) expect(grads[v.name]).toBeDefined();
        // first-layer gradient at masked entries: exactly zero
        const g0 = grads[van.variables[0]!.name]!.dataSync();
        for (let v = 0; v < 6; v++) for (let u = 0; u < 12; u++) if (v >= Math.floor(u / 2)) expect(g0[v * 12 + u] === 0).toBe(true);
        expect(Math.max(...Array.from(g0).map(Math.abs))).toBeGreaterThan(0);
      });
      van.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });

    it('construct, sample, log q, get/set weights and dispose leave no tensor behind', () => {
      const before = tf.memory().numTensors;
      const van = new MadeVan(10, { seed: 1, hidden: [2], z2: true });
      van.sample(10, { rng: createRng(1) });
      van.logProb(new Int8Array(20).fill(1));
      van.setWeights(van.getWeights());
      van.dispose();
      van.dispose(); // idempotent
      expect(tf.memory().numTensors).toBe(before);
    });
  });
}

describe('MadeVan: bad inputs', () => {
  const cases: [string, () => unknown, string][] = [
    ['n = 0', () => new MadeVan(0, { seed: 1 }), 'n'],
    ['n not an integer', () => new MadeVan(2.5, { seed: 1 }), 'n'],
    ['no options', () => new MadeVan(3, undefined as never), 'options'],
    ['no seed', () => new MadeVan(3, {} as never), 'options.seed'],
    ['fractional seed', () => new MadeVan(3, { seed: 0.5 }), 'options.seed'],
    ['hidden not an array', () => new MadeVan(3, { seed: 1, hidden: 3 as never }), 'options.hidden'],
    ['hidden entry 0', () => new MadeVan(3, { seed: 1, hidden: [2, 0] }), 'options.hidden[1]'],
    ['hidden entry fractional', () => new MadeVan(3, { seed: 1, hidden: [1.5] }), 'options.hidden[0]'],
    ['unknown activation', () => new MadeVan(3, { seed: 1, activation: 'sigmoid' as never }), 'options.activation'],
    ['bias not boolean', () => new MadeVan(3, { seed: 1, bias: 1 as never }), 'options.bias'],
    ['z2 not boolean', () => new MadeVan(3, { seed: 1, z2: 'yes' as never }), 'options.z2'],
    ['unknown option', () => new MadeVan(3, { seed: 1, depth: 2 } as never), 'options.depth'],
    ['a layer too large to allocate', () => new MadeVan(20000, { seed: 1, hidden: [] }), 'n'],
    ['hidden layer too large', () => new MadeVan(1000, { seed: 1, hidden: [300] }), 'options.hidden[0]'],
  ];
  it.each(cases)('constructor: %s', (_name, fn, argument) => {
    const before = tf.memory().numTensors;
    expectInvalid(fn, argument);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('methods', () => {
    const van = new MadeVan(3, { seed: 1 });
    expectInvalid(() => van.logProb(new Int8Array(4)), 'spins');
    expectInvalid(() => van.logProb(new Int8Array(0)), 'spins');
    expectInvalid(() => van.logProb(Int8Array.of(1, 0, 1)), 'spins[1]');
    expectInvalid(() => van.logProb([1, 1, 1] as never), 'spins');
    expectInvalid(() => van.logProb(Int8Array.of(1, 1, 1), new Float64Array(2)), 'out');
    expectInvalid(() => van.conditionals(Int8Array.of(1, 1, 1), new Float64Array(1)), 'out');
    expectInvalid(() => van.sample(0, { rng: createRng(1) }), 'batch');
    expectInvalid(() => van.sample(2, {} as never), 'options.rng');
    expectInvalid(() => van.sample(2, { rng: createRng(1), seed: 2 } as never), 'options.seed');
    expectInvalid(() => van.setWeights([new Float32Array(1)]), 'values');
    tf.tidy(() => expectInvalid(() => van.logProbTensor(tf.zeros([2, 4]) as tf.Tensor2D), 'spins'));
    van.dispose();
    expectInvalid(() => van.sample(2, { rng: createRng(1) }), 'this');
  });
});
