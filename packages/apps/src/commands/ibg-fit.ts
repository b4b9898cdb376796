/**
 * `isinglab ibg fit FILE --k K [--epochs E] [--seed S] [--format F] [--json]`: fits a K-community IBG (seed 003:
 * densifying loss, SVD initialisation, full-batch Adam) to the directed graph in FILE (one arc per edge-list line,
 * or any format readGraphFile reads, with `directed`) and prints its fit statistics: weighted and unweighted
 * relative Frobenius errors, bounds on the densifying cut similarity, the loss history's ends and the time per epoch.
 */
import { GRAPH_FORMATS, InvalidArgumentError, checkOneOf, createRng, readGraphFile } from '@isinglab/graph';
import { fitIbg, ibgFitQuality } from '@isinglab/ibg';
import type { CliIo } from '../cli/io.js';
import { numberFlag } from './model-options.js';

export interface IbgFitCliOptions {
  k?: string;
  epochs?: string;
  seed?: string;
  format?: string;
  json?: boolean;
}

export interface IbgFitStatistics {
  file: string;
  nodes: number;
  arcs: number;
  communities: number;
  epochs: number;
  seed: number;
  /** ‖A − Â‖_W / ‖A‖_W at the start (after the SVD initialisation) and at the end. */
  initialRelativeError: number | null;
  relativeError: number;
  unweightedRelativeError: number;
  nonEdgeWeight: number;
  /** Bounds on the densifying cut similarity (ibgFitQuality). */
  cutSimilarityLower: number;
  cutSimilarityUpper: number;
  /** Wall time of the fit (initialisation included) and per epoch. */
  fitMs: number;
  msPerEpoch: number | null;
}

export async function ibgFit(file: string, options: IbgFitCliOptions, io: CliIo): Promise<number> {
  const fn = 'ibg fit';
  const k = numberFlag(fn, '--k', options.k, { integer: true, min: 1 });
  if (k === undefined) throw new InvalidArgumentError({ pkg: 'apps', fn, argument: '--k', value: undefined, rule: 'given (the number of communities K >= 1)' });
  const epochs = numberFlag(fn, '--epochs', options.epochs, { integer: true, min: 0 }) ?? 300;
  const seed = numberFlag(fn, '--seed', options.seed, { integer: true, min: 0 }) ?? 1;
  const format = options.format === undefined ? undefined : checkOneOf({ pkg: 'apps', fn }, '--format', options.format, GRAPH_FORMATS);
  const { graph } = await readGraphFile(file, { directed: true, ...(format === undefined ? {} : { format }) });
  const arcs = graph.offsets[graph.order] as number;
  if (graph.order < 1 || arcs < 1 || k > graph.order) {
    throw new InvalidArgumentError({ pkg: 'apps', fn, argument: 'FILE', value: file, rule: `a directed graph with at least one arc and at least K = ${k} nodes (got ${graph.order} nodes, ${arcs} arcs)` });
  }
  const started = performance.now();
  const fit = fitIbg(graph, { communities: k, epochs, rng: createRng(seed) });
  const fitMs = performance.now() - started;
  const quality = ibgFitQuality(graph, fit.factors, { rng: createRng(seed + 1) });
  const stats: IbgFitStatistics = {
    file,
    nodes: graph.order,
    arcs,
    communities: k,
    epochs,
    seed,
    initialRelativeError: epochs > 0 ? (fit.relativeErrorHistory[0] as number) : null,
    relativeError: quality.relativeError,
    unweightedRelativeError: quality.unweightedRelativeError,
    nonEdgeWeight: quality.nonEdgeWeight,
    cutSimilarityLower: quality.cutSimilarity.lowerBound,
    cutSimilarityUpper: quality.cutSimilarity.upperBound,
    fitMs,
    msPerEpoch: epochs > 0 ? fitMs / epochs : null,
  };
  if (options.json) {
    io.out(JSON.stringify(stats));
    return 0;
  }
  const f = (x: number | null) => (x === null ? 'n/a' : x.toPrecision(4));
  io.out(`${file}: ${stats.nodes} nodes, ${stats.arcs} arcs; IBG with K = ${k}, ${epochs} Adam epochs (seed ${seed})`);
  io.out(`relative error (densifying W, non-arc weight ${f(stats.nonEdgeWeight)}): ${f(stats.initialRelativeError)} after the SVD initialisation, ${f(stats.relativeError)} fitted`);
  io.out(`relative error (unweighted Frobenius): ${f(stats.unweightedRelativeError)}`);
  io.out(`densifying cut similarity: between ${f(stats.cutSimilarityLower)} and ${f(stats.cutSimilarityUpper)}`);
  io.out(`time: ${(fitMs / 1000).toFixed(2)} s (${f(stats.msPerEpoch)} ms per epoch, initialisation included)`);
  return 0;
}
