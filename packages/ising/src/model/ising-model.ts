/**
 * The Ising model on a graph (seed 000, Eq. 2):  E(x) = −Σ_{(i,j)∈E} J_ij x_i x_j − Σ_i h_i x_i,  p(x) ∝ exp(−β E(x)).
 * Each undirected edge is counted once. Spins are ±1 stored in an `Int8Array`; a batch of C chains is one
 * `Int8Array` of length C·N with chain c at offset c·N.
 */
import {
  InvalidArgumentError,
  checkFiniteArray,
  checkFiniteNumber,
  checkGraph,
  checkLength,
  checkOptions,
  checkUndirected,
  type Graph,
} from '@isinglab/graph';

/** An immutable Ising model. Typed arrays cannot be frozen: treat them as read-only. */
export interface IsingModel {
  /** The undirected interaction graph (self-loops and duplicates already removed by the CSR builder). */
  readonly graph: Graph;
  /** Number of spins, `graph.order`. */
  readonly order: number;
  /** Coupling J of each edge id, length `graph.size`. */
  readonly couplings: Float64Array;
  /** External field h of each node, length `order`. */
  readonly fields: Float64Array;
  /** Inverse temperature β ≥ 0. */
  readonly beta: number;
  /** The common coupling when every edge has the same J, else undefined (enables lookup-table fast paths). */
  readonly uniformCoupling: number | undefined;
  /** The common field when every node has the same h, else undefined (enables lookup-table fast paths). */
  readonly uniformField: number | undefined;
  /** True when every field is exactly zero (cluster algorithms need this). */
  readonly zeroField: boolean;
}

export interface IsingModelOptions {
  /**
   * Couplings J: one number for every edge, a per-edge-id array of length `graph.size`, or `'weights'` to take the
   * graph's edge weights. @default 1
   */
  couplings?: number | ArrayLike<number> | 'weights';
  /** External fields h: one number for every node or a per-node array of length `graph.order`. @default 0 */
  fields?: number | ArrayLike<number>;
  /** Inverse temperature β ≥ 0. @default 1 */
  beta?: number;
}

const DEFAULTS = Object.freeze({ couplings: 1 as number, fields: 0 as number, beta: 1 });
const KNOWN: readonly (keyof IsingModelOptions)[] = ['couplings', 'fields', 'beta'];

/**
 * Builds an Ising model on an undirected graph. Couplings and fields are copied into fresh `Float64Array`s and
 * checked to be finite (the first bad index is named in the error). O(N + M).
 * @example createIsingModel(squareLattice(4, 4, { periodic: true }), { beta: 0.44 })
 */
export function createIsingModel(graph: Graph, options?: IsingModelOptions): IsingModel {
  const site = { pkg: 'ising', fn: 'createIsingModel' };
  checkGraph(site, graph);
  checkUndirected(site, graph);
  const opts = { ...DEFAULTS, ...checkOptions<IsingModelOptions>(site, options, KNOWN) };
  const beta = checkFiniteNumber(site, 'options.beta', opts.beta, { min: 0 });

  const couplings = new Float64Array(graph.size);
  if (opts.couplings === 'weights') {
    if (graph.weights === undefined) {
      throw new InvalidArgumentError({
        ...site,
        argument: 'options.couplings',
        value: 'weights',
        rule: 'a number or an array when the graph has no edge weights',
        hint: 'read the graph with weights (e.g. a weighted edge list or MatrixMarket file) or pass a number',
      });
    }
    couplings.set(graph.weights);
    checkFiniteArray(site, 'graph.weights', couplings);
  } else if (typeof opts.couplings === 'number') {
    couplings.fill(checkFiniteNumber(site, 'options.couplings', opts.couplings));
  } else {
    checkArrayLike(site, 'options.couplings', opts.couplings, graph.size);
    couplings.set(opts.couplings);
    checkFiniteArray(site, 'options.couplings', couplings);
  }

  const fields = new Float64Array(graph.order);
  if (typeof opts.fields === 'number') {
    fields.fill(checkFiniteNumber(site, 'options.fields', opts.fields));
  } else {
    checkArrayLike(site, 'options.fields', opts.fields, graph.order);
    fields.set(opts.fields);
    checkFiniteArray(site, 'options.fields', fields);
  }

  return Object.freeze({
    graph,
    order: graph.order,
    couplings,
    fields,
    beta,
    uniformCoupling: commonValue(couplings),
    uniformField: commonValue(fields),
    zeroField: fields.every((h) => h === 0),
  });
}

/** A copy of `model` at another inverse temperature (couplings and fields shared, not copied). */
export function withBeta(model: IsingModel, beta: number): IsingModel {
  const site = { pkg: 'ising', fn: 'withBeta' };
  checkIsingModel(site, model);
  checkFiniteNumber(site, 'beta', beta, { min: 0 });
  return Object.freeze({ ...model, beta });
}

/** A copy of `model` with other fields (e.g. the output of a GNN); graph and couplings shared. */
export function withFields(model: IsingModel, fields: ArrayLike<number>): IsingModel {
  const site = { pkg: 'ising', fn: 'withFields' };
  checkIsingModel(site, model);
  checkArrayLike(site, 'fields', fields, model.order);
  const copy = Float64Array.from(fields);
  checkFiniteArray(site, 'fields', copy);
  return Object.freeze({ ...model, fields: copy, uniformField: commonValue(copy), zeroField: copy.every((h) => h === 0) });
}

function commonValue(values: Float64Array): number | undefined {
  if (values.length === 0) return undefined;
  const first = values[0] as number;
  for (let i = 1; i < values.length; i++) if (values[i] !== first) return undefined;
  return first;
}

function checkArrayLike(site: { pkg: string; fn: string }, argument: string, value: unknown, length: number): void {
  if (typeof value !== 'object' || value === null || typeof (value as { length?: unknown }).length !== 'number') {
    throw new InvalidArgumentError({ ...site, argument, value, rule: `a number or an array of length ${length}` });
  }
  checkLength(site, argument, value, length);
}

/** Entry check shared by every public function taking a model. */
export function checkIsingModel(site: { pkg: string; fn: string }, value: unknown, argument = 'model'): IsingModel {
  const m = value as Partial<IsingModel> | null;
  if (
    typeof m !== 'object' ||
    m === null ||
    !(m.couplings instanceof Float64Array) ||
    !(m.fields instanceof Float64Array) ||
    typeof m.beta !== 'number' ||
    typeof m.graph !== 'object' ||
    m.graph === null ||
    m.couplings.length !== m.graph.size ||
    m.fields.length !== m.graph.order
  ) {
    throw new InvalidArgumentError({
      ...site,
      argument,
      value,
      rule: 'an IsingModel',
      hint: 'build one with createIsingModel(graph, { couplings, fields, beta })',
    });
  }
  return m as IsingModel;
}

/**
 * Checks `spins` is an `Int8Array` of ±1 holding `chains` whole configurations of the model; returns the number
 * of chains (`spins.length / order` when `chains` is omitted). Names the first entry that is not ±1.
 */
export function checkSpins(
  site: { pkg: string; fn: string },
  model: IsingModel,
  spins: unknown,
  argument = 'spins',
  chains?: number,
): number {
  const n = model.order;
  if (!(spins instanceof Int8Array)) {
    throw new InvalidArgumentError({ ...site, argument, value: spins, rule: `an Int8Array of ±1 spins (length a multiple of ${n})` });
  }
  const count = chains ?? (n === 0 ? 0 : spins.length / n);
  if (!Number.isInteger(count) || spins.length !== count * n || (n > 0 && count < 1 && chains === undefined)) {
    throw new InvalidArgumentError({
      ...site,
      argument: `${argument}.length`,
      value: spins.length,
      rule: chains === undefined ? `a positive multiple of the model order ${n}` : `${chains} × ${n} = ${chains * n}`,
    });
  }
  for (let i = 0; i < spins.length; i++) {
    const s = spins[i];
    if (s !== 1 && s !== -1) {
      throw new InvalidArgumentError({ ...site, argument: `${argument}[${i}]`, value: s, rule: '+1 or −1' });
    }
  }
  return count;
}
