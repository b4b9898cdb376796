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

    // IBG-NN on split 0: 50 ms per step; no IBG-NN run has finished, so this one is predicted at the cap
    clock.t += 5000; // building the model: not a training step
    train(eta, clock, 0, 'IBG-NN', 20, 50, 14);
    // 80 epochs left of this run at 50 ms; IBG-NN split 1 and both Dir-GNN runs at the cap, Dir-GNN at IBG-NN's rate
    expect(eta.remainingMs()).toBeCloseTo(80 * 50 + 100 * 50 + 200 * 50, 6);
    expect([eta.units, eta.total]).toEqual([70, 70 + 80 + 300]);

    clock.t += 300;
    eta.observe({ phase: 'done', dataset: 'a', split: 0, model: 'IBG-NN', testAccuracy: 0.7, cached: false, epochs: 26 }, clock.t);
    eta.observe({ phase: 'done', dataset: 'a', split: 0, model: 'Dir-GNN', testAccuracy: 0.7, cached: true, epochs: 12 }, clock.t);
    // IBG-NN on split 1 at 50 ms per step: as long as split 0's (26 epochs) until patience says longer
    train(eta, clock, 1, 'IBG-NN', 20, 50, 3);
    // 6 epochs of this run; Dir-GNN split 1 as long as the loaded split 0 (12), at IBG-NN's rate (none of its own)
    expect(eta.remainingMs()).toBeCloseTo(6 * 50 + 12 * 50, 6);
    expect([eta.units, eta.total]).toEqual([50 + 26 + 12 + 20, 50 + 26 + 12 + 20 + 6 + 12]);
    // best epoch 15 (0-based): patience keeps it to at least 15 + 10 + 2 = 27 epochs, past the mean of 26
    train(eta, clock, 1, 'IBG-NN', 0, 50, 15);
    eta.observe({ phase: 'train', dataset: 'a', split: 1, model: 'IBG-NN', epoch: 21, epochs: 100, valAccuracy: 0.6, bestEpoch: 15 }, (clock.t += 50));
    expect(eta.remainingMs()).toBeCloseTo(6 * 50 + 12 * 50, 6);
    // Dir-GNN's own rate once measured; best epoch 3 keeps this run to at least 15 epochs (mean of Dir-GNN's: 12)
    eta.observe({ phase: 'done', dataset: 'a', split: 1, model: 'IBG-NN', testAccuracy: 0.7, cached: false, epochs: 27 }, (clock.t += 50));
    train(eta, clock, 1, 'Dir-GNN', 5, 20, 3);
    expect(eta.remainingMs()).toBeCloseTo((15 - 5) * 20, 6);
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

    // a training run resumed from its mid-run checkpoint after epoch 30: its first report (31) counts 30 as loaded
    const midRun = new IbgEta(config);
    midRun.observe({ phase: 'train', dataset: 'a', split: 0, model: 'IBG-NN', epoch: 31, epochs: 100, valAccuracy: 0.5, bestEpoch: 25 }, 0);
    midRun.observe({ phase: 'train', dataset: 'a', split: 0, model: 'IBG-NN', epoch: 32, epochs: 100, valAccuracy: 0.5, bestEpoch: 25 }, 40);
    // the loaded fit (50) and the run's 30 epochs before this process
    expect([midRun.units, midRun.loaded]).toEqual([50 + 32, 50 + 30]);
  });

  it('caps the running model at the epoch budget', () => {
    const eta = new IbgEta({ ...config, splits: [0], models: ['MLP'] });
    const clock = { t: 0 };
    eta.observe({ phase: 'done', dataset: 'a', split: 0, model: 'MLP', testAccuracy: 0.5, cached: true, epochs: 1 }, 0);
    const fresh = new IbgEta({ ...config, splits: [0, 1, 2], models: ['MLP'] });
    fresh.observe({ phase: 'done', dataset: 'a', split: 0, model: 'MLP', testAccuracy: 0.5, cached: true, epochs: 40 }, 0);
    train(fresh, clock, 1, 'MLP', 95, 10, 94);
    // best at 94 would run to 106 epochs: the cap of 100 ends it; split 2 as long as split 0
    expect(fresh.remainingMs()).toBeCloseTo(5 * 10 + 40 * 10, 6);
    // an MLP-only part fits no IBG: its one loaded epoch is all the work
    expect([eta.units, eta.total, eta.loaded]).toEqual([1, 1, 1]);
  });

  it('predicts runs from finished runs outside the part before one of its own has ended', () => {
    const part = { ...config, splits: [1], models: ['Dir-GNN' as const] };
    const clock = { t: 0 };
    const informed = new IbgEta(part, new Map([['Dir-GNN', [30, 40]]]));
    const blind = new IbgEta(part);
    train(informed, clock, 1, 'Dir-GNN', 10, 20, 2);
    train(blind, clock, 1, 'Dir-GNN', 10, 20, 2);
    // 35 epochs (the mean of the outside runs) instead of the 100-epoch cap; the outside runs are not work of this part
    expect(informed.remainingMs()).toBeCloseTo((35 - 10) * 20, 6);
    expect(blind.remainingMs()).toBeCloseTo((100 - 10) * 20, 6);
    expect([informed.units, informed.total, informed.loaded]).toEqual([10, 35, 0]);
  });

  it('counts no fit for a part without IBG-NN, which fits nothing', () => {
    const eta = new IbgEta({ ...config, models: ['Dir-GNN'] });
    const clock = { t: 0 };
    train(eta, clock, 0, 'Dir-GNN', 10, 20, 9);
    // split 0 to the cap (90 epochs left) and split 1 at the cap, at 20 ms; the 50 fit epochs are neither done nor left
    expect(eta.remainingMs()).toBeCloseTo((90 + 100) * 20, 6);
    expect([eta.units, eta.total, eta.loaded]).toEqual([10, 200, 0]);
    // the same part with IBG-NN counts the fit, loaded from its checkpoint when training reports come first
    const withIbg = new IbgEta({ ...config, models: ['IBG-NN'] });
    train(withIbg, clock, 0, 'IBG-NN', 10, 20, 9);
    expect([withIbg.units, withIbg.total, withIbg.loaded]).toEqual([60, 250, 50]);
  });
});
