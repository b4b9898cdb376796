/** Messages between the sampler driver and its chain workers. */
import type { RngState } from '@isinglab/graph';
import type { RunnerSpec } from '../internal/chain-runner.js';

export interface WorkerInit {
  type: 'init';
  spec: RunnerSpec;
  /** SharedArrayBuffer holding all chains' spins (C·N bytes). */
  spins: SharedArrayBuffer;
  firstChain: number;
  chainEnd: number;
}

export interface WorkerBlock {
  type: 'block';
  start: number;
  length: number;
  draws: number;
  energies: SharedArrayBuffer;
  magnetisations: SharedArrayBuffer;
  samples: SharedArrayBuffer | null;
  /** RNG states of this worker's chains, in chain order. */
  rngStates: RngState[];
}

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'progress'; sweeps: number }
  | { type: 'done'; rngStates: RngState[]; work: number }
  | { type: 'error'; message: string };
