/** Uniformly random train/validation/test node splits (for synthetic data; real data ships its own splits). */
import { checkFiniteNumber, checkInteger, checkOptions, checkRng, InvalidArgumentError, shuffleInPlace, type Rng } from '@isinglab/graph';
import type { NodeSplit } from './node-dataset.js';

export interface RandomNodeSplitOptions {
  /** Fraction of nodes for training. @default 0.48 (Geom-GCN's chameleon/squirrel splits) */
  trainFraction?: number;
  /** Fraction of nodes for validation; the rest is the test set. @default 0.32 */
  valFraction?: number;
  /** Random source (required). */
  rng: Rng;
}

const FN = 'randomNodeSplit';
const SITE = { pkg: 'ibg', fn: FN } as const;

/**
 * Shuffles 0..nodes−1 and cuts it into train (round(trainFraction·n)), validation (round(valFraction·n)) and
 * test (the rest), each returned sorted. O(n).
 * @example randomNodeSplit(1000, { rng: createRng(1) }) // 480 / 320 / 200
 */
export function randomNodeSplit(nodes: number, options: RandomNodeSplitOptions): NodeSplit {
  const n = checkInteger(SITE, 'nodes', nodes, { min: 0 });
  const opts = checkOptions<RandomNodeSplitOptions>(SITE, options, ['trainFraction', 'valFraction', 'rng']);
  const rng = checkRng(SITE, opts.rng);
  const train = checkFiniteNumber(SITE, 'options.trainFraction', opts.trainFraction ?? 0.48, { min: 0, max: 1 });
  const val = checkFiniteNumber(SITE, 'options.valFraction', opts.valFraction ?? 0.32, { min: 0, max: 1 });
  if (train + val > 1 + 1e-12) {
    throw new InvalidArgumentError({ ...SITE, argument: 'options.valFraction', value: val, rule: `at most 1 − trainFraction = ${1 - train}` });
  }
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  shuffleInPlace(order, rng);
  const nTrain = Math.round(train * n);
  const nVal = Math.min(n - nTrain, Math.round(val * n));
  const part = (from: number, to: number) => order.slice(from, to).sort();
  return Object.freeze({ train: part(0, nTrain), val: part(nTrain, nTrain + nVal), test: part(nTrain + nVal, n) });
}
