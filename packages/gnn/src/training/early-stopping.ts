/** Early stopping on a monitored metric (validation loss or accuracy), with the best value and its epoch. */
import { InvalidArgumentError } from '@isinglab/graph';

export interface EarlyStoppingOptions {
  /** Epochs without improvement before stopping. */
  patience: number;
  /** `'min'` for losses, `'max'` for accuracies. @default 'min' */
  mode?: 'min' | 'max';
  /** Smallest change that counts as an improvement. @default 0 */
  minDelta?: number;
}

export interface EarlyStoppingUpdate {
  /** This value is the best so far (keep these weights). */
  improved: boolean;
  /** Patience is exhausted. */
  stop: boolean;
}

export class EarlyStopping {
  readonly patience: number;
  readonly mode: 'min' | 'max';
  readonly minDelta: number;
  private bestValue: number;
  private bestAt = -1;
  private waited = 0;
  private seen = 0;

  constructor(options: EarlyStoppingOptions) {
    const fn = 'EarlyStopping';
    if (!Number.isInteger(options?.patience) || options.patience < 0) {
      throw new InvalidArgumentError({ pkg: 'gnn', fn, argument: 'options.patience', value: options?.patience, rule: 'an integer ≥ 0' });
    }
    const mode = options.mode ?? 'min';
    if (mode !== 'min' && mode !== 'max') throw new InvalidArgumentError({ pkg: 'gnn', fn, argument: 'options.mode', value: mode, rule: "'min' or 'max'" });
    const minDelta = options.minDelta ?? 0;
    if (!(Number.isFinite(minDelta) && minDelta >= 0)) throw new InvalidArgumentError({ pkg: 'gnn', fn, argument: 'options.minDelta', value: minDelta, rule: 'a finite number ≥ 0' });
    this.patience = options.patience;
    this.mode = mode;
    this.minDelta = minDelta;
    this.bestValue = mode === 'min' ? Infinity : -Infinity;
  }

  /** Records the metric of the next epoch. A NaN never improves. */
  update(value: number): EarlyStoppingUpdate {
    const epoch = this.seen++;
    const better = this.mode === 'min' ? value < this.bestValue - this.minDelta : value > this.bestValue + this.minDelta;
    if (better) {
      this.bestValue = value;
      this.bestAt = epoch;
      this.waited = 0;
      return { improved: true, stop: false };
    }
    this.waited++;
    return { improved: false, stop: this.waited > this.patience };
  }

  /** Best value so far (±Infinity before the first update). */
  get best(): number {
    return this.bestValue;
  }

  /** 0-based epoch of the best value, −1 before the first update. */
  get bestEpoch(): number {
    return this.bestAt;
  }
}
