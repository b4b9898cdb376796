/**
 * A fixed-capacity hash set of ordered pairs of node ids (open addressing, linear probing, backward-shift deletion),
 * used to keep generated graphs simple in O(1) expected time per query. Raw kernel: callers size it for at most
 * `maxSize` pairs and pass node ids in [0, 2^31 − 2].
 */

// Bound once: in sandboxes such as jest's vm contexts every global lookup (Math.*) in a hot loop is very slow.
const imul = Math.imul;

export interface PairSet {
  /** `u + 1` of the pair in each slot, 0 for an empty slot. */
  readonly first: Int32Array;
  readonly second: Int32Array;
  readonly mask: number;
  size: number;
}

/** A set for up to `maxSize` pairs, at most half full so probes stay short. */
export function createPairSet(maxSize: number): PairSet {
  let capacity = 16;
  while (capacity < 2 * maxSize + 2) capacity *= 2;
  return { first: new Int32Array(capacity), second: new Int32Array(capacity), mask: capacity - 1, size: 0 };
}

function slotOf(u: number, v: number, mask: number): number {
  let h = imul(u, 0x9e3779b1) ^ imul(v ^ 0x632be5ab, 0x85ebca77);
  h ^= h >>> 15;
  h = imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h & mask;
}

export function pairSetHas(set: PairSet, u: number, v: number): boolean {
  const { first, second, mask } = set;
  const key = u + 1;
  let i = slotOf(u, v, mask);
  for (;;) {
    const f = first[i] as number;
    if (f === 0) return false;
    if (f === key && second[i] === v) return true;
    i = (i + 1) & mask;
  }
}

/** Adds (u, v); returns false when it was already present. */
export function pairSetAdd(set: PairSet, u: number, v: number): boolean {
  const { first, second, mask } = set;
  const key = u + 1;
  let i = slotOf(u, v, mask);
  for (;;) {
    const f = first[i] as number;
    if (f === 0) break;
    if (f === key && second[i] === v) return false;
    i = (i + 1) & mask;
  }
  first[i] = key;
  second[i] = v;
  set.size++;
  return true;
}

/** Removes (u, v); returns false when it was absent. Backward shift keeps probe chains intact without tombstones. */
export function pairSetDelete(set: PairSet, u: number, v: number): boolean {
  const { first, second, mask } = set;
  const key = u + 1;
  let i = slotOf(u, v, mask);
  for (;;) {
    const f = first[i] as number;
    if (f === 0) return false;
    if (f === key && second[i] === v) break;
    i = (i + 1) & mask;
  }
  // Move later members of the chain back into the hole when their home slot does not lie in (hole, j].
  let hole = i;
  let j = i;
  for (;;) {
    j = (j + 1) & mask;
    const f = first[j] as number;
    if (f === 0) break;
    const home = slotOf(f - 1, second[j] as number, mask);
    const between = hole <= j ? home > hole && home <= j : home > hole || home <= j;
    if (!between) {
      first[hole] = f;
      second[hole] = second[j] as number;
      hole = j;
    }
  }
  first[hole] = 0;
  second[hole] = 0;
  set.size--;
  return true;
}
