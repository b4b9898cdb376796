/**
 * The shape checks shared by every edge-list input (buildGraph's `input`, the decompositions' multigraph `graph`):
 * an integer order and two node-id arrays of one length. Element checks stay with the callers, whose rules differ
 * (self-loops dropped, kept or refused). Internal.
 */
import { InvalidArgumentError } from '../errors/errors.js';
import type { CheckSite } from '../errors/validate.js';

/** A plain array or a typed array (a DataView, from any realm, has no length). */
export function isArrayLike(value: unknown): value is ArrayLike<number> {
  return (Array.isArray(value) || ArrayBuffer.isView(value)) && typeof (value as { length?: unknown }).length === 'number';
}

/**
 * Checks `order` ∈ [0, maxOrder] (an integer) and that `sources` and `targets` are arrays of one length, naming
 * them `${prefix}.order` etc. in errors; returns that length.
 */
export function checkEdgeListShape(site: CheckSite, prefix: string, order: unknown, sources: unknown, targets: unknown, maxOrder: number): { order: number; sources: ArrayLike<number>; targets: ArrayLike<number> } {
  if (!(typeof order === 'number' && Number.isInteger(order) && order >= 0 && order <= maxOrder)) {
    throw new InvalidArgumentError({ ...site, argument: `${prefix}.order`, value: order, rule: `an integer in [0, ${maxOrder}]` });
  }
  if (!isArrayLike(sources)) {
    throw new InvalidArgumentError({ ...site, argument: `${prefix}.sources`, value: sources, rule: 'an array of node ids' });
  }
  if (!isArrayLike(targets) || targets.length !== sources.length) {
    throw new InvalidArgumentError({
      ...site,
      argument: `${prefix}.targets`,
      value: targets,
      rule: `an array of node ids with the same length as ${prefix}.sources (${sources.length})`,
    });
  }
  return { order, sources, targets };
}
