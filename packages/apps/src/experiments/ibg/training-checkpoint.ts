/**
 * Mid-run checkpoints of one (dataset, split, model) training in `experiment ibg`: the NodeTrainingState that
 * trainNodeClassifier hands over every few epochs and on an abort signal, as JSON with its arrays as base64 of their
 * bytes (exact; 4/3 of the binary size), tagged with the run's fingerprint. A Squirrel IBG-NN run lasts 30–50 min on a
 * shared core, so an interrupted run resumes from its last checkpoint instead of epoch 0, and ends exactly as the
 * uninterrupted run would. (The CLI's Ctrl-C ends the process at once, see experiment-command.ts: it resumes from the
 * last periodic checkpoint.)
 */
import { readFileSync, rmSync } from 'node:fs';
import type { RngState } from '@isinglab/graph';
import { writeJsonAtomic } from '@isinglab/graph/testing';
import type { NodeTrainingState } from '@isinglab/ibg';

const FORMAT = 'isinglab-ibg-training-checkpoint';

function encode(a: Float32Array | Float64Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

function bytesOf(text: unknown, width: number): Buffer {
  if (typeof text !== 'string') throw new Error('not a base64 string');
  const bytes = Buffer.from(text, 'base64');
  if (bytes.byteLength % width !== 0) throw new Error(`${bytes.byteLength} bytes is not a whole number of ${width}-byte values`);
  return bytes;
}

function decode32(text: unknown): Float32Array {
  const bytes = bytesOf(text, 4);
  const out = new Float32Array(bytes.byteLength / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

function decode64(text: unknown): Float64Array {
  const bytes = bytesOf(text, 8);
  const out = new Float64Array(bytes.byteLength / 8);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

/** @internal A NodeTrainingState as JSON-safe data (exported for the tests). */
export function encodeTrainingState(state: NodeTrainingState): Record<string, unknown> {
  return {
    epoch: state.epoch,
    weights: state.weights.map(encode),
    optimizer: { step: state.optimizer.step, firstMoments: state.optimizer.firstMoments.map(encode), secondMoments: state.optimizer.secondMoments.map(encode) },
    ...(state.randomState === undefined ? {} : { randomState: state.randomState }),
    best: state.best,
    bestWeights: state.bestWeights.map(encode),
    losses: encode(state.losses),
    stepMs: encode(state.stepMs),
  };
}

/** @internal The inverse of encodeTrainingState; throws on data of another shape. */
export function decodeTrainingState(data: Record<string, unknown>): NodeTrainingState {
  const list = (x: unknown): Float32Array[] => {
    if (!Array.isArray(x)) throw new Error('not an array');
    return x.map(decode32);
  };
  const optimizer = data.optimizer as Record<string, unknown>;
  return {
    epoch: data.epoch as number,
    weights: list(data.weights),
    optimizer: { step: optimizer.step as number, firstMoments: list(optimizer.firstMoments), secondMoments: list(optimizer.secondMoments) },
    ...(data.randomState === undefined ? {} : { randomState: data.randomState as RngState }),
    best: data.best as NodeTrainingState['best'],
    bestWeights: list(data.bestWeights),
    losses: decode64(data.losses),
    stepMs: decode64(data.stepMs),
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
