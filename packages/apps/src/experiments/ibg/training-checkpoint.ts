/**
 * Mid-run checkpoints of one (dataset, split, model) training in `experiment ibg`: the NodeTrainingState that
 * trainNodeClassifier hands over every few epochs and on an abort signal, as JSON with its arrays as base64
 * (base64-floats.ts), tagged with the run's fingerprint. A Squirrel IBG-NN run lasts 30–50 min on a
 * shared core, so an interrupted run resumes from its last checkpoint instead of epoch 0, and ends exactly as the
 * uninterrupted run would. (The CLI's Ctrl-C ends the process at once, see experiment-command.ts: it resumes from the
 * last periodic checkpoint.)
 */
import { readFileSync, rmSync } from 'node:fs';
import type { RngState } from '@isinglab/graph';
import { writeJsonAtomic } from '@isinglab/graph/testing';
import type { NodeTrainingState } from '@isinglab/ibg';
import { decodeFloat32, decodeFloat64, encodeFloats } from '../../lib/base64-floats.js';

const FORMAT = 'isinglab-ibg-training-checkpoint';

/** @internal A NodeTrainingState as JSON-safe data (exported for the tests). */
export function encodeTrainingState(state: NodeTrainingState): Record<string, unknown> {
  return {
    epoch: state.epoch,
    weights: state.weights.map(encodeFloats),
    optimizer: { step: state.optimizer.step, firstMoments: state.optimizer.firstMoments.map(encodeFloats), secondMoments: state.optimizer.secondMoments.map(encodeFloats) },
    ...(state.randomState === undefined ? {} : { randomState: state.randomState }),
    best: state.best,
    bestWeights: state.bestWeights.map(encodeFloats),
    losses: encodeFloats(state.losses),
    stepMs: encodeFloats(state.stepMs),
  };
}

/** @internal The inverse of encodeTrainingState; throws on data of another shape. */
export function decodeTrainingState(data: Record<string, unknown>): NodeTrainingState {
  const list = (x: unknown): Float32Array[] => {
    if (!Array.isArray(x)) throw new Error('not an array');
    return x.map(decodeFloat32);
  };
  const optimizer = data.optimizer as Record<string, unknown>;
  return {
    epoch: data.epoch as number,
    weights: list(data.weights),
    optimizer: { step: optimizer.step as number, firstMoments: list(optimizer.firstMoments), secondMoments: list(optimizer.secondMoments) },
    ...(data.randomState === undefined ? {} : { randomState: data.randomState as RngState }),
    best: data.best as NodeTrainingState['best'],
    bestWeights: list(data.bestWeights),
    losses: decodeFloat64(data.losses),
    stepMs: decodeFloat64(data.stepMs),
  };
}

/** Writes `state` to `path` atomically, tagged with `fingerprint`. */
export function writeTrainingCheckpoint(path: string, fingerprint: string, state: NodeTrainingState): void {
  writeJsonAtomic(path, { format: FORMAT, fingerprint, state: encodeTrainingState(state) });
}

/**
 * The state saved at `path` for the run `fingerprint` names; undefined when there is none, it belongs to another
 * run, or it cannot be read (atomic writes mean it is never half-written; trainNodeClassifier checks the rest).
 */
export function readTrainingCheckpoint(path: string, fingerprint: string): NodeTrainingState | undefined {
  try {
    const saved = JSON.parse(readFileSync(path, 'utf8')) as { format?: unknown; fingerprint?: unknown; state?: Record<string, unknown> };
    if (saved.format !== FORMAT || saved.fingerprint !== fingerprint || typeof saved.state !== 'object' || saved.state === null) return undefined;
    return decodeTrainingState(saved.state);
  } catch {
    return undefined;
  }
}

/** Removes the checkpoint once the run's result file supersedes it. */
export function removeTrainingCheckpoint(path: string): void {
  rmSync(path, { force: true });
}
