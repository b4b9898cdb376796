import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { runSpai, type SpaiRunConfig } from '../../src/experiments/spai/run-spai.js';
import { SPAI_METHODS } from '../../src/experiments/spai/methods.js';
import { experimentSpai } from '../../src/commands/experiment-spai.js';
import { codeVersion } from '../../src/lib/provenance.js';

tf.env().set('PROD', true);
const dir = mkdtempSync(join(tmpdir(), 'isinglab-spai-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A smoke-sized configuration: 12 matrices, 2 steps per epoch.
const tiny = (epochs: number): SpaiRunConfig => ({ name: 'tiny', settings: [1], seeds: [4], dataset1Size: 12, dataset2Max: 0, epochs, hidden: 8, layers: 2, learningRate: 0.01, samplesPerStep: 2 });

describe('the SPAI experiment runner (smoke test)', () => {
  it('writes results.json and an SVG figure with every method, and resumes from its checkpoint exactly', async () => {
    const straight = join(dir, 'straight');
    const resumed = join(dir, 'resumed');
    const a = await runSpai(tiny(2), { outDir: straight, dataDir: undefined, maxStepsPerEpoch: 2 });
    // an interrupted run: one epoch, then the same configuration with two epochs continues from the checkpoint
    await runSpai(tiny(1), { outDir: resumed, dataDir: undefined, maxStepsPerEpoch: 2 });
    expect(existsSync(join(resumed, 'checkpoints', 'setting-1-seed-4.json'))).toBe(true);
    const b = await runSpai(tiny(2), { outDir: resumed, dataDir: undefined, maxStepsPerEpoch: 2 });
    expect(b.results[0]!.trainingLoss).toEqual(a.results[0]!.trainingLoss);
    expect(b.results[0]!.methods).toEqual(a.results[0]!.methods);
    // model selection: one validation loss per epoch, and the evaluated epoch is the one with the lowest
    const v = a.results[0]!.validationLoss;
    expect(v).toHaveLength(2);
    expect(b.results[0]!.validationLoss).toEqual(v);
    expect(a.results[0]!.bestEpoch).toBe(v[0]! <= v[1]! ? 1 : 2);
    const json = JSON.parse(readFileSync(join(straight, 'results.json'), 'utf8'));
    expect(json.results[0].train).toBe(7);
    expect(json.results[0].test).toBe(3);
    for (const m of SPAI_METHODS) {
      const s = json.results[0].methods[m];
      expect(s.mean).toBeGreaterThan(0);
      expect(s.fraction).toBeGreaterThan(0);
      expect(s.gmresIterations).toBeGreaterThan(0);
    }
    // one seed: the setting summary is that seed's figures, with its verdicts
    expect(json.summary).toHaveLength(1);
    expect(json.summary[0].seeds).toEqual([4]);
    expect(json.summary[0].methods['Ising+mag'].mean).toBeCloseTo(json.results[0].methods['Ising+mag'].mean, 12);
    expect(json.summary[0].acceptance.ordering).toHaveLength(1);
    const svg = readFileSync(join(straight, 'results.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Setting 1');
  });

  it('a checkpoint of another configuration is not resumed (the run starts afresh)', async () => {
    const out = join(dir, 'other');
    await runSpai(tiny(1), { outDir: out, dataDir: undefined, maxStepsPerEpoch: 2 });
    const fresh = await runSpai({ ...tiny(1), hidden: 6 }, { outDir: out, dataDir: undefined, maxStepsPerEpoch: 2 });
    const reference = await runSpai({ ...tiny(1), hidden: 6 }, { outDir: join(dir, 'reference'), dataDir: undefined, maxStepsPerEpoch: 2 });
    expect(fresh.results[0]!.trainingLoss).toEqual(reference.results[0]!.trainingLoss);
  });

  it('the CLI progress of a resumed run counts the restored epochs (bar) but rates only the new ones (ETA)', async () => {
    const out = join(dir, 'cli-resume');
    const quiet = { out: () => undefined, err: () => undefined };
    expect(await experimentSpai({}, quiet, { configOverride: tiny(1), outDir: out, maxStepsPerEpoch: 2 })).toBe(0);
    const progress: string[] = [];
    const printed: string[] = [];
    const io = { out: (l: string) => printed.push(l), err: (l: string) => progress.push(l) };
    expect(await experimentSpai({}, io, { configOverride: tiny(4), outDir: out, maxStepsPerEpoch: 2 })).toBe(0);
    const epochEnds = progress.filter((l) => / step 2\/2: /.test(l)).map((l) => /: epoch (\d+)\/(\d+) /.exec(l)?.slice(1, 3).join('/'));
    // resumed after epoch 1 of 4: epochs 2, 3 and 4 are trained here
    expect(epochEnds).toEqual(['2/4', '3/4', '4/4']);
    expect(progress[0]).toMatch(/^spai setting 1 seed 4 epoch 2\/4 step 1\/2: epoch 1\/4 \[###\.{7}\] 25%/);
    // an ETA needs one epoch done here; the restored epoch gives no rate
    expect(progress[0]).not.toMatch(/eta/);
    expect(progress.find((l) => l.includes(' epoch 2/4 step 2/2: '))).toMatch(/eta \d/);
    // the command records which code produced the results
    expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).commit).toBe(codeVersion());
    // the summary over seeds and its verdict follow the per-seed tables
    expect(printed.join('\n')).toMatch(/Setting 1 over seeds 4 \(3 test matrices\):/);
    expect(printed.join('\n')).toMatch(/Table 2 ordering \([^)]*\): seed 4 (holds|does not hold); paired on the same matrices \([^)]*\): seed 4 (holds|does not hold); Ising\+mag fraction \d+\.\d %/);
  });

  it('adding a seed resumes the seeds already trained; checkpoints with the older fingerprint are still resumed', async () => {
    const out = join(dir, 'more-seeds');
    await runSpai(tiny(1), { outDir: out, dataDir: undefined, maxStepsPerEpoch: 2 });
    const trained: string[] = [];
    const onProgress = (p: { seed: number; epoch: number; step: number; steps: number }) => {
      if (p.step === p.steps) trained.push(`${p.seed}:${p.epoch}`);
    };
    const more = await runSpai({ ...tiny(2), seeds: [4, 5] }, { outDir: out, dataDir: undefined, maxStepsPerEpoch: 2, onProgress });
    expect(trained).toEqual(['4:2', '5:1', '5:2']);
    const straight = await runSpai(tiny(2), { outDir: join(dir, 'more-seeds-reference'), dataDir: undefined, maxStepsPerEpoch: 2 });
    expect(more.results[0]!.methods).toEqual(straight.results[0]!.methods);
    // a checkpoint written before the seed and setting lists left the fingerprint
    const legacy = join(dir, 'legacy');
    await runSpai(tiny(1), { outDir: legacy, dataDir: undefined, maxStepsPerEpoch: 2 });
    const path = join(legacy, 'checkpoints', 'setting-1-seed-4.json');
    const checkpoint = JSON.parse(readFileSync(path, 'utf8'));
    checkpoint.metadata.fingerprint = JSON.stringify({ ...tiny(2), epochs: undefined, name: undefined, setting: 1, seed: 4 });
    writeFileSync(path, JSON.stringify(checkpoint));
    trained.length = 0;
    await runSpai(tiny(2), { outDir: legacy, dataDir: undefined, maxStepsPerEpoch: 2, onProgress });
    expect(trained).toEqual(['4:2']);
  });

  it('a run whose data is missing (Setting 3 without SuiteSparse) is reported as skipped', async () => {
    const r = await runSpai({ ...tiny(1), settings: [3] }, { outDir: join(dir, 'none'), dataDir: join(dir, 'no-such-folder'), maxStepsPerEpoch: 1 });
    expect(r.results).toHaveLength(0);
    expect(r.skipped[0]).toMatch(/setting 3/);
  });
});
