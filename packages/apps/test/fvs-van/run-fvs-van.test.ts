import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { IsingLabError, createRng, erdosRenyiGnm, type InvalidArgumentError } from '@isinglab/graph';
import { findDataDir } from '@isinglab/graph/testing';
import { createIsingModel, type IsingModel } from '@isinglab/ising';
import { useBackend } from '@isinglab/gnn';
import { FVS_VAN_CONFIGS, checkpointPath, runFvsVan, type FvsVanRunConfig } from '../../src/experiments/fvs-van/run-fvs-van.js';
import { exactByFvsEnumeration, mcmcEdgeCorrelations } from '../../src/experiments/fvs-van/references.js';
import { censoredBlockModel } from '../../src/experiments/fvs-van/block-model.js';
import { polblogsLargestComponent } from '../../src/experiments/fvs-van/polblogs.js';
import { taskId, type FvsVanTask, type VanTraining } from '../../src/experiments/fvs-van/tasks.js';
import { experimentFvsVan } from '../../src/commands/experiment-fvs-van.js';

tf.env().set('PROD', true);
beforeAll(async () => {
  await useBackend();
});
const dir = mkdtempSync(join(tmpdir(), 'isinglab-fvs-van-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// smoke size: a few epochs of tiny batches, 4×4 lattice, short MCMC
const TRAIN: VanTraining = { hidden: [2], epochs: 4, batchSize: 32, learningRate: 1e-2, learningRateMin: 1e-4, betaAnneal: 0.9, samples: 400 };
const MCMC = { chains: 2, sweeps: 40, burnIn: 10 };
const tiny = (karateEpochs = 4, seed = 1): FvsVanRunConfig => ({
  name: 'tiny',
  seed,
  tasks: [
    { kind: 'karate', beta: 0.3, training: { ...TRAIN, epochs: karateEpochs }, mcmc: MCMC },
    { kind: 'lattice', size: 4, beta: 0.4, training: TRAIN, wholeVan: true },
    { kind: 'spin-glass', graph: 'random-regular', n: 12, degree: 3, couplings: 'pm', beta: 1, instance: 2, training: TRAIN, mcmc: MCMC },
    { kind: 'block-model', n: 12, k: 4, rewire: 0.1, noise: 0.2, instance: 3, training: TRAIN, mcmc: MCMC },
  ],
});

const noTemporaries = (folder: string) => {
  // atomic writes rename a temporary file into place: none may be left behind
  for (const f of readdirSync(folder, { recursive: true }) as string[]) expect(f).toMatch(/^(results\.json|results\.svg|checkpoints(\/[\w.-]+\.json)?)$/);
};

describe('the FVS-VAN experiment runner', () => {
  it('writes results.json and results.svg atomically, and a resumed run recomputes nothing', async () => {
    const out = join(dir, 'resume');
    const before = tf.memory().numTensors;
    const first = await runFvsVan(tiny(), { outDir: out });
    expect(tf.memory().numTensors).toBe(before);
    expect(first.computed).toEqual(tiny().tasks.map(taskId));
    noTemporaries(out);
    const json = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { complete: boolean; results: { id: string; kind: string }[] };
    expect(json.complete).toBe(true);
    expect(json.results.map((r) => r.kind)).toEqual(['karate', 'lattice', 'spin-glass', 'block-model']);
    const svg = readFileSync(join(out, 'results.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).not.toMatch(/NaN|undefined/);

    const stamps = tiny().tasks.map((t) => statSync(checkpointPath(out, t)).mtimeMs);
    const skipped: string[] = [];
    const second = await runFvsVan(tiny(), { outDir: out, onSkip: (id) => skipped.push(id), onProgress: () => { throw new Error('a finished task was retrained'); } });
    expect(second.computed).toEqual([]);
    expect(skipped).toEqual(tiny().tasks.map(taskId));
    expect(second.results).toEqual(first.results);
    expect(tiny().tasks.map((t) => statSync(checkpointPath(out, t)).mtimeMs)).toEqual(stamps);
  }, 60_000);

  it('resumes after an interrupt from the last finished task and the last training chunk, exactly', async () => {
    const out = join(dir, 'interrupt');
    const controller = new AbortController();
    // abort in the third task (the spin glass) after its second epoch: tasks 1–2 and two training chunks survive
    const interrupted = runFvsVan(tiny(), { outDir: out, signal: controller.signal, onProgress: (p) => { if (p.taskIndex === 3 && p.epoch === 2) controller.abort(new Error('stop')); } });
    await expect(interrupted).rejects.toThrow('stop');
    const glass = tiny().tasks[2] as FvsVanTask;
    expect(existsSync(join(out, 'checkpoints', `${taskId(glass)}.training.json`))).toBe(true);
    const epochsSeen: number[] = [];
    const resumed = await runFvsVan(tiny(), { outDir: out, onProgress: (p) => { if (p.taskIndex === 3) epochsSeen.push(p.epoch); } });
    expect(resumed.computed).toEqual(tiny().tasks.slice(2).map(taskId));
    expect(epochsSeen).toEqual([3, 4]);
    noTemporaries(out);
    // the same task run without interruption: identical numbers (only wall times differ)
    const straight = await runFvsVan({ ...tiny(), tasks: [glass] }, { outDir: join(dir, 'straight') });
    const strip = (r: unknown) => JSON.parse(JSON.stringify(r, (k, v: unknown) => (['seconds', 'epochMs', 'mcmcSeconds'].includes(k) ? 0 : v))) as unknown;
    expect(strip(resumed.results[2])).toEqual(strip(straight.results[0]));
  }, 60_000);

  it('does not reuse checkpoints of a different configuration', async () => {
    const out = join(dir, 'changed');
    await runFvsVan(tiny(), { outDir: out });
    const changed = await runFvsVan(tiny(5), { outDir: out });
    expect(changed.computed).toEqual([taskId(tiny().tasks[0] as FvsVanTask)]);
    const reseeded = await runFvsVan(tiny(5, 2), { outDir: out });
    expect(reseeded.computed).toEqual(tiny().tasks.map(taskId));
  }, 60_000);

  it('the command rejects an unknown configuration with a typed error', async () => {
    const io = { out: () => undefined, err: () => undefined };
    const error = await experimentFvsVan({ config: 'nope' }, io, { outDir: join(dir, 'nope') }).catch((e: unknown) => e);
    expect(IsingLabError.isInstance(error)).toBe(true);
    expect((error as InvalidArgumentError).argument).toBe('--config');
    expect((error as Error).message).toContain('quick, paper');
    expect(Object.keys(FVS_VAN_CONFIGS)).toEqual(['quick', 'paper']);
  });

  it('the command prints both tables and writes into its folder', async () => {
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: () => undefined };
    const config: FvsVanRunConfig = { ...tiny(), tasks: tiny().tasks.slice(0, 2) };
    expect(await experimentFvsVan({ config: 'tiny' }, io, { configOverride: config, outDir: join(dir, 'command') })).toBe(0);
    const text = lines.join('\n');
    expect(text).toContain('Lattice ferromagnet');
    expect(text).toContain('karate-beta0.3');
    expect(readdirSync(join(dir, 'command')).sort()).toEqual(['checkpoints', 'results.json', 'results.svg']);
  }, 60_000);
});

/** Brute force over all 2^N states: log Z, ⟨s_i⟩ and ⟨s_u s_v⟩ per edge id. */
function bruteForce(model: IsingModel): { logZ: number; m: Float64Array; c: Float64Array } {
  const g = model.graph;
  const n = model.order;
  const logWeights: number[] = [];
  const states: Int8Array[] = [];
  for (let mask = 0; mask < 1 << n; mask++) {
    const s = new Int8Array(n);
    for (let i = 0; i < n; i++) s[i] = (mask >> i) & 1 ? 1 : -1;
    let h = 0;
    for (let i = 0; i < n; i++) h += (model.fields[i] as number) * (s[i] as number);
    for (let e = 0; e < g.size; e++) h += (model.couplings[e] as number) * (s[g.edgeSources[e] as number] as number) * (s[g.edgeTargets[e] as number] as number);
    logWeights.push(model.beta * h);
    states.push(s);
  }
  const top = Math.max(...logWeights);
  let z = 0;
  const m = new Float64Array(n);
  const c = new Float64Array(g.size);
  states.forEach((s, k) => {
    const w = Math.exp((logWeights[k] as number) - top);
    z += w;
    for (let i = 0; i < n; i++) m[i] = (m[i] as number) + w * (s[i] as number);
    for (let e = 0; e < g.size; e++) c[e] = (c[e] as number) + w * (s[g.edgeSources[e] as number] as number) * (s[g.edgeTargets[e] as number] as number);
  });
  return { logZ: top + Math.log(z), m: m.map((v) => v / z), c: c.map((v) => v / z) };
}

describe('the references of the correlation tasks', () => {
  // a loopy 12-node graph with random couplings and fields (so that ⟨s_i⟩ ≠ 0) and a non-trivial FVS
  const rng = createRng(7);
  const graph = erdosRenyiGnm(12, 22, { rng });
  const model = createIsingModel(graph, { beta: 0.7, couplings: Array.from({ length: graph.size }, () => rng.normal()), fields: Array.from({ length: 12 }, () => 0.3 * rng.normal()) });
  const brute = bruteForce(model);

  it('FVS enumeration (the karate task reference) matches brute force', () => {
    const exact = exactByFvsEnumeration(model);
    expect(exact).toBeDefined();
    expect(exact?.fvsSize).toBeGreaterThan(1);
    // both are exact sums in double precision (|F| = 3 here), so only rounding separates them
    expect(Math.abs((exact?.logZ as number) - brute.logZ)).toBeLessThan(1e-10);
    for (let i = 0; i < 12; i++) expect(Math.abs((exact?.magnetisations[i] as number) - (brute.m[i] as number))).toBeLessThan(1e-10);
    for (let e = 0; e < graph.size; e++) expect(Math.abs((exact?.edgeCorrelations[e] as number) - (brute.c[e] as number))).toBeLessThan(1e-10);
  });

  it('MCMC edge correlations agree with brute force within 5 standard errors', () => {
    const est = mcmcEdgeCorrelations(model, { chains: 8, sweeps: 1500, burnIn: 100 }, createRng(3));
    // SEs from 8 independent chains (up to 0.031 here; measured worst deviation 2.1 SE); the t-distribution with 7
    // degrees of freedom has heavier tails than a normal one, so 0.01 is added to the 5 SE bound
    for (let e = 0; e < graph.size; e++) expect(Math.abs((est.edgeCorrelations[e] as number) - (brute.c[e] as number))).toBeLessThan(5 * (est.edgeCorrelationStdErr[e] as number) + 0.01);
  });
});

describe('the censored block model instance', () => {
  it('flips a fraction ε of the planted edge signs and sits at the Nishimori temperature', () => {
    const { model, planted } = censoredBlockModel(2000, 4, 0.1, 0.2, 5);
    const g = model.graph;
    expect(g.size).toBe(4000);
    expect(model.beta).toBeCloseTo(0.5 * Math.log(4), 12);
    let flipped = 0;
    for (let e = 0; e < g.size; e++) flipped += (model.couplings[e] as number) !== (planted[g.edgeSources[e] as number] as number) * (planted[g.edgeTargets[e] as number] as number) ? 1 : 0;
    // binomial(4000, 0.2): σ = 0.0063 of a fraction; 4σ = 0.025
    expect(Math.abs(flipped / g.size - 0.2)).toBeLessThan(0.025);
    const plus = planted.reduce((a, s) => a + (s > 0 ? 1 : 0), 0);
    expect(Math.abs(plus / 2000 - 0.5)).toBeLessThan(0.045); // 4σ of binomial(2000, 1/2)
  });
});

const DATA = findDataDir();
const withPolblogs = DATA !== undefined && existsSync(join(DATA, 'polblogs', 'edges.txt')) ? describe : describe.skip;

withPolblogs('the political blogs graph', () => {
  it('is the largest component with the networkx counts of FORMAT.md', async () => {
    const g = await polblogsLargestComponent(DATA);
    expect([g.order, g.size]).toEqual([1222, 16714]);
  });
});

describe('the polblogs task without data', () => {
  it('fails with a typed error naming --data', async () => {
    const error = await polblogsLargestComponent(join(dir, 'no-such-folder')).catch((e: unknown) => e);
    expect(IsingLabError.isInstance(error)).toBe(true);
    expect((error as InvalidArgumentError).argument).toBe('--data');
  });
});
