/**
 * `isinglab exact logz FILE --beta B [model options] [--json]`, `isinglab exact marginals FILE ...` and
 * `isinglab exact sample FILE ...`: exact log Z, edge correlations and samples of zero-field Ising models on planar
 * graphs (@isinglab/exact).
 */
import { InvalidArgumentError, createRng } from '@isinglab/graph';
import { writeJsonAtomic } from '@isinglab/graph/testing';
import { edgeCorrelations, logPartition, sampleExact } from '@isinglab/exact';
import type { CliIo } from '../cli/io.js';
import { loadModel, numberFlag, type ModelCliOptions } from './model-options.js';

export interface ExactPlanarCliOptions extends ModelCliOptions {
  json?: boolean;
}

export async function exactLogZ(file: string, options: ExactPlanarCliOptions, io: CliIo): Promise<number> {
  const { model } = await loadModel('exact logz', file, options);
  const started = performance.now();
  const logZ = logPartition(model.graph, model.couplings, { beta: model.beta, fields: model.fields });
  const seconds = (performance.now() - started) / 1000;
  const result = { file, nodes: model.order, edges: model.graph.size, beta: model.beta, logZ, seconds };
  if (options.json) {
    io.out(JSON.stringify(result));
    return 0;
  }
  io.out(`${file}: ${model.order} nodes, ${model.graph.size} edges, β = ${model.beta} (planar, exact)`);
  io.out(`log Z   ${logZ.toPrecision(15)}`);
  io.out(`time    ${seconds.toFixed(3)} s`);
  return 0;
}

export async function exactMarginals(file: string, options: ExactPlanarCliOptions, io: CliIo): Promise<number> {
  const { model } = await loadModel('exact marginals', file, options);
  const started = performance.now();
  const correlations = edgeCorrelations(model.graph, model.couplings, { beta: model.beta, fields: model.fields });
  const seconds = (performance.now() - started) / 1000;
  const g = model.graph;
  const edges = Array.from({ length: g.size }, (_, e) => ({ u: g.edgeSources[e] as number, v: g.edgeTargets[e] as number, correlation: correlations[e] as number }));
  if (options.json) {
    // zero field: every node marginal is exactly 1/2, so the edges carry the information
    io.out(JSON.stringify({ file, nodes: model.order, edges: g.size, beta: model.beta, nodeMarginal: 0.5, correlations: edges, seconds }));
    return 0;
  }
  io.out(`${file}: ${model.order} nodes, ${g.size} edges, β = ${model.beta}; zero field, so P(x_i = +1) = 1/2 for every node`);
  io.out('u\tv\t<x_u x_v>');
  for (const e of edges) io.out(`${e.u}\t${e.v}\t${e.correlation.toPrecision(12)}`);
  io.out(`time ${seconds.toFixed(3)} s`);
  return 0;
}

export interface ExactSampleCliOptions extends ExactPlanarCliOptions {
  samples?: string;
  seed?: string;
  out?: string;
}

/** `isinglab exact sample FILE --beta B --samples S --seed S --out samples.json`: exact samples, written atomically. */
export async function exactSample(file: string, options: ExactSampleCliOptions, io: CliIo): Promise<number> {
  const command = 'exact sample';
  const samples = numberFlag(command, '--samples', options.samples, { integer: true, min: 1 });
  const seed = numberFlag(command, '--seed', options.seed ?? '0', { integer: true, min: 0 }) as number;
  if (samples === undefined) {
    throw new InvalidArgumentError({ pkg: 'apps', fn: command, argument: '--samples', value: undefined, rule: 'given (the number of configurations)' });
  }
  if (options.out === undefined) {
    throw new InvalidArgumentError({ pkg: 'apps', fn: command, argument: '--out', value: undefined, rule: 'given (the JSON file to write)' });
  }
  const { model } = await loadModel(command, file, options);
  const started = performance.now();
  const x = sampleExact(model.graph, model.couplings, { beta: model.beta, fields: model.fields, samples, rng: createRng(seed) });
  const seconds = (performance.now() - started) / 1000;
  const n = model.order;
  const configurations = Array.from({ length: samples }, (_, s) => Array.from(x.subarray(s * n, (s + 1) * n)));
  writeJsonAtomic(options.out, { file, nodes: n, edges: model.graph.size, beta: model.beta, seed, samples, seconds, configurations });
  const summary = { file, out: options.out, nodes: n, samples, seconds };
  io.out(options.json ? JSON.stringify(summary) : `${samples} exact samples of ${file} (${n} nodes) written to ${options.out} in ${seconds.toFixed(3)} s`);
  return 0;
}
