/**
 * Worker-thread entry: advances a contiguous range of chains on shared spin and record buffers with exactly the
 * code the main thread uses (internal/chain-runner.ts), then returns the chains' RNG states.
 */
import { parentPort } from 'node:worker_threads';
import { rngFromState, type RngState } from '@isinglab/graph';
import { createRunner, runChainBlock, type RunnerSpec, type RunnerState } from '../internal/chain-runner.js';
import type { WorkerBlock, WorkerInit, WorkerReply } from './protocol.js';

let runner: RunnerState | undefined;
let spins: Int8Array | undefined;
/** One chain's spins in worker-private memory: the kernel's loads and stores stay off the shared buffer. */
let privateChain: Int8Array | undefined;
let firstChain = 0;
let chainEnd = 0;

function post(reply: WorkerReply): void {
  parentPort?.postMessage(reply);
}

function runBlock(block: WorkerBlock): void {
  const r = runner as RunnerState;
  const states: RngState[] = [];
  let work = 0;
  let sweepsDone = 0;
  let lastReport = Date.now();
  const tick = () => {
    sweepsDone++;
    if ((sweepsDone & 15) === 0) {
      const now = Date.now();
      if (now - lastReport > 200) {
        post({ type: 'progress', sweeps: sweepsDone });
        sweepsDone = 0;
        lastReport = now;
      }
    }
  };
  const records = {
    energies: new Float64Array(block.energies),
    magnetisations: new Float64Array(block.magnetisations),
    samples: block.samples === null ? new Int8Array(0) : new Int8Array(block.samples),
    draws: block.draws,
  };
  const shared = spins as Int8Array;
  const local = privateChain as Int8Array;
  const n = local.length;
  for (let c = firstChain; c < chainEnd; c++) {
    const rng = rngFromState(block.rngStates[c - firstChain] as RngState);
    local.set(shared.subarray(c * n, (c + 1) * n));
    work += runChainBlock(r, local, 0, rng, block.start, block.length, records, c, tick);
    shared.set(local, c * n);
    states.push(rng.getState());
  }
  post({ type: 'progress', sweeps: sweepsDone });
  post({ type: 'done', rngStates: states, work });
}

parentPort?.on('message', (message: WorkerInit | WorkerBlock) => {
  try {
    if (message.type === 'init') {
      const spec: RunnerSpec = message.spec;
      runner = createRunner(spec);
      spins = new Int8Array(message.spins);
      privateChain = new Int8Array(spec.model.order);
      firstChain = message.firstChain;
      chainEnd = message.chainEnd;
      post({ type: 'ready' });
    } else {
      runBlock(message);
    }
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) });
  }
});
