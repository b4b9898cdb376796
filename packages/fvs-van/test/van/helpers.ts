// Shared by the VAN suites: backends, brute-force references written plainly (independent of the code under test).
import * as tf from '@tensorflow/tfjs';
import { createRng } from '@isinglab/graph';
import { useBackend, type BackendName } from '@isinglab/gnn';
import { InvalidArgumentError } from '@isinglab/graph';
import { expect } from '@jest/globals';

// PROD silences tfjs' "use tfjs-node" banner; IS_TEST would turn on kernel leak checks that tfjs' own wasm kernels fail.
tf.env().set('PROD', true);

export const TEST_BACKENDS: BackendName[] = ['cpu', 'wasm'];

export async function switchTo(name: BackendName): Promise<void> {
  const got = await useBackend({ prefer: [name] });
  if (got !== name || tf.getBackend() !== name) throw new Error(`could not switch to ${name}`);
}

/** All 2^n configurations, configuration c at [c·n, (c+1)·n), spin i = bit i of c (1 → +1). */
export function allConfigurations(n: number): Int8Array {
  const out = new Int8Array((1 << n) * n);
  for (let c = 0; c < 1 << n; c++) for (let i = 0; i < n; i++) out[c * n + i] = (c >> i) & 1 ? 1 : -1;
  return out;
}

export function logSumExp(values: ArrayLike<number>): number {
  let max = -Infinity;
  for (let k = 0; k < values.length; k++) max = Math.max(max, values[k]!);
  let s = 0;
  for (let k = 0; k < values.length; k++) s += Math.exp(values[k]! - max);
  return max + Math.log(s);
}

/** A small Ising model written out: E(s) = −Σ J_ij s_i s_j − Σ h_i s_i. */
export interface SmallIsing {
  n: number;
  edges: [number, number, number][];
  fields: number[];
  beta: number;
}

export function ferromagneticRing(n: number, beta: number): SmallIsing {
  const edges: [number, number, number][] = [];
  for (let i = 0; i < n; i++) edges.push([i, (i + 1) % n, 1]);
  return { n, edges, fields: new Array(n).fill(0), beta };
}

/** W×H open grid, ±J couplings and uniform fields in [−hMax, hMax] from a seeded stream. */
export function spinGlassGrid(w: number, h: number, beta: number, seed: number, hMax: number): SmallIsing {
  const r = createRng(seed);
  const id = (x: number, y: number) => y * w + x;
  const edges: [number, number, number][] = [];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (x + 1 < w) edges.push([id(x, y), id(x + 1, y), r.float64() < 0.5 ? -1 : 1]);
      if (y + 1 < h) edges.push([id(x, y), id(x, y + 1), r.float64() < 0.5 ? -1 : 1]);
    }
  }
  const fields = Array.from({ length: w * h }, () => hMax * (2 * r.float64() - 1));
  return { n: w * h, edges, fields, beta };
}

/** The target log p̃ = −βE as a plain callback. */
export function targetOf(model: SmallIsing): (spins: Int8Array, batch: number, out: Float64Array) => void {
  const { n, edges, fields, beta } = model;
  return (spins, batch, out) => {
    for (let b = 0; b < batch; b++) {
      const o = b * n;
      let e = 0;
      for (const [i, j, J] of edges) e -= J * spins[o + i]! * spins[o + j]!;
      for (let i = 0; i < n; i++) e -= fields[i]! * spins[o + i]!;
      out[b] = -beta * e;
    }
  };
}

export interface Exact {
  logZ: number;
  /** log p(s) of every configuration of allConfigurations(n). */
  logP: Float64Array;
  magnetisations: Float64Array;
  /** ⟨s_i s_j⟩, n×n. */
  correlations: Float64Array;
}

/** Brute force over all 2^n configurations. */
export function exactIsing(model: SmallIsing): Exact {
  const n = model.n;
  const all = allConfigurations(n);
  const lp = new Float64Array(1 << n);
  targetOf(model)(all, 1 << n, lp);
  const logZ = logSumExp(lp);
  const m = new Float64Array(n);
  const c = new Float64Array(n * n);
  for (let k = 0; k < 1 << n; k++) {
    lp[k] = lp[k]! - logZ;
    const p = Math.exp(lp[k]!);
    for (let i = 0; i < n; i++) {
      m[i] = m[i]! + p * all[k * n + i]!;
      for (let j = 0; j < n; j++) c[i * n + j] = c[i * n + j]! + p * all[k * n + i]! * all[k * n + j]!;
    }
  }
  return { logZ, logP: lp, magnetisations: m, correlations: c };
}

/** Asserts `fn` throws an InvalidArgumentError naming `argument`. */
export function expectInvalid(fn: () => unknown, argument: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(InvalidArgumentError.isInstance(caught)).toBe(true);
  expect((caught as InvalidArgumentError).argument).toBe(argument);
}

export async function expectInvalidAsync(fn: () => Promise<unknown>, argument: string): Promise<void> {
  let caught: unknown;
  try {
    await fn();
  } catch (err) {
    caught = err;
  }
  expect(InvalidArgumentError.isInstance(caught)).toBe(true);
  expect((caught as InvalidArgumentError).argument).toBe(argument);
}
