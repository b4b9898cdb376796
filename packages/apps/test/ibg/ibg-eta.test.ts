/** IbgEta: predicted run lengths (early stopping, finished runs of the same model) and per-phase measured rates. */
import { describe, expect, it } from '@jest/globals';
import { IbgEta } from '../../src/experiments/ibg/ibg-eta.js';
import { IBG_CONFIGS, type IbgModelName, type IbgRunConfig } from '../../src/experiments/ibg/run-ibg-experiment.js';

// one dataset, 2 splits × 2 models, a 50-epoch fit, runs capped at 100 epochs with patience 10
const config: IbgRunConfig = { ...(IBG_CONFIGS['quick'] as IbgRunConfig), name: 'eta', datasets: ['a'], splits: [0, 1], splitsByDataset: {}, models: ['IBG-NN', 'Dir-GNN'], fitEpochs: 50, fitEpochsByDataset: {}, epochs: 100, patience: 10 };

/** Feeds `epochs` training reports of one run, `msPerEpoch` apart, with bestEpoch = min(epoch − 1, bestCap). */
function train(eta: IbgEta, clock: { t: number }, split: number, model: IbgModelName, epochs: number, msPerEpoch: number, bestCap: number): void {
  for (let epoch = 1; epoch <= epochs; epoch++) {
    clock.t += msPerEpoch;
    eta.observe({ phase: 'train', dataset: 'a', split, model, epoch, epochs: 100, valAccuracy: 0.5, bestEpoch: Math.min(epoch - 1, bestCap) }, clock.t);
  }
}

describe('IbgEta', () => {
  it('weighs the fit and each model by their measured rates and predicts run lengths from early stopping', () => {
    const eta = new IbgEta(config);
    const clock = { t: 0 };
    // the fit: a report every 10 epochs, 100 ms apart (10 ms per epoch; the first report sets no rate)
    for (let epoch = 10; epoch <= 50; epoch += 10) {
      clock.t += 100;
      eta.observe({ phase: 'fit', dataset: 'a', epoch, epochs: 50, relativeError: 0.5 }, clock.t);
    }
    // no training rate yet: the fit's stands in for the 4 runs of up to 100 epochs
    expect(eta.remainingMs()).toBeCloseTo(4 * 100 * 10, 6);
    expect([eta.units, eta.total, eta.loaded]).toEqual([50, 450, 0]);

    // IBG-NN on split 0: 50 ms per step, best epoch 14 (0-based), so it ends after 14 + 10 + 2 = 26 epochs
    clock.t += 5000; // building the model: not a training step
    train(eta, clock, 0, 'IBG-NN', 20, 50, 14);
    // 6 epochs left of this run at 50 ms; IBG-NN split 1 and both Dir-GNN runs at the cap, Dir-GNN at IBG-NN's rate
    expect(eta.remainingMs()).toBeCloseTo(6 * 50 + 100 * 50 + 200 * 50, 6);
    expect([eta.units, eta.total]).toEqual([70, 70 + 6 + 300]);

    clock.t += 300;
    eta.observe({ phase: 'done', dataset: 'a', split: 0, model: 'IBG-NN', testAccuracy: 0.7, cached: false, epochs: 26 }, clock.t);
    // Dir-GNN on split 0: 20 ms per step, best epoch 3: ends after 15 epochs
    train(eta, clock, 0, 'Dir-GNN', 5, 20, 3);
    // 10 epochs of this run and 100 of Dir-GNN split 1 at 20 ms; IBG-NN split 1 as long as split 0 (26) at 50 ms
    expect(eta.remainingMs()).toBeCloseTo(10 * 20 + 100 * 20 + 26 * 50, 6);
    expect([eta.units, eta.total]).toEqual([50 + 26 + 5, 50 + 26 + 5 + 10 + 100 + 26]);
  });

  it('counts checkpointed work as loaded and has no estimate before any rate is measured', () => {
    const eta = new IbgEta(config);
    eta.observe({ phase: 'done', dataset: 'a', split: 0, model: 'IBG-NN', testAccuracy: 0.7, cached: true, epochs: 30 }, 1000);
    // the fit came from its checkpoint (no fit report before a later phase's)
    expect([eta.units, eta.loaded]).toEqual([80, 80]);
    expect(eta.total).toBe(80 + 30 + 200);
    expect(eta.remainingMs()).toBeNaN();

    // a fit resumed at epoch 20: its first report (at 30) counts the 20 epochs before as loaded
    const resumed = new IbgEta(config);
    resumed.observe({ phase: 'fit', dataset: 'a', epoch: 30, epochs: 50, relativeError: 0.5 }, 0);
    resumed.observe({ phase: 'fit', dataset: 'a', epoch: 40, epochs: 50, relativeError: 0.5 }, 200);
    expect([resumed.units, resumed.loaded]).toEqual([40, 20]);
    expect(resumed.remainingMs()).toBeCloseTo(10 * 20 + 400 * 20, 6);
  });

  it('caps the running model at the epoch budget', () => {
    const eta = new IbgEta({ ...config, splits: [0], models: ['MLP'] });
    const clock = { t: 0 };
    eta.observe({ phase: 'done', dataset: 'a', split: 0, model: 'MLP', testAccuracy: 0.5, cached: true, epochs: 1 }, 0);
    const fresh = new IbgEta({ ...config, splits: [0, 1], models: ['MLP'] });
    fresh.observe({ phase: 'fit', dataset: 'a', epoch: 50, epochs: 50, relativeError: 0.5 }, 0);
    train(fresh, clock, 0, 'MLP', 95, 10, 94);
    // best at 94 would run to 106 epochs: the cap of 100 ends it; split 1 at the cap
    expect(fresh.remainingMs()).toBeCloseTo(5 * 10 + 100 * 10, 6);
    expect(eta.total).toBe(51);
  });
});
