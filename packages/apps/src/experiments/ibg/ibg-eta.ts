/**
 * How much of `experiment ibg` is left, for its progress line. One rate extrapolated over a count of epochs misleads
 * here twice over: a fit epoch and a training step cost very different times (Squirrel at K = 50 on 2 cores: 86 ms
 * against 2.1 s), and early stopping ends most training runs long before the epoch cap (the worst case showed
 * 12–19 h where 1–2 h were left). So the estimate combines
 * - run lengths: a run is as long as the finished runs of the same model (mean, loaded ones included, and those of
 *   splits outside the part that the caller passes in), else the cap; the one in training at least bestEpoch +
 *   patience + 2 epochs, where patience ends it unless validation improves again (all capped);
 * - rates measured in this process per phase (the fit; training per model), from consecutive reports only, so model
 *   building and the signal encoder stay out; where a phase has no rate yet another phase's stands in.
 * A configuration without IBG-NN fits nothing (usesIbg), so no fit is counted. A later dataset's fit counts as work
 * even if it will load from its checkpoint, and the signal encoder is not predicted, so the estimate errs long there.
 */
import type { IbgModelName, IbgProgress, IbgRunConfig } from './run-ibg-experiment.js';
import { fitEpochsOf, splitsOf, usesIbg } from './run-ibg-experiment.js';

interface Rate {
  ms: number;
  epochs: number;
}

interface CurrentRun {
  key: string;
  model: IbgModelName;
  epoch: number;
  bestEpoch: number;
}

/** One (dataset, split, model) run, as the started set keys it. */
function runKey(dataset: string, split: number, model: IbgModelName): string {
  return `${dataset}/${split}/${model}`;
}

export class IbgEta {
  private readonly config: IbgRunConfig;
  private readonly fitDone = new Map<string, number>();
  private readonly started = new Set<string>();
  private readonly lengths = new Map<IbgModelName, number[]>();
  private readonly fitRate: Rate = { ms: 0, epochs: 0 };
  private readonly trainRates = new Map<IbgModelName, Rate>();
  private current: CurrentRun | undefined;
  private last: { time: number; event: IbgProgress } | undefined;
  private finishedUnits = 0;
  /** Work units (epochs) loaded from checkpoints rather than run in this process. */
  loaded = 0;

  /**
   * `outside`: epoch counts of finished runs per model that this process will not see (other splits' result files,
   * finishedRunLengthsOutside); they count for run lengths only, not as work of this run.
   */
  constructor(config: IbgRunConfig, outside: ReadonlyMap<IbgModelName, readonly number[]> = new Map()) {
    this.config = config;
    for (const [model, epochs] of outside) this.lengths.set(model, [...epochs]);
  }

  /** Takes one progress report, received at `now` (ms). */
  observe(event: IbgProgress, now: number): void {
    const previous = this.last;
    this.last = { time: now, event };
    const dt = previous === undefined ? 0 : now - previous.time;
    const before = previous?.event;
    if (event.phase !== 'fit' && usesIbg(this.config) && !this.fitDone.has(event.dataset)) {
      // reports of a later phase before any of the fit: the whole fit came from its checkpoint
      const epochs = fitEpochsOf(this.config, event.dataset);
      this.fitDone.set(event.dataset, epochs);
      this.loaded += epochs;
    }
    if (event.phase === 'fit') {
      const done = this.fitDone.get(event.dataset);
      if (done === undefined) {
        // reports come every 10 epochs: the first one after a resume tells where the checkpoint was
        this.loaded += Math.max(0, event.epoch - 10);
      } else if (before?.phase === 'fit' && before.dataset === event.dataset) {
        this.fitRate.ms += dt;
        this.fitRate.epochs += event.epoch - done;
      }
      this.fitDone.set(event.dataset, event.epoch);
    } else if (event.phase === 'train') {
      const key = runKey(event.dataset, event.split, event.model);
      // a run's first report past epoch 1 resumed it from its training checkpoint
      if (!this.started.has(key) && event.epoch > 1) this.loaded += event.epoch - 1;
      this.started.add(key);
      // the previous report was this run's previous epoch (current is cleared by 'done' and set only here)
      if (this.current?.key === key && event.epoch === this.current.epoch + 1) {
        const rate = this.trainRates.get(event.model) ?? { ms: 0, epochs: 0 };
        rate.ms += dt;
        rate.epochs += 1;
        this.trainRates.set(event.model, rate);
      }
      this.current = { key, model: event.model, epoch: event.epoch, bestEpoch: event.bestEpoch };
    } else if (event.phase === 'done') {
      this.started.add(runKey(event.dataset, event.split, event.model));
      this.lengths.set(event.model, [...(this.lengths.get(event.model) ?? []), event.epochs]);
      this.finishedUnits += event.epochs;
      if (event.cached) this.loaded += event.epochs;
      this.current = undefined;
    }
  }

  /** Epochs done so far (fit and training, loaded ones included). */
  get units(): number {
    let fit = 0;
    for (const e of this.fitDone.values()) fit += e;
    return fit + this.finishedUnits + (this.current?.epoch ?? 0);
  }

  /** The predicted number of epochs in all (units plus what is left). */
  get total(): number {
    const left = this.left();
    return this.units + left.fit + [...left.train.values()].reduce((a, b) => a + b, 0);
  }

  /** Predicted milliseconds left; NaN while no phase has a measured rate. */
  remainingMs(): number {
    const left = this.left();
    const trainMs = [...this.trainRates.values()].reduce((a, r) => a + r.ms, 0);
    const trainEpochs = [...this.trainRates.values()].reduce((a, r) => a + r.epochs, 0);
    const pooledTrain = trainEpochs > 0 ? trainMs / trainEpochs : Number.NaN;
    const fit = this.fitRate.epochs > 0 ? this.fitRate.ms / this.fitRate.epochs : pooledTrain;
    const stand = Number.isNaN(pooledTrain) ? fit : pooledTrain;
    let ms = left.fit > 0 ? left.fit * fit : 0;
    for (const [model, epochs] of left.train) {
      const rate = this.trainRates.get(model);
      if (epochs > 0) ms += epochs * (rate !== undefined && rate.epochs > 0 ? rate.ms / rate.epochs : stand);
    }
    return ms;
  }

  /** Predicted epochs left: fit, and training per model. */
  private left(): { fit: number; train: Map<IbgModelName, number> } {
    const { epochs: cap, patience } = this.config;
    let fit = 0;
    const train = new Map<IbgModelName, number>();
    const add = (model: IbgModelName, epochs: number) => train.set(model, (train.get(model) ?? 0) + epochs);
    for (const dataset of this.config.datasets) {
      if (usesIbg(this.config)) fit += Math.max(0, fitEpochsOf(this.config, dataset) - (this.fitDone.get(dataset) ?? 0));
      for (const split of splitsOf(this.config, dataset)) {
        for (const model of this.config.models) {
          if (!this.started.has(runKey(dataset, split, model))) add(model, this.expectedLength(model));
        }
      }
    }
    const run = this.current;
    if (run !== undefined) {
      const end = Math.min(cap, Math.max(run.bestEpoch + patience + 2, this.expectedLength(run.model)));
      add(run.model, Math.max(0, end - run.epoch));
    }
    return { fit, train };
  }

  private expectedLength(model: IbgModelName): number {
    const seen = this.lengths.get(model);
    return seen === undefined || seen.length === 0 ? this.config.epochs : seen.reduce((a, b) => a + b, 0) / seen.length;
  }
}
