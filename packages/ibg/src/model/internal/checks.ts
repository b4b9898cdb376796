/**
 * Argument checks shared by the public IBG functions (house message shape). Only public entry points call these.
 */
import {
  InvalidArgumentError,
  checkFiniteNumber,
  checkGraph,
  type CheckSite,
  type Graph,
} from '@isinglab/graph';
import type { IbgFactors } from '../ibg-factors.js';

export const PKG = 'ibg';

export function site(fn: string): CheckSite {
  return { pkg: PKG, fn };
}

/** A graph with at least one node and one arc (out-CSR entry). Returns it. */
export function checkIbgGraph(s: CheckSite, graph: unknown, argument = 'graph'): Graph {
  const g = checkGraph(s, graph, argument);
  if (g.order < 1) {
    throw new InvalidArgumentError({ ...s, argument: `${argument}.order`, value: g.order, rule: 'at least 1' });
  }
  if ((g.offsets[g.order] as number) < 1) {
    throw new InvalidArgumentError({
      ...s,
      argument: `${argument}.size`,
      value: g.size,
      rule: 'at least 1 (an IBG approximates the arcs of a graph; a graph without edges has nothing to fit)',
    });
  }
  return g;
}

/** Optional node features: a Float64Array of n·D finite entries, D ≥ 1. Returns D (0 when absent). */
export function checkFeatures(s: CheckSite, features: unknown, n: number, argument = 'options.features'): number {
  if (features === undefined) return 0;
  if (!(features instanceof Float64Array)) {
    throw new InvalidArgumentError({
      ...s,
      argument,
      value: features,
      rule: 'a Float64Array of N × D node features (row-major)',
      hint: 'Convert with Float64Array.from(values).',
    });
  }
  if (features.length === 0 || features.length % n !== 0) {
    throw new InvalidArgumentError({
      ...s,
      argument: `${argument}.length`,
      value: features.length,
      rule: `a positive multiple of the node count ${n} (N × D, row-major)`,
    });
  }
  for (let i = 0; i < features.length; i++) {
    const x = features[i] as number;
    if (!Number.isFinite(x)) {
      throw new InvalidArgumentError({ ...s, argument: `${argument}[${i}]`, value: x, rule: 'a finite number' });
    }
  }
  return features.length / n;
}

function checkArray(s: CheckSite, argument: string, value: unknown, length: number, lo?: number, hi?: number): void {
  if (!(value instanceof Float64Array)) {
    throw new InvalidArgumentError({ ...s, argument, value, rule: 'a Float64Array' });
  }
  if (value.length !== length) {
    throw new InvalidArgumentError({ ...s, argument: `${argument}.length`, value: value.length, rule: `${length}` });
  }
  for (let i = 0; i < length; i++) {
    const x = value[i] as number;
    if (!Number.isFinite(x) || (lo !== undefined && x < lo) || (hi !== undefined && x > hi)) {
      throw new InvalidArgumentError({
        ...s,
        argument: `${argument}[${i}]`,
        value: x,
        rule: lo === undefined ? 'a finite number' : `a number in [${lo}, ${hi}]`,
      });
    }
  }
}

/**
 * IbgFactors with consistent shapes: `nodes` equal to `n` (when given), memberships in [0, 1], everything finite,
 * and `featureDim` equal to `d` (when given).
 */
export function checkFactors(
  s: CheckSite,
  value: unknown,
  n: number | undefined,
  d: number | undefined,
  argument = 'factors',
): IbgFactors {
  const f = value as Partial<IbgFactors> | null;
  if (typeof f !== 'object' || f === null) {
    throw new InvalidArgumentError({ ...s, argument, value, rule: 'an IbgFactors object (from initialiseIbg or fitIbg)' });
  }
  const nodes = f.nodes;
  if (!(Number.isInteger(nodes) && (nodes as number) >= 1) || (n !== undefined && nodes !== n)) {
    throw new InvalidArgumentError({
      ...s,
      argument: `${argument}.nodes`,
      value: nodes,
      rule: n === undefined ? 'a positive integer' : `the graph's order ${n}`,
    });
  }
  const k = f.communities;
  if (!(Number.isInteger(k) && (k as number) >= 1)) {
    throw new InvalidArgumentError({ ...s, argument: `${argument}.communities`, value: k, rule: 'a positive integer' });
  }
  const dim = f.featureDim;
  if (!(Number.isInteger(dim) && (dim as number) >= 0) || (d !== undefined && dim !== d)) {
    throw new InvalidArgumentError({
      ...s,
      argument: `${argument}.featureDim`,
      value: dim,
      rule: d === undefined ? 'a non-negative integer' : `${d} (the feature dimension of options.features; 0 without)`,
    });
  }
  const nn = nodes as number;
  const kk = k as number;
  const dd = dim as number;
  checkArray(s, `${argument}.sourceMemberships`, f.sourceMemberships, nn * kk, 0, 1);
  checkArray(s, `${argument}.targetMemberships`, f.targetMemberships, nn * kk, 0, 1);
  checkArray(s, `${argument}.weights`, f.weights, kk);
  checkArray(s, `${argument}.sourceFeatures`, f.sourceFeatures, kk * dd);
  checkArray(s, `${argument}.targetFeatures`, f.targetFeatures, kk * dd);
  return f as IbgFactors;
}

/** γ ≥ 0 (finite) or null. */
export function checkDensifyingScale(s: CheckSite, value: unknown): number | null {
  if (value === null) return null;
  return checkFiniteNumber(s, 'options.densifyingScale', value, { min: 0 });
}

/**
 * The weight of non-arcs (seed 003 Eq. (12), Appendix C): w = γ·nnz / (N² − nnz), capped at 1 (γ beyond
 * (N² − nnz)/nnz would weigh non-arcs above arcs, the opposite of densifying; the seed's range of γ ends where
 * w = 1). γ = null gives w = 1, the unweighted Frobenius loss. With no non-arcs at all w is irrelevant; 1 is used.
 */
export function nonEdgeWeightOf(n: number, nnz: number, scale: number | null): number {
  if (scale === null) return 1;
  const nonArcs = n * n - nnz;
  if (nonArcs <= 0) return 1;
  return Math.min(1, (scale * nnz) / nonArcs);
}

export function checkFunction(s: CheckSite, argument: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'function') {
    throw new InvalidArgumentError({ ...s, argument, value, rule: 'a function' });
  }
}

export function checkAbortSignal(s: CheckSite, value: unknown): AbortSignal | undefined {
  if (value === undefined) return undefined;
  const sig = value as Partial<AbortSignal> | null;
  if (typeof sig !== 'object' || sig === null || typeof sig.aborted !== 'boolean' || typeof sig.throwIfAborted !== 'function') {
    throw new InvalidArgumentError({ ...s, argument: 'options.signal', value, rule: 'an AbortSignal' });
  }
  return value as AbortSignal;
}
