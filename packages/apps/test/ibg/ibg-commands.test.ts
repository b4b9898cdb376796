/**
 * `isinglab ibg fit` and `isinglab experiment ibg` as functions (the CLI dispatcher wires them): the fit statistics
 * of a small planted two-block digraph, the printed tables, and a table of bad inputs (each an InvalidArgumentError
 * naming the flag, which the CLI turns into one line and exit code 2).
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { InvalidArgumentError, createRng } from '@isinglab/graph';
import { directedSbm } from '@isinglab/ibg';
import { ibgFit } from '../../src/commands/ibg-fit.js';
import { experimentIbg, selectIbgPart } from '../../src/commands/experiment-ibg.js';
import { IBG_CONFIGS, communitiesOf, finishedRunLengthsOutside, fitEpochsOf, splitsOf, type IbgRunConfig } from '../../src/experiments/ibg/run-ibg-experiment.js';

tf.env().set('PROD', true);
const dir = mkdtempSync(join(tmpdir(), 'isinglab-ibg-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

// Two blocks of 10 nodes, every arc from block 0 to block 1 (100 arcs): exactly an IBG with one community
// (sources block 0, targets block 1, weight 1), so K = 1 can fit it almost exactly.
const blockFile = join(dir, 'blocks.txt');
const lines: string[] = [];
for (let i = 0; i < 10; i++) for (let j = 10; j < 20; j++) lines.push(`${i} ${j}`);
writeFileSync(blockFile, `${lines.join('\n')}\n`);

describe('isinglab ibg fit', () => {
  it('fits a planted one-community digraph almost exactly and reports consistent statistics (--json)', async () => {
    const c = capture();
    expect(await ibgFit(blockFile, { k: '1', epochs: '300', json: true }, c.io)).toBe(0);
    const s = JSON.parse(c.out.join('\n'));
    expect(s).toMatchObject({ nodes: 20, arcs: 100, communities: 1, epochs: 300, seed: 1 });
    // measured 1.41e-6 (the SVD start is already exact up to the 1e-6 membership clamp; Adam keeps it there);
    // 1e-5 leaves room for rounding but fails for any fit that misses the block structure
    expect(s.relativeError).toBeLessThan(1e-5);
    expect(s.relativeError).toBeLessThanOrEqual(s.initialRelativeError + 1e-12);
    expect(s.cutSimilarityLower).toBeGreaterThanOrEqual(0);
    expect(s.cutSimilarityLower).toBeLessThanOrEqual(s.cutSimilarityUpper);
    expect(s.msPerEpoch).toBeGreaterThan(0);
  });

  it('prints a human-readable report without --json', async () => {
    const c = capture();
    expect(await ibgFit(blockFile, { k: '2', epochs: '20' }, c.io)).toBe(0);
    expect(c.out[0]).toContain('20 nodes, 100 arcs; IBG with K = 2');
    expect(c.out.join('\n')).toMatch(/densifying cut similarity: between/);
  });

  const empty = join(dir, 'empty.txt');
  writeFileSync(empty, '# no arcs\n');
  const bad: [string, string, Record<string, string>, string][] = [
    ['missing --k', blockFile, {}, '--k'],
    ['--k 0', blockFile, { k: '0' }, '--k'],
    ['--k not a number', blockFile, { k: 'two' }, '--k'],
    ['--k fractional', blockFile, { k: '1.5' }, '--k'],
    ['--epochs negative', blockFile, { k: '1', epochs: '-1' }, '--epochs'],
    ['--seed negative', blockFile, { k: '1', seed: '-3' }, '--seed'],
    ['--format unknown', blockFile, { k: '1', format: 'csv' }, '--format'],
    ['K above the node count', blockFile, { k: '21' }, 'FILE'],
    ['a file without arcs', empty, { k: '1' }, 'FILE'],
  ];
  it.each(bad)('rejects %s with an InvalidArgumentError naming the argument', async (_label, file, options, argument) => {
    const c = capture();
    const error = await ibgFit(file, options, c.io).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as InvalidArgumentError).argument).toBe(argument);
    expect(c.out).toEqual([]);
  });

  it('rejects a missing file with an isinglab error (exit code 2 in the CLI), not a crash', async () => {
    const error = await ibgFit(join(dir, 'no-such-file.txt'), { k: '1' }, capture().io).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
  });
});

describe('isinglab experiment ibg', () => {
  const sbm = directedSbm({ nodes: 60, probabilities: [[0.02, 0.25], [0.25, 0.02]], featureDim: 4, splits: 1, rng: createRng(9) });
  const configs: Record<string, IbgRunConfig> = {
    smoke: { name: 'smoke', datasets: ['sbm'], splits: [0], models: ['IBG-NN', 'Dir-GNN', 'MLP'], communities: 2, fitEpochs: 10, fitLearningRate: 0.03, densifyingScale: 20, layers: 1, hidden: 4, encoder: 0, dropout: 0, normalize: false, jumpingKnowledge: 'none', residual: {}, learningRate: 0.01, epochs: 3, patience: 3 },
  };

  it('runs a configuration, prints the fit and accuracy tables with progress on stderr, and writes the results', async () => {
    const outDir = join(dir, 'experiment');
    const c = capture();
    expect(await experimentIbg({ config: 'smoke' }, c.io, { configs, outDir, datasets: { sbm } })).toBe(0);
    const text = c.out.join('\n');
    expect(text).toContain('rel. error (W)');
    expect(text).toMatch(/sbm\s+IBG-NN\s+1/);
    expect(text).toMatch(/sbm\s+Dir-GNN\s+1/);
    expect(text).toMatch(/sbm\s+MLP\s+1/);
    // accuracies with two decimals as in the seed's tables (one split: std 0); no seed figure for a synthetic graph
    expect(text).toMatch(/sbm\s+IBG-NN\s+1\s+\d+\.\d\d\s+0\.00\s+n\/a\s/);
    expect(c.err.some((l) => /ibg sbm split 0 IBG-NN done: .*test acc/.test(l))).toBe(true);
    // the ETA comes from measured rates once a model has trained (IbgEta); the last line has none left
    expect(c.err.some((l) => /ibg sbm split 0 IBG-NN done: .*eta \d/.test(l))).toBe(true);
    expect(c.err.at(-1)).toMatch(/MLP done: .*100%.*elapsed \S+$/);
    // the bar follows the label's epoch; the line's count of work units is not shown
    expect(c.err.some((l) => /^ibg sbm fit K=\d+ epoch \d+\/\d+: \[[#.]{10}\] \d+%/.test(l))).toBe(true);
    expect(c.err.some((l) => /: epoch \d+\/\d+ \[/.test(l))).toBe(false);
    expect(existsSync(join(outDir, 'results.json'))).toBe(true);
    expect(existsSync(join(outDir, 'results.svg'))).toBe(true);
    // --json: one parseable line; the second run loads every split from its checkpoint
    const j = capture();
    expect(await experimentIbg({ config: 'smoke', json: true }, j.io, { configs, outDir, datasets: { sbm } })).toBe(0);
    const parsed = JSON.parse(j.out.join('\n'));
    expect(parsed.summary).toHaveLength(3);
    expect(j.err.filter((l) => l.includes('loaded from checkpoint'))).toHaveLength(3);
  });

  it('--datasets and --splits run a part: only those splits train, and the folder keeps them for the full run', async () => {
    const sbm2 = directedSbm({ nodes: 40, probabilities: [[0.02, 0.3], [0.3, 0.02]], featureDim: 3, splits: 3, rng: createRng(4) });
    const parts: Record<string, IbgRunConfig> = { three: { ...(configs['smoke'] as IbgRunConfig), name: 'three', datasets: ['a', 'b'], splits: [0, 1, 2], models: ['MLP'] } };
    const outDir = join(dir, 'parts');
    const first = capture();
    expect(await experimentIbg({ config: 'three', datasets: 'b', splits: '2,0', json: true }, first.io, { configs: parts, outDir, datasets: { a: sbm2, b: sbm2 } })).toBe(0);
    const part = JSON.parse(first.out.join('\n'));
    expect(part.splits.map((r: { dataset: string; split: number }) => `${r.dataset}${r.split}`)).toEqual(['b0', 'b2']);
    // what a later part learns of run lengths: the finished runs outside it with the same settings, nothing else
    const three = parts['three'] as IbgRunConfig;
    const epochsOf = (split: number) => (part.splits as { split: number; epochs: number }[]).find((r) => r.split === split)?.epochs;
    expect(finishedRunLengthsOutside(selectIbgPart(three, { datasets: 'b', splits: '1' }), outDir)).toEqual(new Map([['MLP', [epochsOf(0), epochsOf(2)]]]));
    expect(finishedRunLengthsOutside(selectIbgPart(three, { datasets: 'b', splits: '0,1' }), outDir)).toEqual(new Map([['MLP', [epochsOf(2)]]]));
    expect(finishedRunLengthsOutside(selectIbgPart({ ...three, hidden: 5 }, { datasets: 'b', splits: '1' }), outDir).size).toBe(0);
    expect(finishedRunLengthsOutside(selectIbgPart(three, { datasets: 'a' }), outDir).size).toBe(0);
    expect(finishedRunLengthsOutside(three, join(dir, 'no-such-folder')).size).toBe(0);
    const full = capture();
    expect(await experimentIbg({ config: 'three', json: true }, full.io, { configs: parts, outDir, datasets: { a: sbm2, b: sbm2 } })).toBe(0);
    expect(JSON.parse(full.out.join('\n')).splits).toHaveLength(6);
    expect(full.err.filter((l) => l.includes('loaded from checkpoint'))).toHaveLength(2);
  });

  it('--models runs a part: the other model of the same splits trains in the next run and the first is reused', async () => {
    const sbm2 = directedSbm({ nodes: 40, probabilities: [[0.02, 0.3], [0.3, 0.02]], featureDim: 3, splits: 2, rng: createRng(5) });
    const parts: Record<string, IbgRunConfig> = { two: { ...(configs['smoke'] as IbgRunConfig), name: 'two', datasets: ['a'], splits: [0, 1], models: ['Dir-GNN', 'MLP'] } };
    const outDir = join(dir, 'models');
    const first = capture();
    expect(await experimentIbg({ config: 'two', models: 'MLP', json: true }, first.io, { configs: parts, outDir, datasets: { a: sbm2 } })).toBe(0);
    const part = JSON.parse(first.out.join('\n'));
    expect(part.splits.map((r: { model: string; split: number }) => `${r.model}${r.split}`)).toEqual(['MLP0', 'MLP1']);
    // neither model reads the IBG, so none is fitted: no fit report, statistics or checkpoint
    expect(part.fits).toEqual([]);
    expect(first.err.some((l) => /fit K=/.test(l))).toBe(false);
    expect(existsSync(join(outDir, 'checkpoints', 'a-ibg-fit.json'))).toBe(false);
    const full = capture();
    expect(await experimentIbg({ config: 'two', json: true }, full.io, { configs: parts, outDir, datasets: { a: sbm2 } })).toBe(0);
    expect(JSON.parse(full.out.join('\n')).splits).toHaveLength(4);
    expect(full.err.filter((l) => l.includes('loaded from checkpoint'))).toHaveLength(2);
  });

  it('selectIbgPart keeps the configuration order and rejects names, splits, models and lists outside it', () => {
    const paper = IBG_CONFIGS['paper'] as IbgRunConfig;
    const part = selectIbgPart(paper, { datasets: 'squirrel', splits: '9,3', models: 'Dir-GNN' });
    expect(part.datasets).toEqual(['squirrel']);
    expect(splitsOf(part, 'squirrel')).toEqual([3, 9]);
    expect(part.models).toEqual(['Dir-GNN']);
    expect(selectIbgPart(paper, { models: 'Dir-GNN,IBG-NN' }).models).toEqual(['IBG-NN', 'Dir-GNN']);
    expect(selectIbgPart(paper, {})).toBe(paper);
    for (const [datasets, splits, models, argument] of [
      ['cora', undefined, undefined, '--datasets'],
      ['chameleon,', undefined, undefined, '--datasets'],
      [undefined, '10', undefined, '--splits'],
      [undefined, '1.5', undefined, '--splits'],
      [undefined, 'x', undefined, '--splits'],
      [undefined, undefined, 'MLP', '--models'],
      [undefined, undefined, 'ibg-nn', '--models'],
      [undefined, undefined, 'IBG-NN,,Dir-GNN', '--models'],
    ] as const) {
      let error: unknown;
      try {
        selectIbgPart(paper, { datasets, splits, models });
      } catch (e) {
        error = e;
      }
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect((error as InvalidArgumentError).argument).toBe(argument);
    }
  });

  it('the cpu configuration is paper with K = 50 on squirrel and width 64', () => {
    const cpu = IBG_CONFIGS['cpu'] as IbgRunConfig;
    const paper = IBG_CONFIGS['paper'] as IbgRunConfig;
    expect([communitiesOf(cpu, 'chameleon'), communitiesOf(cpu, 'squirrel'), communitiesOf(paper, 'squirrel')]).toEqual([250, 50, 250]);
    expect(cpu.hidden).toBe(64);
    expect({ ...cpu, name: 'paper', communitiesByDataset: undefined, hidden: paper.hidden }).toEqual({ ...paper, communitiesByDataset: undefined });
  });

  it('the cpu-k250 ablation is cpu on squirrel with K = 250 fitted for 2000 epochs, IBG-NN only', () => {
    const cpu = IBG_CONFIGS['cpu'] as IbgRunConfig;
    const ablation = IBG_CONFIGS['cpu-k250'] as IbgRunConfig;
    expect([communitiesOf(ablation, 'squirrel'), fitEpochsOf(ablation, 'squirrel'), fitEpochsOf(cpu, 'squirrel')]).toEqual([250, 2000, 10_000]);
    expect([ablation.datasets, ablation.models]).toEqual([['squirrel'], ['IBG-NN']]);
    const rest = (c: IbgRunConfig) => ({ ...c, name: '', datasets: [], models: [], communitiesByDataset: undefined, fitEpochsByDataset: undefined });
    expect(rest(ablation)).toEqual(rest(cpu));
  });

  // each Chameleon ablation of paper changes only the settings named, runs IBG-NN alone and pairs with paper's splits
  it.each([
    ['paper-l6', { layers: 6, ibgLayers: 5 }, { layers: 5, ibgLayers: 4 }],
    ['paper-ref', { ibgHead: 'shared', ibgInitializer: 'fan-in' }, { ibgHead: undefined, ibgInitializer: undefined }],
    ['paper-eval-dropout', { evaluation: 'dropout' }, { evaluation: undefined }],
  ] as const)('the %s ablation is paper with %j (paper: %j) on chameleon, IBG-NN only', (name, changes, inPaper) => {
    const paper = IBG_CONFIGS['paper'] as IbgRunConfig;
    expect(Object.fromEntries(Object.keys(changes).map((k) => [k, paper[k as keyof IbgRunConfig]]))).toEqual(inPaper);
    expect(IBG_CONFIGS[name]).toEqual({ ...paper, name, datasets: ['chameleon'], models: ['IBG-NN'], ...changes });
  });

  it('rejects an unknown --config with an InvalidArgumentError naming it', async () => {
    const error = await experimentIbg({ config: 'huge' }, capture().io, { configs }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as InvalidArgumentError).argument).toBe('--config');
  });
});
