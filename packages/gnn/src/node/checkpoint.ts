/**
 * Training checkpoints as one JSON file (weights and optimiser moments as base64 float32), written atomically
 * (temporary file + rename: an interrupted save never leaves half a checkpoint). Node only: import from
 * '@isinglab/gnn/node'.
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { InvalidArgumentError, ParseError } from '@isinglab/graph';
import { writeFileAtomic } from '@isinglab/graph/testing';
import type { Adam, AdamState } from '../training/adam.js';

const FORMAT = 'isinglab-gnn-checkpoint';
const VERSION = 1;

export interface CheckpointContents {
  /** The variables to save, in a fixed order (restored by position). */
  variables: readonly tf.Variable[];
  /** Optimiser whose step and moments are saved. */
  optimizer?: Adam;
  /** Epochs completed. @default 0 */
  epoch?: number;
  /** Any JSON-serialisable data (configs, RNG states, metric history). */
  metadata?: unknown;
}

export interface SavedTensor {
  name: string;
  shape: number[];
  values: Float32Array;
}

export interface Checkpoint {
  epoch: number;
  metadata: unknown;
  weights: SavedTensor[];
  optimizer: AdamState | undefined;
}

function encode(values: Float32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

function decode(text: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  const out = new Float32Array(bytes.byteLength / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

/** Writes a checkpoint to `path` atomically. */
export function saveCheckpoint(path: string, contents: CheckpointContents): void {
  const fn = 'saveCheckpoint';
  if (typeof path !== 'string' || path === '') throw new InvalidArgumentError({ pkg: 'gnn', fn, argument: 'path', value: path, rule: 'a file path' });
  if (!Array.isArray(contents?.variables) || !contents.variables.every((v) => v instanceof tf.Variable)) {
    throw new InvalidArgumentError({ pkg: 'gnn', fn, argument: 'contents.variables', value: contents?.variables, rule: 'an array of tf.Variable' });
  }
  const epoch = contents.epoch ?? 0;
  if (!Number.isInteger(epoch) || epoch < 0) throw new InvalidArgumentError({ pkg: 'gnn', fn, argument: 'contents.epoch', value: epoch, rule: 'an integer ≥ 0' });
  const state = contents.optimizer?.getState();
  const body = {
    format: FORMAT,
    version: VERSION,
    epoch,
    metadata: contents.metadata ?? null,
    weights: contents.variables.map((v) => ({ name: v.name, shape: v.shape, data: encode(Float32Array.from(v.dataSync() as Float32Array)) })),
    optimizer:
      state === undefined
        ? null
        : { step: state.step, firstMoments: state.firstMoments.map(encode), secondMoments: state.secondMoments.map(encode) },
  };
  writeFileAtomic(path, `${JSON.stringify(body)}\n`);
}

/** Reads a checkpoint written by saveCheckpoint; a damaged or foreign file gives a ParseError. */
export function loadCheckpoint(path: string): Checkpoint {
  const fn = 'loadCheckpoint';
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InvalidArgumentError({ pkg: 'gnn', fn, argument: 'path', value: path, rule: 'a readable checkpoint file', hint: (error as Error).message });
  }
  const fail = (expected: string, found: string) => new ParseError({ pkg: 'gnn', fn, file: path, line: 0, column: 0, expected, found });
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw fail('a JSON checkpoint', 'text that is not valid JSON (truncated?)');
  }
  if (body?.format !== FORMAT) throw fail(`"format": "${FORMAT}"`, String(body?.format));
  if (body.version !== VERSION) throw fail(`"version": ${VERSION}`, String(body.version));
  const weights = body.weights as { name?: unknown; shape?: unknown; data?: unknown }[] | undefined;
  if (!Array.isArray(weights)) throw fail('a "weights" array', typeof body.weights);
  const saved = weights.map((w, k) => {
    if (typeof w?.name !== 'string' || !Array.isArray(w.shape) || typeof w.data !== 'string') throw fail(`weights[${k}] with name, shape and data`, JSON.stringify(w).slice(0, 80));
    const values = decode(w.data);
    const size = (w.shape as number[]).reduce((a, b) => a * b, 1);
    if (values.length !== size) throw fail(`weights[${k}] with ${size} values for shape [${(w.shape as number[]).join(', ')}]`, `${values.length} values`);
    return { name: w.name, shape: w.shape as number[], values };
  });
  const opt = body.optimizer as { step?: unknown; firstMoments?: unknown; secondMoments?: unknown } | null;
  let optimizer: AdamState | undefined;
  if (opt !== null && opt !== undefined) {
    if (!Number.isInteger(opt.step) || !Array.isArray(opt.firstMoments) || !Array.isArray(opt.secondMoments)) throw fail('an optimizer with step and moments', JSON.stringify(opt).slice(0, 80));
    optimizer = { step: opt.step as number, firstMoments: (opt.firstMoments as string[]).map(decode), secondMoments: (opt.secondMoments as string[]).map(decode) };
  }
  return { epoch: body.epoch as number, metadata: body.metadata, weights: saved, optimizer };
}

/** Assigns saved weights to variables by position (shapes must match) and restores the optimiser if given. */
export function restoreCheckpoint(checkpoint: Checkpoint, variables: readonly tf.Variable[], optimizer?: Adam): void {
  const fn = 'restoreCheckpoint';
  if (variables.length !== checkpoint.weights.length) {
    throw new InvalidArgumentError({ pkg: 'gnn', fn, argument: 'variables', value: `${variables.length} variables`, rule: `as many variables as the checkpoint holds (${checkpoint.weights.length})` });
  }
  variables.forEach((v, k) => {
    const w = checkpoint.weights[k] as SavedTensor;
    if (v.shape.join() !== w.shape.join()) {
      throw new InvalidArgumentError({ pkg: 'gnn', fn, argument: `variables[${k}]`, value: `shape [${v.shape.join(', ')}]`, rule: `shape [${w.shape.join(', ')}] of saved weight '${w.name}'` });
    }
  });
  variables.forEach((v, k) => tf.tidy(() => v.assign(tf.tensor((checkpoint.weights[k] as SavedTensor).values, v.shape))));
  if (optimizer !== undefined) {
    if (checkpoint.optimizer === undefined) throw new InvalidArgumentError({ pkg: 'gnn', fn, argument: 'optimizer', value: 'an Adam', rule: 'absent: the checkpoint holds no optimiser state' });
    optimizer.setState(checkpoint.optimizer);
  }
}
