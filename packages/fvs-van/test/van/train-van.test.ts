import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { createRng, rngFromState } from '@isinglab/graph';
import { Adam, progressLine } from '@isinglab/gnn';
import { MadeVan, trainVan, vanFreeEnergy, type TrainVanProgress } from '../../src/van/index.js';
import {
  TEST_BACKENDS,
  allConfigurations,
  exactIsing,
  expectInvalidAsync,
  ferromagneticRing,
  spinGlassGrid,
  switchTo,
  targetOf,
  type SmallIsing,
} from './helpers.js';

/** KL(q‖p) = Σ q (log q − log p) over all configurations = β (F_q − F), exactly. */
function exactKl(van: MadeVan, model: SmallIsing): number {
  const exact = exactIsing(model);
  const lq = van.logProb(allConfigurations(model.n));
  let kl = 0;
  for (let c = 0; c < lq.length; c++) kl += Math.exp(lq[c]!) * (lq[c]! - exact.logP[c]!);
  return kl;
}

const maxAbsDiff = (a: Float32Array[], b: Float32Array[]) => Math.max(...a.map((w, k) => Math.max(...w.map((v, i) => Math.abs(v - b[k]![i]!)))));

for (const backend of TEST_BACKENDS) {
  describe(`trainVan on the ${backend} backend`, () => {
    beforeAll(async () => {
      await switchTo(backend);
    });

    it('ferromagnetic ring (n = 10, β = 0.6, z2): F_q reaches the exact free energy and IS log Z agrees within 3 SE', async () => {
      const before = tf.memory().numTensors;
      const model = ferromagneticRing(10, 0.6);
      const exact = exactIsing(model);
      const F = -exact.logZ / model.beta;
      const target = targetOf(model);
      const van = new MadeVan(10, { seed: 1, hidden: [4], z2: true });
      const history = await trainVan(van, target, { rng: createRng(2), beta: model.beta, epochs: 150, batchSize: 200, learningRate: 0.02 });
      // training lowers F_q from the uniform distribution's −(n log 2)/β + ⟨E⟩ = −11.55 to F = −14.391
      expect(history.freeEnergy[0]!).toBeGreaterThan(F + 1);
      const kl = exactKl(van, model);
      // measured 5.5e-4 after 150 epochs (both backends); 3e-3 nats is F_q − F < 0.005 (relative 3.5e-4)
      expect(kl).toBeLessThan(3e-3);
      const last10 = history.freeEnergy.subarray(140).reduce((s, v) => s + v, 0) / 10;
      expect(Math.abs(last10 - F)).toBeLessThan(0.02); // batch estimates of 200 samples: sd ≈ 0.02/√10 each
      const est = vanFreeEnergy(van, target, { rng: createRng(3), beta: model.beta, samples: 20000 });
      expect(Math.abs(est.logZ - exact.logZ)).toBeLessThan(3 * est.logZStdErr);
      expect(est.logZStdErr).toBeLessThan(1e-3); // a near-exact q: the estimate is also tight
      expect(est.ess).toBeGreaterThan(0.9 * 20000);
      // variational estimate: F_q ≥ F in expectation and KL = β(F_q − F) within 4 SE
      expect(Math.abs(model.beta * (est.freeEnergy - F) - kl)).toBeLessThan(4 * model.beta * est.freeEnergyStdErr);
      // masked-out weights get exactly zero gradient, so Adam leaves them at their initial 0
      const w0 = van.getWeights()[0]!;
      for (let v = 0; v < 10; v++) for (let u = 0; u < 40; u++) if (v >= Math.floor(u / 4)) expect(w0[v * 40 + u] === 0).toBe(true);
      van.dispose();
      expect(tf.memory().numTensors).toBe(before);
    }, 400_000); // ~30 s alone on the cpu backend; several times that when the 2 cores are shared

    it('the same seeds give the same run; another rng seed gives another', async () => {
      const model = spinGlassGrid(3, 2, 0.8, 4, 0.3);
      const run = async (seed: number) => {
        const van = new MadeVan(6, { seed: 1, hidden: [2] });
        const h = await trainVan(van, targetOf(model), { rng: createRng(seed), beta: 0.8, epochs: 12, batchSize: 64, learningRate: 0.01 });
        const w = van.getWeights();
        van.dispose();
        return { h, w };
      };
      const a = await run(5);
      const b = await run(5);
      const c = await run(6);
      expect(b.h.freeEnergy).toEqual(a.h.freeEnergy);
      expect(b.h.freeEnergyStd).toEqual(a.h.freeEnergyStd);
      expect(b.w).toEqual(a.w);
      expect(c.h.freeEnergy).not.toEqual(a.h.freeEnergy);
    });
  });
}

describe('trainVan (wasm): accuracy without symmetry, resumability, schedule, clipping, abort', () => {
  beforeAll(async () => {
    await switchTo('wasm');
  });

  it('±J spin glass with random fields on a 4×3 grid (β = 0.7, no z2): KL(q‖p) < 1e-2 and IS log Z within 3 SE', async () => {
    const model = spinGlassGrid(4, 3, 0.7, 7, 0.4);
    const exact = exactIsing(model);
    const target = targetOf(model);
    const van = new MadeVan(12, { seed: 1, hidden: [4] });
    await trainVan(van, target, { rng: createRng(2), beta: model.beta, epochs: 150, batchSize: 200, learningRate: 0.02 });
    // measured 2.3e-3; 1e-2 nats is F_q − F < 0.015 on F = −16.81 (relative 9e-4)
    expect(exactKl(van, model)).toBeLessThan(1e-2);
    const est = vanFreeEnergy(van, target, { rng: createRng(3), beta: model.beta, samples: 20000 });
    expect(Math.abs(est.logZ - exact.logZ)).toBeLessThan(3 * est.logZStdErr);
    van.dispose();
  });

  it('10 + 10 epochs with weights, Adam state and rng state restored in between equal 20 uninterrupted epochs', async () => {
    const model = spinGlassGrid(3, 3, 0.9, 2, 0.2);
    const target = targetOf(model);
    const options = { beta: 0.9, batchSize: 64, betaAnneal: 0.95 };
    const straight = new MadeVan(9, { seed: 3, hidden: [3] });
    const adamS = new Adam(straight.variables, { learningRate: 0.01 });
    const rngS = createRng(8);
    const hs = await trainVan(straight, target, { ...options, rng: rngS, epochs: 20, optimizer: adamS });

    const first = new MadeVan(9, { seed: 3, hidden: [3] });
    const adam1 = new Adam(first.variables, { learningRate: 0.01 });
    const rng1 = createRng(8);
    const h1 = await trainVan(first, target, { ...options, rng: rng1, epochs: 10, optimizer: adam1 });
    const saved = { weights: first.getWeights(), adam: adam1.getState(), rng: JSON.parse(JSON.stringify(rng1.getState())) };
    adam1.dispose();
    first.dispose();

    const second = new MadeVan(9, { seed: 99, hidden: [3] }); // another seed: everything must come from the checkpoint
    second.setWeights(saved.weights);
    const adam2 = new Adam(second.variables, { learningRate: 0.01 });
    adam2.setState(saved.adam);
    const rng2 = rngFromState(saved.rng);
    const h2 = await trainVan(second, target, { ...options, rng: rng2, epochs: 10, optimizer: adam2 });

    expect(second.getWeights()).toEqual(straight.getWeights());
    expect([...h1.freeEnergy, ...h2.freeEnergy]).toEqual([...hs.freeEnergy]);
    expect([...h1.lambda, ...h2.lambda]).toEqual([...hs.lambda]); // the annealing schedule continues from Adam's step
    expect(rng2.getState()).toEqual(rngS.getState());
    adamS.dispose();
    adam2.dispose();
    straight.dispose();
    second.dispose();
  });

  it('β annealing: λ_t = 1 − a^t at optimiser step t; F_q is still reported on the untempered target', async () => {
    const model = ferromagneticRing(6, 1);
    const van = new MadeVan(6, { seed: 1, hidden: [] });
    const h = await trainVan(van, targetOf(model), { rng: createRng(1), beta: 1, epochs: 4, batchSize: 32, betaAnneal: 0.9 });
    expect([...h.lambda]).toEqual([0, 1 - 0.9, 1 - 0.9 ** 2, 1 - 0.9 ** 3]);
    // untempered: F = ⟨log q − log p̃⟩/β, and with log q ≈ −n log 2 at the start, F ≈ ⟨E⟩ − 6 log 2 ≈ −4.16
    expect(h.freeEnergy[0]!).toBeCloseTo(h.energy[0]! - h.entropy[0]!, 12);
    van.dispose();
  });

  it('clipGradNorm rescales the gradient: clipped to 1e-12, Adam (ε = 1e-8) barely moves the weights', async () => {
    const model = spinGlassGrid(3, 2, 1, 3, 0.5);
    const moved = async (clip: number) => {
      const van = new MadeVan(6, { seed: 1, hidden: [2] });
      const w0 = van.getWeights();
      await trainVan(van, targetOf(model), { rng: createRng(1), beta: 1, epochs: 10, batchSize: 64, learningRate: 0.01, clipGradNorm: clip });
      const d = maxAbsDiff(van.getWeights(), w0);
      van.dispose();
      return d;
    };
    // |g| ≤ 1e-12 ⇒ each step moves a weight by at most lr·1e-12/1e-8 = 1e-6, 10 steps 1e-5
    expect(await moved(1e-12)).toBeLessThan(1.1e-5);
    expect(await moved(0)).toBeGreaterThan(1e-3); // unclipped Adam moves by ~lr per step
  });

  it('onProgress reports every epoch in progressLine’s shape; an abort stops between epochs and frees everything', async () => {
    const before = tf.memory().numTensors;
    const model = ferromagneticRing(5, 0.5);
    const van = new MadeVan(5, { seed: 1, hidden: [2] });
    const withVan = tf.memory().numTensors;
    const seen: TrainVanProgress[] = [];
    const controller = new AbortController();
    const reason = new Error('stop');
    await expect(
      trainVan(van, targetOf(model), {
        rng: createRng(1),
        beta: 0.5,
        epochs: 50,
        batchSize: 16,
        signal: controller.signal,
        onProgress: (p) => {
          seen.push(p);
          if (p.epoch === 3) controller.abort(reason);
        },
      }),
    ).rejects.toBe(reason);
    expect(seen.map((p) => p.epoch)).toEqual([1, 2, 3]);
    expect(seen[2]!.step).toBe(3);
    expect(seen[2]!.epochs).toBe(50);
    expect(progressLine(seen[2]!)).toMatch(/^epoch 3\/50 .*F -?\d/);
    expect(tf.memory().numTensors).toBe(withVan); // the run's own Adam was disposed on the way out
    // a signal aborted before the call: no epoch runs
    const pre = new AbortController();
    pre.abort(reason);
    let epochs = 0;
    await expect(trainVan(van, targetOf(model), { rng: createRng(1), beta: 0.5, epochs: 5, signal: pre.signal, onProgress: () => epochs++ })).rejects.toBe(reason);
    expect(epochs).toBe(0);
    van.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a target that writes a non-finite log p̃ is reported, not trained on', async () => {
    const before = tf.memory().numTensors;
    const van = new MadeVan(4, { seed: 1 });
    await expectInvalidAsync(() => trainVan(van, (_s, batch, out) => out.fill(Number.NaN, 0, batch), { rng: createRng(1), beta: 1, epochs: 2, batchSize: 8 }), 'target');
    van.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('trainVan: bad inputs', () => {
  const target = targetOf(ferromagneticRing(4, 1));
  const cases: [string, (van: MadeVan, other: MadeVan) => Promise<unknown>, string][] = [
    ['van not a MadeVan', () => trainVan({} as never, target, { rng: createRng(1), beta: 1 }), 'van'],
    ['target not a function', (v) => trainVan(v, 3 as never, { rng: createRng(1), beta: 1 }), 'target'],
    ['no options', (v) => trainVan(v, target, undefined as never), 'options'],
    ['no rng', (v) => trainVan(v, target, { beta: 1 } as never), 'options.rng'],
    ['no beta', (v) => trainVan(v, target, { rng: createRng(1) } as never), 'options.beta'],
    ['beta 0', (v) => trainVan(v, target, { rng: createRng(1), beta: 0 }), 'options.beta'],
    ['negative epochs', (v) => trainVan(v, target, { rng: createRng(1), beta: 1, epochs: -1 }), 'options.epochs'],
    ['fractional batch', (v) => trainVan(v, target, { rng: createRng(1), beta: 1, batchSize: 1.5 }), 'options.batchSize'],
    ['learning rate 0', (v) => trainVan(v, target, { rng: createRng(1), beta: 1, learningRate: 0 }), 'options.learningRate'],
    ['anneal 1', (v) => trainVan(v, target, { rng: createRng(1), beta: 1, betaAnneal: 1 }), 'options.betaAnneal'],
    ['negative clip', (v) => trainVan(v, target, { rng: createRng(1), beta: 1, clipGradNorm: -1 }), 'options.clipGradNorm'],
    ['unknown option', (v) => trainVan(v, target, { rng: createRng(1), beta: 1, lr: 0.1 } as never), 'options.lr'],
    ['onProgress not a function', (v) => trainVan(v, target, { rng: createRng(1), beta: 1, onProgress: 1 as never }), 'options.onProgress'],
    ['signal not a signal', (v) => trainVan(v, target, { rng: createRng(1), beta: 1, signal: {} as never }), 'options.signal'],
    [
      'optimizer over another network',
      async (v, other) => {
        const adam = new Adam(other.variables);
        try {
          return await trainVan(v, target, { rng: createRng(1), beta: 1, optimizer: adam });
        } finally {
          adam.dispose();
        }
      },
      'options.optimizer',
    ],
    [
      'optimizer together with learningRate',
      async (v) => {
        const adam = new Adam(v.variables);
        try {
          return await trainVan(v, target, { rng: createRng(1), beta: 1, optimizer: adam, learningRate: 0.1 });
        } finally {
          adam.dispose();
        }
      },
      'options.learningRate',
    ],
  ];
  it.each(cases)('%s', async (_name, fn, argument) => {
    const van = new MadeVan(4, { seed: 1 });
    const other = new MadeVan(4, { seed: 1 });
    const before = tf.memory().numTensors;
    await expectInvalidAsync(() => fn(van, other), argument);
    expect(tf.memory().numTensors).toBe(before);
    van.dispose();
    other.dispose();
  });
});
