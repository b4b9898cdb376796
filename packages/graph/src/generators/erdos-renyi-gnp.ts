import type { Graph } from '../core/graph.js';
import { InvalidArgumentError } from '../errors/errors.js';
import { checkBoolean, checkOptions, checkProbability } from '../errors/validate.js';
import { checkRng, type Rng } from '../random/rng.js';
import {
  MAX_DIRECTED_SIZE,
  MAX_UNDIRECTED_SIZE,
  assembleSimpleDirected,
  assembleSimpleUndirected,
  createEdgeBuffer,
  edgeBufferArrays,
  pushEdge,
} from './internal/assemble.js';
import { checkNodeCount } from './internal/checks.js';

export interface ErdosRenyiGnpOptions {
  /** Random source (required: there is no default generator). Create one with `createRng(seed)`. */
  rng: Rng;
  /** Directed G(n, p): each of the n(n − 1) ordered pairs is an arc with probability p. @default false */
  directed?: boolean;
}

const DEFAULTS = Object.freeze({ directed: false });
// Bound once: in sandboxes such as jest's vm contexts every global lookup (Math.*) in a hot loop is very slow.
const floor = Math.floor;
const log1p = Math.log1p;

/**
 * The Erdős–Rényi random graph G(n, p): each of the C(n, 2) node pairs (n(n − 1) ordered pairs when directed) is an
 * edge independently with probability p. Uses geometric skipping over the pairs, in order, so the cost is O(n + m) for
 * m generated edges rather than O(n²): V. Batagelj, U. Brandes, "Efficient generation of large random networks",
 * Phys. Rev. E 71, 036113 (2005), algorithm G(n, p). p = 0 and p = 1 draw no random numbers.
 * Edge ids follow pair order: undirected by (larger endpoint, smaller endpoint), directed by (source, target).
 */
export function erdosRenyiGnp(n: number, p: number, options: ErdosRenyiGnpOptions): Graph {
  const site = { pkg: 'graph', fn: 'erdosRenyiGnp' };
  const opts = { ...DEFAULTS, ...checkOptions<ErdosRenyiGnpOptions>(site, options, ['rng', 'directed']) };
  checkNodeCount(site, 'n', n);
  checkProbability(site, 'p', p);
  const rng = checkRng(site, opts.rng);
  const directed = checkBoolean(site, 'options.directed', opts.directed);
  const pairs = directed ? n * (n - 1) : (n * (n - 1)) / 2;
  const maxSize = directed ? MAX_DIRECTED_SIZE : MAX_UNDIRECTED_SIZE;
  const mean = p * pairs;
  const tooMany = (): InvalidArgumentError =>
    new InvalidArgumentError({
      ...site,
      argument: 'p',
      value: p,
      rule: `small enough that the expected ${mean} edges fit in at most ${maxSize} edges`,
    });
  if (mean + 6 * Math.sqrt(mean) > maxSize) throw tooMany();

  const buffer = createEdgeBuffer(Math.min(maxSize, mean + 6 * Math.sqrt(mean) + 16));
  if (p === 1) {
    // Every pair, in the same order the skipping loops would produce.
    for (let v = 0; v < n; v++) {
      if (directed) {
        for (let w = 0; w < n; w++) if (w !== v) pushEdge(buffer, v, w);
      } else {
        for (let w = 0; w < v; w++) pushEdge(buffer, w, v);
      }
    }
  } else if (p > 0 && n > 1) {
    const logQ = Math.log1p(-p);
    if (directed) {
      // Row v holds the n − 1 possible targets of v; index w < n − 1 maps to target w (w < v) or w + 1 (w ≥ v).
      const row = n - 1;
      let v = 0;
      let w = -1;
      while (v < n) {
        w += 1 + floor(log1p(-rng.float64()) / logQ);
        while (w >= row && v < n) {
          w -= row;
          v++;
        }
        if (v < n) {
          if (buffer.length === maxSize) throw tooMany();
          pushEdge(buffer, v, w < v ? w : w + 1);
        }
      }
    } else {
      // Batagelj–Brandes: pairs (w, v) with w < v in order of v, then w.
      let v = 1;
      let w = -1;
      while (v < n) {
        w += 1 + floor(log1p(-rng.float64()) / logQ);
        while (w >= v && v < n) {
          w -= v;
          v++;
        }
        if (v < n) {
          if (buffer.length === maxSize) throw tooMany();
          pushEdge(buffer, w, v);
        }
      }
    }
  }
  const { sources, targets } = edgeBufferArrays(buffer);
  return directed ? assembleSimpleDirected(n, sources, targets) : assembleSimpleUndirected(n, sources, targets);
}
