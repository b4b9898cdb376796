/** Argument checks shared by the generators (each throws InvalidArgumentError with the house message shape). */
import { InvalidArgumentError } from '../../errors/errors.js';
import type { CheckSite } from '../../errors/validate.js';
import { MAX_DIRECTED_SIZE, MAX_ORDER, MAX_UNDIRECTED_SIZE } from './assemble.js';

/** A node count: an integer in [min, 2^31 − 2]. */
export function checkNodeCount(site: CheckSite, argument: string, value: unknown, min = 0): number {
  if (!(typeof value === 'number' && Number.isInteger(value) && value >= min && value <= MAX_ORDER)) {
    const rule = min === 0 ? `an integer in [0, ${MAX_ORDER}]` : `an integer in [${min}, ${MAX_ORDER}]`;
    throw new InvalidArgumentError({ ...site, argument, value, rule });
  }
  return value;
}

/** Throws when a graph of `order` nodes and `size` edges would not fit Int32 CSR arrays. */
export function checkGraphFits(
  site: CheckSite,
  argument: string,
  value: unknown,
  order: number,
  size: number,
  directed = false,
): void {
  const maxSize = directed ? MAX_DIRECTED_SIZE : MAX_UNDIRECTED_SIZE;
  if (order > MAX_ORDER || size > maxSize) {
    throw new InvalidArgumentError({
      ...site,
      argument,
      value,
      rule: `small enough for at most ${MAX_ORDER} nodes and ${maxSize} edges (got ${order} nodes, ${size} edges)`,
    });
  }
}

/** Reads `options.periodic` (a boolean for every dimension, or one boolean per dimension). */
export function parsePeriodic(
  site: CheckSite,
  value: unknown,
  sizes: readonly number[],
  names: readonly string[],
): boolean[] {
  const dims = sizes.length;
  let flags: boolean[];
  if (value === undefined) flags = new Array<boolean>(dims).fill(false);
  else if (typeof value === 'boolean') flags = new Array<boolean>(dims).fill(value);
  else if (Array.isArray(value) && value.length === dims && value.every((b) => typeof b === 'boolean')) {
    flags = value.slice() as boolean[];
  } else {
    throw new InvalidArgumentError({
      ...site,
      argument: 'options.periodic',
      value,
      rule: `a boolean or an array of ${dims} booleans (one per dimension: ${names.join(', ')})`,
    });
  }
  for (let k = 0; k < dims; k++) {
    if (flags[k] && (sizes[k] as number) < 3) {
      throw new InvalidArgumentError({
        ...site,
        argument: names[k] as string,
        value: sizes[k],
        rule: 'at least 3 when options.periodic wraps that dimension',
        hint: 'A wrapped dimension of 1 or 2 nodes would create self-loops or repeated edges.',
      });
    }
  }
  return flags;
}
