/** `isinglab exact-small FILE --beta B [model options] [--json]`: brute-force log Z and friends for N ≤ 24. */
import { InvalidArgumentError } from '@isinglab/graph';
import { enumerateIsing, MAX_ENUMERATION_ORDER } from '@isinglab/ising';
import type { CliIo } from '../cli/io.js';
import { loadModel, type ModelCliOptions } from './model-options.js';

export interface ExactSmallCliOptions extends ModelCliOptions {
  json?: boolean;
}

export async function exactSmall(file: string, options: ExactSmallCliOptions, io: CliIo): Promise<number> {
  const { model } = await loadModel('exact-small', file, options);
  if (model.order > MAX_ENUMERATION_ORDER) {
    throw new InvalidArgumentError({
      pkg: 'apps',
      fn: 'exact-small',
      argument: 'FILE',
      value: `${file} with ${model.order} nodes`,
      rule: `a graph with at most ${MAX_ENUMERATION_ORDER} nodes (brute force visits 2^N states)`,
      hint: 'use `isinglab mcmc` for larger graphs',
    });
  }
  const started = performance.now();
  const exact = enumerateIsing(model);
  const seconds = (performance.now() - started) / 1000;
  const n = Math.max(1, model.order);
  const result = {
    file,
    nodes: model.order,
    edges: model.graph.size,
    beta: model.beta,
    logZ: exact.logZ,
    freeEnergy: model.beta > 0 ? -exact.logZ / model.beta : null,
    meanEnergy: exact.meanEnergy,
    energyPerSpin: exact.meanEnergy / n,
    meanAbsMagnetisation: exact.meanAbsMagnetisation,
    marginals: Array.from(exact.marginals),
    seconds,
  };
  if (options.json) {
    io.out(JSON.stringify(result));
    return 0;
  }
  io.out(`${file}: ${model.order} nodes, ${model.graph.size} edges, β = ${model.beta} (2^${model.order} states enumerated)`);
  io.out(`log Z             ${exact.logZ.toPrecision(15)}`);
  io.out(`energy per spin   ${(exact.meanEnergy / n).toPrecision(12)}`);
  io.out(`E|m|              ${exact.meanAbsMagnetisation.toPrecision(12)}`);
  io.out(`time              ${seconds.toFixed(3)} s`);
  return 0;
}
