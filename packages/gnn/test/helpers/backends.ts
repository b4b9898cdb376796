import * as tf from '@tensorflow/tfjs';
import { useBackend, type BackendName } from '../../src/index.js';

// tfjs prints a "use tfjs-node" banner on the cpu backend's first use in Node unless PROD (or IS_TEST, which also
// turns on kernel leak checks that tfjs' own wasm fusedMatMul fails) is set.
tf.env().set('PROD', true);

/** The backends every tfjs suite runs on (CI has no GPU; webgpu runs on the device machine only). */
export const TEST_BACKENDS: BackendName[] = ['cpu', 'wasm'];

export async function switchTo(name: BackendName): Promise<void> {
  const got = await useBackend({ prefer: [name] });
  if (got !== name || tf.getBackend() !== name) throw new Error(`could not switch to ${name}`);
}

/** Runs `fn` and checks that it leaves no tensor behind. */
export function expectNoLeak(fn: () => void): number {
  const before = tf.memory().numTensors;
  fn();
  return tf.memory().numTensors - before;
}
