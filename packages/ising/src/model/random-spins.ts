import { checkInteger, checkRng, type Rng } from '@isinglab/graph';

/**
 * Uniformly random ±1 spins for `chains` chains of `order` spins (seed 000, Alg. 1: x_i ~ U({−1, 1})),
 * one `rng.uint32()` bit per spin group of 32. O(chains · order).
 */
export function randomSpins(order: number, chains: number, rng: Rng): Int8Array {
  const site = { pkg: 'ising', fn: 'randomSpins' };
  checkInteger(site, 'order', order, { min: 0 });
  checkInteger(site, 'chains', chains, { min: 1 });
  checkRng(site, rng, 'rng');
  const spins = new Int8Array(order * chains);
  randomSpinsInto(spins, 0, spins.length, rng);
  return spins;
}

/** @internal Fills `spins[start, end)` with random ±1 using 32 spins per draw. */
export function randomSpinsInto(spins: Int8Array, start: number, end: number, rng: Rng): void {
  let bits = 0;
  let left = 0;
  for (let i = start; i < end; i++) {
    if (left === 0) {
      bits = rng.uint32();
      left = 32;
    }
    spins[i] = (bits & 1) === 1 ? 1 : -1;
    bits >>>= 1;
    left--;
  }
}
