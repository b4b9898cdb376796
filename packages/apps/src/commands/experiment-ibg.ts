/**
 * `isinglab experiment ibg [--config quick|reduced|paper|cpu] [--datasets a,b] [--splits 0,1] [--models m,n] [--data DIR]
 * [--json]`:
 * seed 003's node classification on Chameleon and Squirrel, IBG-NN vs Dir-GNN (results/ibg/<config>/results.json
 * and results.svg). Progress with ETA on stderr; Ctrl-C ends the process at once and the next run resumes from the
 * last fit checkpoint and the finished splits. `--datasets`, `--splits` and `--models` run a part of the configuration
 * (its results.json then summarises that part; the finished splits stay in the same folder for the next run).
 */
import { join } from 'node:path';
import { formatTable } from '@isinglab/graph/testing';
import { progressLine } from '@isinglab/gnn';
import type { NodeClassificationDataset } from '@isinglab/ibg';
import { InvalidArgumentError } from '@isinglab/graph';
import { IBG_CONFIGS, communitiesOf, finishedRunLengthsOutside, runIbgExperiment, splitsOf, type IbgRunConfig } from '../experiments/ibg/run-ibg-experiment.js';
import { IbgEta } from '../experiments/ibg/ibg-eta.js';
import { locateData, resultsDir } from '../lib/paths.js';
import { experimentConfig, prepareTf, skipWithoutData } from '../lib/experiment-command.js';
import { codeVersion } from '../lib/provenance.js';
import type { CliIo } from '../cli/io.js';

export interface ExperimentIbgOptions {
  config?: string;
  data?: string;
  json?: boolean;
  /** Comma-separated subset of the configuration's datasets. */
  datasets?: string;
  /** Comma-separated subset of the configuration's splits (of every dataset run). */
  splits?: string;
  /** Comma-separated subset of the configuration's models (IBG-NN, Dir-GNN, MLP). */
  models?: string;
}

/** The part of a configuration to run, as the comma-separated flags give it (undefined: all of it). */
export interface IbgPart {
  datasets?: string | undefined;
  splits?: string | undefined;
  models?: string | undefined;
}

/**
 * The part of `config` that `--datasets`, `--splits` and `--models` select, in the configuration's order; a name or
 * split outside the configuration is an InvalidArgumentError.
 */
export function selectIbgPart(config: IbgRunConfig, part: IbgPart): IbgRunConfig {
  const { datasets, splits, models } = part;
  const fail = (argument: string, value: string, rule: string): never => {
    throw new InvalidArgumentError({ pkg: 'apps', fn: 'experiment ibg', argument, value, rule });
  };
  const list = (text: string, flag: string): string[] => {
    const items = text.split(',').map((x) => x.trim());
    if (items.some((x) => x === '')) fail(flag, text, 'a comma-separated list');
    return items;
  };
  let out = config;
  if (datasets !== undefined) {
    const chosen = list(datasets, '--datasets');
    for (const d of chosen) if (!config.datasets.includes(d)) fail('--datasets', datasets, `names from the ${config.name} configuration (${config.datasets.join(', ')})`);
    out = { ...out, datasets: config.datasets.filter((d) => chosen.includes(d)) };
  }
  if (splits !== undefined) {
    const chosen = list(splits, '--splits').map((x) => (/^\d+$/.test(x) ? Number(x) : Number.NaN));
    const byDataset: Record<string, number[]> = {};
    for (const d of out.datasets) {
      const available = splitsOf(config, d);
      for (const k of chosen) if (!available.includes(k)) fail('--splits', splits, `split indices of the ${config.name} configuration for ${d} (${available.join(', ')})`);
      byDataset[d] = available.filter((k) => chosen.includes(k));
    }
    out = { ...out, splitsByDataset: byDataset };
  }
  if (models !== undefined) {
    const chosen = list(models, '--models');
    for (const m of chosen) if (!(config.models as readonly string[]).includes(m)) fail('--models', models, `model names of the ${config.name} configuration (${config.models.join(', ')})`);
    out = { ...out, models: config.models.filter((m) => chosen.includes(m)) };
  }
  return out;
}

/** Test hooks: another configuration table, results folder or in-memory datasets. */
export interface ExperimentIbgEnv {
  configs?: Record<string, IbgRunConfig>;
  outDir?: string;
  datasets?: Record<string, NodeClassificationDataset>;
}

export async function experimentIbg(options: ExperimentIbgOptions, io: CliIo, env: ExperimentIbgEnv = {}): Promise<number> {
  const configs = env.configs ?? IBG_CONFIGS;
  const name = options.config ?? 'quick';
  const config = selectIbgPart(experimentConfig('ibg', name, configs), options);
  const backend = await prepareTf();
  const outDir = env.outDir ?? join(resultsDir(), 'ibg', name);
  const data = locateData(options.data);
  if (env.datasets === undefined && skipWithoutData('ibg', data, config.datasets, io)) return 0;
  // runs of other splits in the folder tell how long this part's runs will last before one of them ends
  const eta = new IbgEta(config, finishedRunLengthsOutside(config, outDir));
  const started = Date.now();
  let last = 0;
  const result = await runIbgExperiment(config, {
    outDir,
    commit: codeVersion(),
    dataDir: data.dir,
    ...(env.datasets === undefined ? {} : { datasets: env.datasets }),
    onProgress: (p) => {
      const now = Date.now();
      eta.observe(p, now);
      let label: string;
      let metrics: Record<string, number>;
      if (p.phase === 'fit') {
        label = `ibg ${p.dataset} fit K=${communitiesOf(config, p.dataset)} epoch ${p.epoch}/${p.epochs}`;
        metrics = { 'rel err': p.relativeError };
      } else if (p.phase === 'encode') {
        label = `ibg ${p.dataset} signal encoder epoch ${p.epoch}/${p.epochs}`;
        metrics = { loss: p.loss };
      } else if (p.phase === 'train') {
        label = `ibg ${p.dataset} split ${p.split} ${p.model} epoch ${p.epoch}/${p.epochs}`;
        metrics = { 'val acc': p.valAccuracy };
      } else {
        label = `ibg ${p.dataset} split ${p.split} ${p.model} ${p.cached ? 'loaded from checkpoint' : 'done'}`;
        metrics = { 'test acc': p.testAccuracy };
      }
      if (now - last > 2000 || p.phase === 'done') {
        last = now;
        // the bar counts fit and training epochs with the predicted run lengths; the ETA weighs them by measured
        // rates (IbgEta); the label names the epoch, so the line's own count is left out
        const line = progressLine({ epoch: eta.units, epochs: eta.total, elapsedMs: now - started, metrics, completedBefore: eta.loaded, remainingMs: eta.remainingMs() });
        io.err(`${label}: ${line.replace(/^epoch \S+ /, '')}`);
      }
    },
  });
  if (options.json) {
    io.out(JSON.stringify({ outDir, backend, ...result }));
    return 0;
  }
  // a part without IBG-NN fits no IBG
  if (result.fits.length > 0) {
    io.out(
      formatTable([
        ['dataset', 'nodes', 'arcs', 'K', 'fit epochs', 'rel. error (W)', 'rel. error', 'ms / fit epoch'],
        ...result.fits.map((f) => [f.dataset, f.nodes, f.arcs, f.communities, f.epochs, f.relativeError, f.unweightedRelativeError, f.msPerEpoch ?? 'checkpoint']),
      ]),
    );
    io.out('');
  }
  // two decimals, as the seed's tables: at one, 78.14 and 80.15 print as 78.1 and 80.2
  io.out(
    formatTable([
      ['dataset', 'model', 'splits', 'test acc %', '± std', 'seed 003 %', 'ms / step'],
      ...result.summary.map((s) => [s.dataset, s.model, s.splits, s.mean.toFixed(2), s.std.toFixed(2), s.seed?.toFixed(2) ?? 'n/a', s.medianStepMs]),
    ]),
  );
  io.out(`wrote ${join(outDir, 'results.json')} and results.svg`);
  return 0;
}
