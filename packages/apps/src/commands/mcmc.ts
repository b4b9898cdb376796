/** `isinglab mcmc FILE --beta B [model options] [--sweeps S] [--chains C] [--sampler …] [--seed S] [--json]`. */
import { checkOneOf, createRng } from '@isinglab/graph';
import { meanWithError, sampleIsing, splitRHat, type SamplerName } from '@isinglab/ising';
import type { CliIo } from '../cli/io.js';
import { loadModel, numberFlag, type ModelCliOptions } from './model-options.js';

export interface McmcCliOptions extends ModelCliOptions {
  sweeps?: string;
  'burn-in'?: string;
  chains?: string;
  sampler?: string;
  seed?: string;
  workers?: string;
  json?: boolean;
}

const SAMPLERS: readonly SamplerName[] = ['metropolis', 'heat-bath', 'wolff', 'swendsen-wang'];

export async function mcmc(file: string, options: McmcCliOptions, io: CliIo): Promise<number> {
  const fn = 'mcmc';
  const sampler = checkOneOf({ pkg: 'apps', fn }, '--sampler', options.sampler ?? 'metropolis', SAMPLERS);
  const sweeps = numberFlag(fn, '--sweeps', options.sweeps, { integer: true, min: 4 }) ?? 1000;
  const burnIn = numberFlag(fn, '--burn-in', options['burn-in'], { integer: true, min: 0 }) ?? Math.floor(sweeps / 10);
  const chains = numberFlag(fn, '--chains', options.chains, { integer: true, min: 1 }) ?? 4;
  const seed = numberFlag(fn, '--seed', options.seed, { integer: true, min: 0 }) ?? 0;
  const workers = numberFlag(fn, '--workers', options.workers, { integer: true, min: 0 }) ?? 0;
  const { model } = await loadModel(fn, file, options);
  const started = performance.now();
  let lastLine = started;
  const run = await sampleIsing(model, {
    rng: createRng(seed),
    sampler,
    chains,
    sweeps,
    burnIn,
    workers,
    onProgress: (p) => {
      // One line every ~2 s once the run has taken a second: quiet for quick runs.
      const now = performance.now();
      if (now - started < 1000 || (now - lastLine < 2000 && p.done < p.total)) return;
      lastLine = now;
      const eta = p.etaMs === undefined ? '?' : `${(p.etaMs / 1000).toFixed(1)} s`;
      io.err(`mcmc: ${((100 * p.done) / p.total).toFixed(0)}% (${p.done}/${p.total} chain-sweeps), ETA ${eta}`);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const n = Math.max(1, model.order);
  const perSpin = run.energies.map((e) => e / n);
  const absM = run.magnetisations.map(Math.abs);
  const energy = meanWithError(perSpin, { chains });
  const magnet = meanWithError(absM, { chains });
  const rhat = chains >= 2 ? splitRHat(perSpin, { chains }) : undefined;
  const result = {
    file,
    nodes: model.order,
    edges: model.graph.size,
    beta: model.beta,
    sampler,
    chains,
    sweeps,
    burnIn,
    seed,
    energyPerSpin: energy.mean,
    energyPerSpinStandardError: energy.standardError,
    absMagnetisation: magnet.mean,
    absMagnetisationStandardError: magnet.standardError,
    essEnergy: energy.ess,
    essAbsMagnetisation: magnet.ess,
    rhatEnergy: rhat ?? null,
    acceptanceRate: run.acceptanceRate ?? null,
    clustersPerSweep: run.clustersPerSweep ?? null,
    seconds,
  };
  if (options.json) {
    io.out(JSON.stringify(result));
    return 0;
  }
  const fmt = (x: number, d = 5) => (Number.isFinite(x) ? x.toFixed(d) : String(x));
  io.out(`${file}: ${model.order} nodes, ${model.graph.size} edges, β = ${model.beta}, ${sampler}, ${chains} chains × ${sweeps} sweeps (+${burnIn} burn-in)`);
  io.out(`energy per spin   ${fmt(energy.mean)} ± ${fmt(energy.standardError)}   (ESS ${energy.ess.toFixed(0)})`);
  io.out(`|magnetisation|   ${fmt(magnet.mean)} ± ${fmt(magnet.standardError)}   (ESS ${magnet.ess.toFixed(0)})`);
  io.out(`split R-hat       ${result.rhatEnergy === null ? 'n/a (one chain)' : fmt(result.rhatEnergy, 4)}`);
  if (run.acceptanceRate !== undefined) io.out(`acceptance rate   ${fmt(run.acceptanceRate, 3)}`);
  if (run.clustersPerSweep !== undefined) io.out(`clusters / sweep  ${fmt(run.clustersPerSweep, 1)}`);
  io.out(`time              ${seconds.toFixed(2)} s`);
  return 0;
}
