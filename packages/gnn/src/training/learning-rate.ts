/** Learning-rate schedules: pure functions of the (0-based) optimisation step. */
import { checkFiniteNumber, checkInteger } from '@isinglab/graph';

export type LearningRateSchedule = (step: number) => number;

function positive(fn: string, argument: string, value: unknown, allowZero = false): number {
  return checkFiniteNumber({ pkg: 'gnn', fn }, argument, value, { min: 0, minExclusive: !allowZero });
}

export interface StepDecayOptions {
  /** Rate at step 0. */
  initial: number;
  /** Multiplier applied every `every` steps. @default 0.5 */
  factor?: number;
  /** Steps between decays. */
  every: number;
}

/** lr(t) = initial · factor^⌊t / every⌋. */
export function stepDecay(options: StepDecayOptions): LearningRateSchedule {
  const fn = 'stepDecay';
  const initial = positive(fn, 'options.initial', options?.initial);
  const factor = positive(fn, 'options.factor', options.factor ?? 0.5);
  const every = options.every;
  checkInteger({ pkg: 'gnn', fn }, 'options.every', every, { min: 1 });
  return (step) => initial * factor ** Math.floor(step / every);
}

export interface CosineDecayOptions {
  /** Rate after warm-up. */
  initial: number;
  /** Rate at `steps` and after. @default 0 */
  final?: number;
  /** Length of the decay (including warm-up). */
  steps: number;
  /** Linear warm-up steps from 0 to `initial`. @default 0 */
  warmup?: number;
}

/** Linear warm-up, then cosine decay from `initial` to `final` (Loshchilov & Hutter 2017, without restarts). */
export function cosineDecay(options: CosineDecayOptions): LearningRateSchedule {
  const fn = 'cosineDecay';
  const initial = positive(fn, 'options.initial', options?.initial);
  const final = positive(fn, 'options.final', options.final ?? 0, true);
  const steps = options.steps;
  const warmup = options.warmup ?? 0;
  checkInteger({ pkg: 'gnn', fn }, 'options.steps', steps, { min: 1 });
  checkInteger({ pkg: 'gnn', fn }, 'options.warmup', warmup, { min: 0, max: steps - 1 });
  return (step) => {
    if (step < warmup) return (initial * (step + 1)) / (warmup + 1);
    if (step >= steps) return final;
    const progress = (step - warmup) / (steps - warmup);
    return final + 0.5 * (initial - final) * (1 + Math.cos(Math.PI * progress));
  };
}
