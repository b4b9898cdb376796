/**
 * The order in which single-spin samplers visit nodes: colour class by colour class (seed 000, Alg. 1). Nodes of
 * one class are pairwise non-adjacent, so updating them one after another equals updating them simultaneously;
 * the schedule is what makes a sweep parallelisable and is shared by Metropolis and heat-bath.
 */
import {
  InvalidArgumentError,
  checkGraph,
  checkOptions,
  checkUndirected,
  greedyColouring,
  isProperColouring,
  type Colouring,
  type Graph,
} from '@isinglab/graph';

/** Nodes grouped by colour: class k is `order[classStarts[k] .. classStarts[k+1])`, ascending ids inside a class. */
export interface UpdateSchedule {
  readonly order: Int32Array;
  readonly classStarts: Int32Array;
  /** Number of colour classes. */
  readonly classes: number;
  /** `colours[v]` is the class of node v. */
  readonly colours: Int32Array;
  /** Largest node degree of the graph (sizes the samplers' lookup tables). */
  readonly maxDegree: number;
  /** How the colouring was obtained. */
  readonly method: 'bipartite' | 'greedy' | 'given';
}

export interface UpdateScheduleOptions {
  /**
   * A proper colouring to use (checked). When omitted: the 2-colouring of a bipartite graph found by BFS (the
   * checkerboard of a square lattice or an even torus), else a greedy largest-first colouring.
   * @default undefined
   */
  colouring?: Colouring | Int32Array;
}

/** Builds the colour-class schedule of an undirected graph. O(N + M). */
export function updateSchedule(graph: Graph, options?: UpdateScheduleOptions): UpdateSchedule {
  const site = { pkg: 'ising', fn: 'updateSchedule' };
  checkGraph(site, graph);
  checkUndirected(site, graph);
  const opts = checkOptions<UpdateScheduleOptions>(site, options, ['colouring']);
  let colours: Int32Array;
  let method: UpdateSchedule['method'];
  if (opts.colouring !== undefined) {
    const given = opts.colouring instanceof Int32Array ? opts.colouring : opts.colouring?.colours;
    if (!(given instanceof Int32Array) || given.length !== graph.order || !isProperColouring(graph, given)) {
      throw new InvalidArgumentError({
        ...site,
        argument: 'options.colouring',
        value: given,
        rule: `a proper colouring of the graph (Int32Array of length ${graph.order}, no edge inside a colour)`,
        hint: 'use greedyColouring(graph) or dsaturColouring(graph) from @isinglab/graph',
      });
    }
    colours = given;
    method = 'given';
  } else {
    const two = bipartiteColours(graph);
    if (two !== undefined) {
      colours = two;
      method = 'bipartite';
    } else {
      colours = greedyColouring(graph, { strategy: 'largest-first' }).colours;
      method = 'greedy';
    }
  }
  let maxDegree = 0;
  for (let v = 0; v < graph.order; v++) maxDegree = Math.max(maxDegree, (graph.offsets[v + 1] as number) - (graph.offsets[v] as number));
  return scheduleFromColours(colours, method, maxDegree);
}

function scheduleFromColours(colours: Int32Array, method: UpdateSchedule['method'], maxDegree: number): UpdateSchedule {
  let classes = 0;
  for (let v = 0; v < colours.length; v++) if ((colours[v] as number) + 1 > classes) classes = (colours[v] as number) + 1;
  const classStarts = new Int32Array(classes + 1);
  for (let v = 0; v < colours.length; v++) classStarts[(colours[v] as number) + 1]!++;
  for (let k = 0; k < classes; k++) classStarts[k + 1]! += classStarts[k] as number;
  const fill = classStarts.slice(0, classes);
  const order = new Int32Array(colours.length);
  for (let v = 0; v < colours.length; v++) order[fill[colours[v] as number]!++] = v;
  return Object.freeze({ order, classStarts, classes, colours, maxDegree, method });
}

/** BFS 2-colouring, or undefined when an odd cycle exists. Empty classes are avoided for edgeless graphs. */
function bipartiteColours(graph: Graph): Int32Array | undefined {
  const n = graph.order;
  const { offsets, targets } = graph;
  const colours = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let hasEdge = false;
  for (let s = 0; s < n; s++) {
    if (colours[s] !== -1) continue;
    colours[s] = 0;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    while (head < tail) {
      const u = queue[head++] as number;
      const cu = colours[u] as number;
      for (let p = offsets[u] as number; p < (offsets[u + 1] as number); p++) {
        const w = targets[p] as number;
        hasEdge = true;
        if (colours[w] === -1) {
          colours[w] = 1 - cu;
          queue[tail++] = w;
        } else if (colours[w] === cu) return undefined;
      }
    }
  }
  return hasEdge ? colours : colours.fill(0);
}
