import { InvalidArgumentError } from '../errors/errors.js';
import { checkInteger } from '../errors/validate.js';

/** The nodes of each colour as a CSR listing: colour c owns `nodes[offsets[c] .. offsets[c+1])`, ascending. */
export interface ColourClasses {
  /** Number of colours (classes may be empty when `count` was passed explicitly). */
  count: number;
  /** Class starts, length `count + 1`. */
  offsets: Int32Array;
  /** Node ids grouped by colour, ascending within each colour. */
  nodes: Int32Array;
}

/**
 * Groups nodes by colour with a counting sort, O(n + count): the colour classes a chromatic (one class at a time)
 * Gibbs sweep updates in turn. `count` defaults to 1 + the largest colour (0 for no nodes), and then every colour
 * must be below the number of nodes; with an explicit `count` every colour must be an integer in [0, count).
 */
export function colourClasses(colours: ArrayLike<number>, count?: number): ColourClasses {
  const site = { pkg: 'graph', fn: 'colourClasses' };
  if (!(Array.isArray(colours) || (ArrayBuffer.isView(colours) && !(colours instanceof DataView)))) {
    throw new InvalidArgumentError({ ...site, argument: 'colours', value: colours, rule: 'an array of colours (one per node)' });
  }
  const n = colours.length;
  let k: number;
  if (count === undefined) {
    k = 0;
    for (let v = 0; v < n; v++) {
      const c = colours[v] as number;
      if (!(Number.isInteger(c) && c >= 0 && c < n)) {
        throw new InvalidArgumentError({
          ...site,
          argument: `colours[${v}]`,
          value: c,
          rule: `an integer in [0, ${n}) (the number of nodes)`,
          hint: 'Pass count explicitly to allow larger colour numbers.',
        });
      }
      if (c + 1 > k) k = c + 1;
    }
  } else {
    k = checkInteger(site, 'count', count, { min: 0, max: 0x7fffffff - 1 });
    for (let v = 0; v < n; v++) {
      const c = colours[v] as number;
      if (!(Number.isInteger(c) && c >= 0 && c < k)) {
        throw new InvalidArgumentError({ ...site, argument: `colours[${v}]`, value: c, rule: `an integer in [0, ${k})` });
      }
    }
  }
  const offsets = new Int32Array(k + 1);
  for (let v = 0; v < n; v++) offsets[(colours[v] as number) + 1]!++;
  for (let c = 0; c < k; c++) offsets[c + 1] = (offsets[c + 1] as number) + (offsets[c] as number);
  const cursor = offsets.slice(0, k);
  const nodes = new Int32Array(n);
  for (let v = 0; v < n; v++) nodes[cursor[colours[v] as number]!++] = v;
  return { count: k, offsets, nodes };
}
