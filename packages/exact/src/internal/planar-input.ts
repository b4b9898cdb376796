/** Validation shared by the exact entry points: β, planarity, the zero-field requirement and the couplings. */
import { InvalidArgumentError, UnsupportedGraphError, checkFiniteNumber, checkPlanarity, type Graph, type PlanarEmbedding } from '@isinglab/graph';

/** Couplings: one J for every edge, one per edge id, or the graph's edge weights. */
export type Couplings = number | ArrayLike<number> | 'weights';

type Site = { pkg: string; fn: string };

export interface PlanarInput {
  /** β·J per edge id. */
  betaJ: Float64Array;
  /** The planar embedding, or null for a non-planar graph (then try the K3,3-minor-free solver). */
  embedding: PlanarEmbedding | null;
}

/**
 * Checks β (≥ 0, default 1), the graph (undirected), zero fields and the couplings; returns β·J per edge and the
 * planar embedding (null when the graph is not planar: the caller hands it to the K3,3-minor-free solver, which
 * throws UnsupportedGraphError with a K3,3 certificate when that fails too).
 */
export function prepareIsingInput(site: Site, graph: Graph, couplings: Couplings, options: { beta?: number; fields?: number | ArrayLike<number> }): PlanarInput {
  const beta = checkFiniteNumber(site, 'options.beta', options.beta ?? 1, { min: 0 });
  const planarity = checkPlanarity(graph, { certificate: false }); // validates the graph (undirected) too
  checkZeroFields(site, graph, options.fields);
  const betaJ = resolveCouplings(site, graph, couplings, beta);
  return { betaJ, embedding: planarity.planar ? planarity.embedding : null };
}

/** β·J per edge id. */
function resolveCouplings(site: Site, graph: Graph, couplings: Couplings, beta: number): Float64Array {
  const m = graph.size;
  const out = new Float64Array(m);
  if (typeof couplings === 'number') {
    checkFiniteNumber(site, 'couplings', couplings);
    out.fill(beta * couplings);
    return out;
  }
  let source: ArrayLike<number>;
  let name = 'couplings';
  if (couplings === 'weights') {
    if (graph.weights === undefined) {
      throw new InvalidArgumentError({ ...site, argument: 'couplings', value: 'weights', rule: 'a number or per-edge array when the graph has no edge weights' });
    }
    source = graph.weights;
    name = 'graph.weights';
  } else if (Array.isArray(couplings) || ArrayBuffer.isView(couplings)) {
    source = couplings as ArrayLike<number>;
  } else {
    throw new InvalidArgumentError({ ...site, argument: 'couplings', value: couplings, rule: "a number, an array with one J per edge id, or 'weights'" });
  }
  if (source.length !== m) {
    throw new InvalidArgumentError({ ...site, argument: name, value: `${source.length} values`, rule: `one coupling per edge id (${m})` });
  }
  for (let e = 0; e < m; e++) {
    const j = source[e];
    if (typeof j !== 'number' || !Number.isFinite(j)) {
      throw new InvalidArgumentError({ ...site, argument: `${name}[${e}]`, value: j, rule: 'a finite number', hint: 'NaN or infinite couplings have no Ising model.' });
    }
    out[e] = beta * j;
  }
  return out;
}

function checkZeroFields(site: Site, graph: Graph, fields: number | ArrayLike<number> | undefined): void {
  if (fields === undefined) return;
  const values: ArrayLike<number> = typeof fields === 'number' ? [fields] : fields;
  if (typeof fields !== 'number' && values.length !== graph.order) {
    throw new InvalidArgumentError({ ...site, argument: 'options.fields', value: `${values.length} values`, rule: `one field per node (${graph.order})` });
  }
  for (let i = 0; i < values.length; i++) {
    if (values[i] !== 0) {
      throw new UnsupportedGraphError({
        ...site,
        reason: `the planar solver needs zero fields (options.fields${typeof fields === 'number' ? '' : `[${i}]`} is ${values[i]})`,
        hint: 'A field h_i can be written as a coupling to an extra apex spin fixed to +1, but the apex keeps the graph planar only when it is outerplanar (all nodes on one face).',
      });
    }
  }
}
