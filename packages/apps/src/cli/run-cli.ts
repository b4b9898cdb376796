/**
 * The `isinglab` command line. `runCli(argv, io)` returns the exit code: 0 on success, 2 for bad input (an
 * IsingLabError: one line on stderr naming the file, line and problem), 1 for anything else (a bug: with its stack).
 */
import { parseArgs } from 'node:util';
import { GRAPH_FORMATS, IsingLabError } from '@isinglab/graph';
import { dataStats } from '../commands/data-stats.js';
import { exactSmall } from '../commands/exact-small.js';
import { experimentSpai } from '../commands/experiment-spai.js';
import { experimentSegmentation } from '../commands/experiment-segmentation.js';
import { experimentMesh } from '../commands/experiment-mesh.js';
import { experimentIbg } from '../commands/experiment-ibg.js';
import { ibgFit } from '../commands/ibg-fit.js';
import { experimentFvsVan } from '../commands/experiment-fvs-van.js';
import { exactLogZ, exactMarginals, exactSample } from '../commands/exact-planar.js';
import { graphInfo } from '../commands/graph-info.js';
import { mcmc } from '../commands/mcmc.js';
import { MODEL_OPTION_SPECS, MODEL_USAGE } from '../commands/model-options.js';
import type { CliIo } from './io.js';

export const USAGE = `usage:
  isinglab graph info FILE [--format ${GRAPH_FORMATS.join('|')}] [--directed] [--json]
      nodes, edges, self-loops and duplicates dropped, components, degrees, biconnected components,
      articulation points, 2-core size, greedy colours, planarity and CoreHD feedback-vertex-set size
  isinglab data stats [--data DIR] [--config quick|paper] [--json]
      the same statistics for every graph and mesh in the data folder (default ../shared/data or $ISINGLAB_DATA)
  isinglab mcmc FILE ${MODEL_USAGE}
                [--sampler metropolis|heat-bath|wolff|swendsen-wang] [--sweeps S] [--burn-in B] [--chains C]
                [--seed S] [--workers W] [--json]
      Monte Carlo on the Ising model of a graph file: energy per spin, |magnetisation|, ESS, split R-hat, time
  isinglab exact-small FILE ${MODEL_USAGE} [--json]
      brute-force log Z, energy and marginals (graphs with at most 24 nodes)
      model options: couplings are --J J (uniform, default 1) or --couplings-from-weights (edge weights);
      fields are zero unless --fields-from-diagonal (MatrixMarket diagonal) or --field-file F (one per line)
  isinglab exact logz FILE ${MODEL_USAGE} [--json]
  isinglab exact marginals FILE ${MODEL_USAGE} [--json]
  isinglab exact sample FILE ${MODEL_USAGE} --samples S [--seed S] --out samples.json [--json]
      exact log Z / edge correlations / independent samples of a zero-field Ising model on a planar
      or K3,3-minor-free graph
  isinglab ibg fit FILE --k K [--epochs E] [--seed S] [--format F] [--json]
      fit statistics of a K-community intersecting block graph (seed 003) of a directed graph file
  isinglab experiment [NAME] [--config quick|paper] [--data DIR] [--json]
      run an experiment: data-stats (the default), spai (seed 000's sparse approximate inverses;
      results/spai/<config>/results.json and .svg), segmentation (seed 000's Ising image segmentation
      on dsb2018-nuclei, also --config paper-misclassification; results/segmentation/<config>/results.json
      and .png), mesh (seed 000's mesh coarsening; results/mesh/<config>/results.json and .svg), ibg
      (seed 003's node classification on Chameleon and Squirrel, IBG-NN vs Dir-GNN; --config
      quick|reduced|paper|cpu|cpu-k250|paper-l6|paper-ref|paper-eval-dropout, a part with --datasets a,b,
      --splits 0,1 and --models IBG-NN,Dir-GNN; results/ibg/<config>/)
      or fvs-van (seed 001: karate/polblogs correlations, lattice free energy, spin glasses, censored
      block model; results/fvs-van/<config>/); Ctrl-C, then the same command, resumes
  isinglab --help`;

class UsageError extends Error {}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`isinglab: ${error.message}`);
      io.err(USAGE);
      return 2;
    }
    if (IsingLabError.isInstance(error)) {
      io.err(`isinglab: ${error.message.split('\n')[0]}`);
      return 2;
    }
    const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.err(`isinglab: internal error (please report it):\n${stack}`);
    return 1;
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        json: { type: 'boolean' },
        directed: { type: 'boolean' },
        format: { type: 'string' },
        data: { type: 'string' },
        config: { type: 'string' },
        ...MODEL_OPTION_SPECS,
        sweeps: { type: 'string' },
        'burn-in': { type: 'string' },
        chains: { type: 'string' },
        sampler: { type: 'string' },
        seed: { type: 'string' },
        workers: { type: 'string' },
        samples: { type: 'string' },
        out: { type: 'string' },
        k: { type: 'string' },
        epochs: { type: 'string' },
        datasets: { type: 'string' },
        splits: { type: 'string' },
        models: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [group, command, ...rest] = positionals;
  if (values.help || group === undefined || group === 'help') {
    io.out(USAGE);
    return group === undefined && !values.help ? 2 : 0;
  }
  if (group === 'graph' && command === 'info') {
    if (rest.length !== 1) throw new UsageError('graph info takes exactly one FILE');
    return graphInfo(rest[0] as string, { ...pick(values, ['format', 'json', 'directed']) }, io);
  }
  if (group === 'data' && command === 'stats') {
    if (rest.length) throw new UsageError(`unexpected argument ${rest[0]}`);
    return dataStats({ ...pick(values, ['data', 'json', 'config']) }, io);
  }
  if (group === 'mcmc' || group === 'exact-small') {
    const files = [command, ...rest].filter((x): x is string => x !== undefined);
    if (files.length !== 1) throw new UsageError(`${group} takes exactly one FILE`);
    const modelKeys = ['beta', 'J', 'couplings-from-weights', 'fields-from-diagonal', 'field-file', 'format', 'json'] as const;
    if (group === 'exact-small') return exactSmall(files[0] as string, pick(values, [...modelKeys]), io);
    return mcmc(files[0] as string, pick(values, [...modelKeys, 'sweeps', 'burn-in', 'chains', 'sampler', 'seed', 'workers']), io);
  }
  if (group === 'exact' && (command === 'logz' || command === 'marginals' || command === 'sample')) {
    if (rest.length !== 1) throw new UsageError(`exact ${command} takes exactly one FILE`);
    const keys = ['beta', 'J', 'couplings-from-weights', 'fields-from-diagonal', 'field-file', 'format', 'json'] as const;
    if (command === 'sample') return exactSample(rest[0] as string, pick(values, [...keys, 'samples', 'seed', 'out']), io);
    return (command === 'logz' ? exactLogZ : exactMarginals)(rest[0] as string, pick(values, [...keys]), io);
  }
  if (group === 'ibg' && command === 'fit') {
    if (rest.length !== 1) throw new UsageError('ibg fit takes exactly one FILE');
    return ibgFit(rest[0] as string, pick(values, ['k', 'epochs', 'seed', 'format', 'json']), io);
  }
  if (group === 'experiment') {
    const name = command ?? 'data-stats';
    if (name === 'spai') return experimentSpai(pick(values, ['config', 'data', 'json']), io);
    if (name === 'segmentation') return experimentSegmentation(pick(values, ['config', 'data', 'json']), io);
    if (name === 'mesh') return experimentMesh(pick(values, ['config', 'data', 'json']), io);
    if (name === 'ibg') return experimentIbg(pick(values, ['config', 'data', 'json', 'datasets', 'splits', 'models']), io);
    if (name === 'fvs-van') return experimentFvsVan(pick(values, ['config', 'data', 'json']), io);
    if (name !== 'data-stats') throw new UsageError(`unknown experiment ${name} (available: data-stats, spai, segmentation, mesh, ibg, fvs-van)`);
    return dataStats({ ...pick(values, ['data', 'json', 'config']) }, io);
  }
  throw new UsageError(`unknown command ${[group, command].filter(Boolean).join(' ')}`);
}

function pick<T extends object, K extends keyof T>(values: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (values[k] !== undefined) out[k] = values[k];
  return out;
}
