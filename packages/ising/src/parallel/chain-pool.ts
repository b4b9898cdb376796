/**
 * A pool of worker threads each owning a contiguous range of chains. Chains live in SharedArrayBuffers, so a
 * block of sweeps costs two messages per worker, not a copy of the spins.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RngState } from '@isinglab/graph';
import type { RunnerSpec } from '../internal/chain-runner.js';
import type { WorkerBlock, WorkerReply } from './protocol.js';

export interface PoolBlockResult {
  rngStates: RngState[];
  work: number;
}

export class ChainPool {
  private readonly workers: Worker[] = [];
  private readonly ranges: [number, number][] = [];

  private constructor() {}

  /** Starts `workerCount` workers over `chains` chains (contiguous ranges, sizes differing by at most one). */
  static async start(spec: RunnerSpec, spins: SharedArrayBuffer, chains: number, workerCount: number): Promise<ChainPool> {
    const pool = new ChainPool();
    const count = Math.min(workerCount, chains);
    let first = 0;
    try {
      for (let w = 0; w < count; w++) {
        const size = Math.floor(chains / count) + (w < chains % count ? 1 : 0);
        const worker = spawnChainWorker();
        pool.workers.push(worker);
        pool.ranges.push([first, first + size]);
        first += size;
      }
      await Promise.all(
        pool.workers.map((worker, w) => {
          const [a, b] = pool.ranges[w] as [number, number];
          return request(worker, { type: 'init', spec, spins, firstChain: a, chainEnd: b }, undefined);
        }),
      );
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  get chainRanges(): readonly (readonly [number, number])[] {
    return this.ranges;
  }

  /** Runs one block on every worker; `onSweeps(k)` reports k more chain-sweeps done. */
  async runBlock(
    block: Omit<WorkerBlock, 'type' | 'rngStates'>,
    rngStates: readonly RngState[],
    onSweeps: (sweeps: number) => void,
  ): Promise<PoolBlockResult> {
    const replies = await Promise.all(
      this.workers.map((worker, w) => {
        const [a, b] = this.ranges[w] as [number, number];
        return request(worker, { ...block, type: 'block', rngStates: rngStates.slice(a, b) }, onSweeps);
      }),
    );
    const states: RngState[] = [];
    let work = 0;
    for (const reply of replies) {
      if (reply.type !== 'done') throw new Error('chain worker: unexpected reply');
      states.push(...reply.rngStates);
      work += reply.work;
    }
    return { rngStates: states, work };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers.length = 0;
  }
}

function request(worker: Worker, message: unknown, onSweeps: ((sweeps: number) => void) | undefined): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: WorkerReply) => {
      if (reply.type === 'progress') {
        onSweeps?.(reply.sweeps);
        return;
      }
      cleanup();
      if (reply.type === 'error') reject(new Error(`@isinglab/ising chain worker failed: ${reply.message}`));
      else resolve(reply);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new Error(`@isinglab/ising chain worker exited early (code ${code})`));
    };
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(message);
  });
}

/**
 * The compiled package ships `chain-worker.js` beside this file. When running from TypeScript sources (this
 * repository's tests) only `chain-worker.ts` exists; it is then loaded through tsx, a development dependency.
 */
function spawnChainWorker(): Worker {
  const jsUrl = new URL('./chain-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(jsUrl))) return new Worker(jsUrl);
  const tsUrl = pathToFileURL(fileURLToPath(new URL('./chain-worker.ts', import.meta.url))).href;
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(tsUrl)}); })`;
  return new Worker(bootstrap, { eval: true });
}
