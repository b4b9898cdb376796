/**
 * @isinglab/ising benchmarks (`pnpm --filter @isinglab/ising bench`):
 *  1. colour-parallel Metropolis spin-flip attempts per nanosecond, one thread, on a 256×256 periodic lattice and on
 *     a random 3-regular graph with 10^6 nodes, beside the plain C sweep in bench/metropolis-sweep.c compiled with
 *     `cc -O3` in the same run (same CSR, same colour order, same xoshiro128** stream: the two must produce the
 *     same chain, which the table reports);
 *  2. the same sweep on 2 worker threads (2 chains) against 1 chain on one thread, beside the machine's ceiling:
 *     two independent processes of the C sweep against one;
 *  3. Wolff vs Metropolis: integrated autocorrelation time of |m| at β_c on a 64×64 torus.
 * Prints a table and writes bench/out/ising.json. Options: --quick (smaller sweeps), --no-c.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng, randomRegularGraph, squareLattice, type Graph } from '@isinglab/graph';
import { benchEnvironment, formatTable, writeJsonAtomic } from '@isinglab/graph/testing';
import { createIsingModel, type IsingModel } from '../src/model/index.js';
import { randomSpins } from '../src/model/random-spins.js';
import { updateSchedule, sampleIsingSync, type UpdateSchedule } from '../src/samplers/index.js';
import { singleSpinSweeps, RULE_METROPOLIS } from '../src/internal/single-spin-kernel.js';
import { SAMPLER_CODES } from '../src/internal/chain-runner.js';
import { ChainPool } from '../src/parallel/chain-pool.js';
import { integratedAutocorrelationTime } from '../src/diagnostics/index.js';
import { ISING_CRITICAL_BETA } from '../src/exact/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, 'out');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
mkdirSync(outDir, { recursive: true });

function compileC(): string | undefined {
  if (args.includes('--no-c')) return undefined;
  const exe = join(outDir, 'metropolis-sweep');
  for (const cc of ['cc', 'gcc', 'clang']) {
    try {
      execFileSync(cc, ['-O3', '-o', exe, join(here, 'metropolis-sweep.c'), '-lm'], { stdio: 'ignore' });
      return exe;
    } catch {
      // try the next compiler
    }
  }
  process.stderr.write('bench: no C compiler found (cc, gcc, clang): the C baseline is skipped.\n');
  return undefined;
}

function writeCInput(path: string, model: IsingModel, schedule: UpdateSchedule, spins: Int8Array, words: readonly number[]): void {
  const g = model.graph;
  const n = model.order;
  const parts: Buffer[] = [];
  const header = Buffer.alloc(4 * 3 + 8 + 16 + 4 + 8);
  let o = header.writeInt32LE(n, 0);
  o = header.writeInt32LE(g.targets.length, o);
  o = header.writeInt32LE(g.size, o);
  o = header.writeDoubleLE(model.beta, o);
  for (const w of words) o = header.writeUInt32LE(w, o);
  o = header.writeInt32LE(model.uniformCoupling === undefined ? 0 : 1, o);
  header.writeDoubleLE(model.uniformCoupling ?? 0, o);
  parts.push(header);
  for (const a of [g.offsets, g.targets, g.edgeIds, model.couplings, model.fields, schedule.order, spins]) {
    parts.push(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
  }
  writeFileSync(path, Buffer.concat(parts));
}

interface SweepRow {
  workload: string;
  nodes: number;
  sweeps: number;
  jsAttemptsPerNs: number;
  cAttemptsPerNs: number | null;
  ratio: number | null;
  sameChain: boolean | null;
  /** The C sweep with the same degree-3/4 unrolling as the JS kernel (information; the goal is against plain C). */
  cUnrolledAttemptsPerNs: number | null;
  ratioUnrolled: number | null;
}

function sweepBench(name: string, graph: Graph, beta: number, sweeps: number, repeats: number, cExe: string | undefined): SweepRow {
  const model = createIsingModel(graph, { beta });
  const schedule = updateSchedule(graph);
  const start = randomSpins(model.order, 1, createRng(1));
  const rng = createRng(7);
  const words = rng.getState().words;
  // JS: the first repeat also provides the chain compared with C (same start, same stream).
  const spins = start.slice();
  const times: number[] = [];
  let firstFlips = 0;
  for (let r = 0; r < repeats + 1; r++) {
    const t0 = process.hrtime.bigint();
    const flips = singleSpinSweeps(model, schedule, spins, 0, rng, sweeps, RULE_METROPOLIS, beta);
    const dt = Number(process.hrtime.bigint() - t0);
    if (r === 0) firstFlips = flips;
    else times.push(dt); // the first run is JIT warm-up
  }
  const attempts = model.order * sweeps;
  const jsBest = Math.min(...times);
  let cBest: number | null = null;
  let cUnrolledBest: number | null = null;
  let same: boolean | null = null;
  if (cExe !== undefined) {
    const input = join(outDir, `${name}.bin`);
    writeCInput(input, model, schedule, start, words);
    const runC = (extra: string[]) => {
      const out = execFileSync(cExe, [input, String(sweeps), String(repeats + 1), ...extra], { encoding: 'utf8' }).trim().split('\n');
      const runs = out.slice(0, repeats + 1).map((l) => l.split(' ').map(Number) as [number, number]);
      // C's first repeat starts from the same state and stream as JS's first repeat.
      return { best: Math.min(...runs.slice(1).map((r) => r[0])), firstFlips: runs[0]![1] };
    };
    try {
      const plain = runC([]);
      const unrolled = runC(['unrolled']);
      cBest = plain.best;
      cUnrolledBest = unrolled.best;
      same = plain.firstFlips === firstFlips && unrolled.firstFlips === firstFlips;
    } finally {
      rmSync(input, { force: true });
    }
  }
  return {
    workload: name,
    nodes: model.order,
    sweeps,
    jsAttemptsPerNs: attempts / jsBest,
    cAttemptsPerNs: cBest === null ? null : attempts / cBest,
    ratio: cBest === null ? null : cBest / jsBest,
    sameChain: same,
    cUnrolledAttemptsPerNs: cUnrolledBest === null ? null : attempts / cUnrolledBest,
    ratioUnrolled: cUnrolledBest === null ? null : cUnrolledBest / jsBest,
  };
}

async function workerBench(graph: Graph, beta: number, sweeps: number): Promise<{ single: number; parallel: number; ratio: number }> {
  const model = createIsingModel(graph, { beta });
  const schedule = updateSchedule(graph);
  const n = model.order;
  const spec = { model, schedule, sampler: SAMPLER_CODES.metropolis, betaEff: beta, rule: RULE_METROPOLIS, burnIn: 1 << 30, thin: 1 };
  // one thread, one chain
  const one = randomSpins(n, 1, createRng(3));
  const rng = createRng(4);
  singleSpinSweeps(model, schedule, one, 0, rng, 2, RULE_METROPOLIS, beta);
  // best of 3 on both sides: the machine's noise is one-sided
  let singleMs = Infinity;
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    singleSpinSweeps(model, schedule, one, 0, rng, sweeps, RULE_METROPOLIS, beta);
    singleMs = Math.min(singleMs, performance.now() - t0);
  }
  // two workers, two chains, shared memory
  const shared = new SharedArrayBuffer(2 * n);
  new Int8Array(shared).set(randomSpins(n, 2, createRng(5)));
  const pool = await ChainPool.start(spec, shared, 2, 2);
  const empty = { draws: 0, energies: new SharedArrayBuffer(0), magnetisations: new SharedArrayBuffer(0), samples: null };
  const states = [createRng(6).getState(), createRng(7).getState()];
  try {
    await pool.runBlock({ ...empty, start: 0, length: 2 }, states, () => {});
    let parallelMs = Infinity;
    for (let r = 0; r < 3; r++) {
      const t0 = performance.now();
      await pool.runBlock({ ...empty, start: 2 + r * sweeps, length: sweeps }, states, () => {});
      parallelMs = Math.min(parallelMs, performance.now() - t0);
    }
    const single = (n * sweeps) / (singleMs * 1e6);
    const parallel = (2 * n * sweeps) / (parallelMs * 1e6);
    return { single, parallel, ratio: parallel / single };
  } finally {
    await pool.close();
  }
}

/**
 * The machine's own ceiling for two threads: the plain C sweep run as two independent processes at once against
 * one process alone (mean time per repeat). Workers cannot scale better than this.
 */
async function processScaling(cExe: string, graph: Graph, beta: number, sweeps: number): Promise<number> {
  const model = createIsingModel(graph, { beta });
  const schedule = updateSchedule(graph);
  const input = join(outDir, 'process-scaling.bin');
  writeCInput(input, model, schedule, randomSpins(model.order, 1, createRng(1)), createRng(2).getState().words);
  const run = promisify(execFile);
  const meanNs = (stdout: string) => {
    const ns = stdout.trim().split('\n').slice(1, -1).map((l) => Number(l.split(' ')[0]));
    return ns.reduce((a, b) => a + b, 0) / ns.length;
  };
  try {
    const repeats = '6';
    const alone = meanNs((await run(cExe, [input, String(sweeps), repeats])).stdout);
    const pair = await Promise.all([run(cExe, [input, String(sweeps), repeats]), run(cExe, [input, String(sweeps), repeats])]);
    return (2 * alone) / Math.max(...pair.map((p) => meanNs(p.stdout)));
  } finally {
    rmSync(input, { force: true });
  }
}

function autocorrelationBench(sweepsMetropolis: number, sweepsWolff: number) {
  const beta = ISING_CRITICAL_BETA;
  const model = createIsingModel(squareLattice(64, 64, { periodic: true }), { beta });
  const rows = [];
  for (const [sampler, sweeps] of [['metropolis', sweepsMetropolis], ['wolff', sweepsWolff]] as const) {
    const t0 = performance.now();
    const run = sampleIsingSync(model, { rng: createRng(11), sampler, chains: 1, sweeps, burnIn: Math.floor(sweeps / 10) });
    const ms = performance.now() - t0;
    const absM = run.magnetisations.map(Math.abs);
    const tau = integratedAutocorrelationTime(absM).tau;
    rows.push({ sampler, sweeps, tauSweeps: tau, msPerSweep: ms / (sweeps + Math.floor(sweeps / 10)) });
  }
  return rows;
}

async function main(): Promise<void> {
  const env = benchEnvironment();
  const cExe = compileC();
  const sweepRows = [
    sweepBench('torus-256x256', squareLattice(256, 256, { periodic: true }), 0.4407, quick ? 20 : 100, quick ? 2 : 5, cExe),
    sweepBench('random-3-regular-1e6', randomRegularGraph(1_000_000, 3, { rng: createRng(3) }), 0.5, quick ? 2 : 5, quick ? 2 : 5, cExe),
  ];
  const workers = await workerBench(squareLattice(256, 256, { periodic: true }), 0.4407, quick ? 50 : 300);
  const twoProcessSpeedup = cExe === undefined ? null : await processScaling(cExe, squareLattice(256, 256, { periodic: true }), 0.4407, quick ? 20 : 60);
  const acf = autocorrelationBench(quick ? 20000 : 100000, quick ? 2000 : 10000);
  const result = { environment: env, sweeps: sweepRows, workers: { ...workers, twoProcessSpeedup }, autocorrelation: acf };
  writeJsonAtomic(join(outDir, 'ising.json'), result);
  console.log(`@isinglab/ising bench — ${env.cpu}, ${env.cores} cores, Node ${env.node}, commit ${env.commit}`);
  console.log('\nColour-parallel Metropolis, one thread (attempts per ns; goal JS/C >= 0.7 against the plain C sweep; C unrolled: the same degree-3/4 unrolling as JS)');
  console.log(
    formatTable([
      ['workload', 'nodes', 'sweeps', 'JS att/ns', 'C att/ns', 'JS/C', 'C unrolled att/ns', 'JS/C unrolled', 'same chain'],
      ...sweepRows.map((r) => [
        r.workload,
        r.nodes,
        r.sweeps,
        r.jsAttemptsPerNs,
        r.cAttemptsPerNs ?? 'n/a',
        r.ratio ?? 'n/a',
        r.cUnrolledAttemptsPerNs ?? 'n/a',
        r.ratioUnrolled ?? 'n/a',
        r.sameChain === null ? 'n/a' : r.sameChain ? 'yes' : 'NO',
      ]),
    ]),
  );
  console.log('\nTwo worker threads, 2 chains vs 1 chain on one thread, 256x256 torus (goal >= 1.7x)');
  console.log(
    formatTable(
      [
        ['1 thread att/ns', '2 workers att/ns', 'speedup', 'C: 2 processes vs 1', 'speedup / machine ceiling'],
        [workers.single, workers.parallel, workers.ratio, twoProcessSpeedup ?? 'n/a', twoProcessSpeedup === null ? 'n/a' : workers.ratio / twoProcessSpeedup],
      ],
      { leftAlignedColumns: 0 },
    ),
  );
  console.log('\nIntegrated autocorrelation time of |m| at beta_c, 64x64 torus');
  const m = acf[0]!;
  const w = acf[1]!;
  console.log(
    formatTable([
      ['sampler', 'sweeps', 'tau (sweeps)', 'ms/sweep', 'ms per independent draw'],
      ...acf.map((r) => [r.sampler, r.sweeps, r.tauSweeps, r.msPerSweep, 2 * r.tauSweeps * r.msPerSweep]),
    ]),
  );
  console.log(`Wolff/Metropolis: tau ratio ${(m.tauSweeps / w.tauSweeps).toFixed(1)}x fewer sweeps, ${((m.tauSweeps * m.msPerSweep) / (w.tauSweeps * w.msPerSweep)).toFixed(1)}x less time per independent draw`);
  console.log(`\nwrote ${join(outDir, 'ising.json')}`);
}

await main();
