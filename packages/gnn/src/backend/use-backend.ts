/**
 * Picking a tfjs backend. The library itself never switches backends; callers (apps, the CLI, tests) call
 * `useBackend` when they want one. Node: wasm first (fast, offline), then cpu. Browsers: webgpu, wasm, cpu.
 */
import * as tf from '@tensorflow/tfjs';
import { InvalidArgumentError, checkOptions } from '@isinglab/graph';

export type BackendName = 'webgpu' | 'wasm' | 'cpu';

const KNOWN: readonly BackendName[] = ['webgpu', 'wasm', 'cpu'];

export interface UseBackendOptions {
  /** Backends to try, in order. @default ['wasm', 'cpu'] in Node, ['webgpu', 'wasm', 'cpu'] in browsers */
  prefer?: readonly BackendName[];
}

const SITE = { pkg: 'gnn', fn: 'useBackend' } as const;

function inNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}

/**
 * Registers a backend's package when it is installed (wasm: `@tensorflow/tfjs-backend-wasm`, webgpu:
 * `@tensorflow/tfjs-backend-webgpu`); true when tfjs now knows the backend. Does not switch to it.
 */
export async function registerBackend(name: BackendName): Promise<boolean> {
  if (!KNOWN.includes(name)) {
    throw new InvalidArgumentError({ ...SITE, fn: 'registerBackend', argument: 'name', value: name, rule: `one of ${KNOWN.join(', ')}` });
  }
  if (tf.findBackendFactory(name) !== null) return true;
  try {
    // Optional peers: the specifier is computed so bundlers and tsc do not require them to be installed.
    const specifier = `@tensorflow/tfjs-backend-${name}`;
    await import(specifier);
  } catch {
    return false;
  }
  return tf.findBackendFactory(name) !== null;
}

/**
 * Switches tfjs to the first backend of `prefer` that registers and initialises; returns its name. Throws
 * InvalidArgumentError when none does.
 * @example await useBackend() // 'wasm' in Node when @tensorflow/tfjs-backend-wasm is installed
 */
export async function useBackend(options: UseBackendOptions = {}): Promise<BackendName> {
  const opts = checkOptions<UseBackendOptions>(SITE, options, ['prefer']);
  const prefer = opts.prefer ?? (inNode() ? ['wasm', 'cpu'] : ['webgpu', 'wasm', 'cpu']);
  if (!Array.isArray(prefer) || prefer.length === 0 || prefer.some((b) => !KNOWN.includes(b))) {
    throw new InvalidArgumentError({ ...SITE, argument: 'options.prefer', value: prefer, rule: `a non-empty list of ${KNOWN.join(', ')}` });
  }
  const tried: string[] = [];
  for (const name of prefer) {
    if (!(await registerBackend(name))) {
      tried.push(`${name} (package not installed)`);
      continue;
    }
    if (tf.getBackend() === name) return name;
    // setBackend resolves false when the backend fails to initialise (e.g. no WebGPU adapter)
    if (await tf.setBackend(name)) {
      await tf.ready();
      return name;
    }
    tried.push(`${name} (failed to initialise)`);
  }
  throw new InvalidArgumentError({ ...SITE, argument: 'options.prefer', value: prefer, rule: 'a list with at least one usable backend', hint: `Tried: ${tried.join(', ')}.` });
}
