/**
 * Regular lattices on a box of `sizes[0] × sizes[1] × …` nodes, node id = mixed-radix number with the first
 * coordinate most significant (2D: r·cols + c).
 */
import type { Graph } from '../../core/graph.js';
import { checkOptions, type CheckSite } from '../../errors/validate.js';
import { assembleSimpleUndirected } from './assemble.js';
import { checkGraphFits, checkNodeCount, parsePeriodic } from './checks.js';

const DEFAULTS = Object.freeze({ periodic: false as unknown });

/** Number of edges `latticeGraph` creates (exact, O(dims · steps)). */
export function latticeSize(
  sizes: readonly number[],
  periodic: readonly boolean[],
  steps: readonly (readonly number[])[],
): number {
  let size = 0;
  for (const step of steps) {
    let count = 1;
    for (let k = 0; k < sizes.length; k++) {
      const s = sizes[k] as number;
      const d = Math.abs(step[k] as number);
      count *= d === 0 || periodic[k] ? s : Math.max(0, s - d);
    }
    size += count;
  }
  return size;
}

/**
 * Connects every node x to x + step for each step (coordinates wrapped in periodic dimensions, steps leaving the box
 * dropped otherwise), in O(order · steps · dims). Raw kernel: callers guarantee ≥ 3 nodes in every wrapped dimension
 * (so no loop or repeated edge arises when |step components| ≤ 1), that each step's first non-zero component is
 * positive (so every edge is produced once), and that the result fits Int32 CSR arrays.
 * Edge ids: node by node, and for each node the steps in the given order.
 */
export function latticeGraph(
  sizes: readonly number[],
  periodic: readonly boolean[],
  steps: readonly (readonly number[])[],
): Graph {
  // Work in three dimensions (missing leading dimensions have size 1) with flat step arrays: no per-node allocation.
  const pad = 3 - sizes.length;
  const S = [1, 1, 1];
  const wrap = [0, 0, 0];
  for (let k = 0; k < sizes.length; k++) {
    S[pad + k] = sizes[k] as number;
    wrap[pad + k] = periodic[k] ? 1 : 0;
  }
  const [s0, s1, s2] = S as [number, number, number];
  const [w0, w1, w2] = wrap as [number, number, number];
  const ns = steps.length;
  const d0 = new Int32Array(ns);
  const d1 = new Int32Array(ns);
  const d2 = new Int32Array(ns);
  for (let t = 0; t < ns; t++) {
    const step = steps[t] as readonly number[];
    const full = [0, 0, 0];
    for (let k = 0; k < step.length; k++) full[pad + k] = step[k] as number;
    d0[t] = full[0] as number;
    d1[t] = full[1] as number;
    d2[t] = full[2] as number;
  }
  const order = s0 * s1 * s2;
  const size = latticeSize(sizes, periodic, steps);
  const sources = new Int32Array(size);
  const targets = new Int32Array(size);
  let m = 0;
  let x = 0;
  for (let i = 0; i < s0; i++) {
    for (let j = 0; j < s1; j++) {
      for (let k = 0; k < s2; k++, x++) {
        for (let t = 0; t < ns; t++) {
          let a = i + (d0[t] as number);
          let b = j + (d1[t] as number);
          let c = k + (d2[t] as number);
          if (a < 0 || a >= s0) {
            if (!w0) continue;
            a = a < 0 ? a + s0 : a - s0;
          }
          if (b < 0 || b >= s1) {
            if (!w1) continue;
            b = b < 0 ? b + s1 : b - s1;
          }
          if (c < 0 || c >= s2) {
            if (!w2) continue;
            c = c < 0 ? c + s2 : c - s2;
          }
          const y = (a * s1 + b) * s2 + c;
          sources[m] = x < y ? x : y;
          targets[m] = x < y ? y : x;
          m++;
        }
      }
    }
  }
  return assembleSimpleUndirected(order, sources, targets);
}

/** Validates a lattice generator's arguments once, at its entry, then builds the lattice. */
export function checkedLattice(
  site: CheckSite,
  sizes: readonly unknown[],
  names: readonly string[],
  options: unknown,
  steps: readonly (readonly number[])[],
): Graph {
  const opts = { ...DEFAULTS, ...checkOptions<{ periodic: unknown }>(site, options, ['periodic']) };
  const dims: number[] = [];
  for (let k = 0; k < sizes.length; k++) dims.push(checkNodeCount(site, names[k] as string, sizes[k]));
  const periodic = parsePeriodic(site, opts.periodic, dims, names);
  let order = 1;
  for (const s of dims) order *= s;
  checkGraphFits(site, names.join(' × '), dims.join(' × '), order, latticeSize(dims, periodic, steps));
  return latticeGraph(dims, periodic, steps);
}
