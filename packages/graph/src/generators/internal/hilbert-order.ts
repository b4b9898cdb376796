/**
 * Spatial sort for incremental Delaunay insertion: consecutive points along a Hilbert curve are close, so walking
 * from the previous insertion to the next point takes O(1) expected steps. O(n + 2^16) (two 16-bit radix passes),
 * O(n log n) below SMALL_SORT points.
 */

const BITS = 16;
const SIDE = 1 << BITS;
/** Below this many points a comparison sort beats the two O(2^16) radix passes. */
const SMALL_SORT = 4096;
// Bound once: in sandboxes such as jest's vm contexts every global lookup (Math.*) in a hot loop is very slow.
const floor = Math.floor;
const min = Math.min;

/** Hilbert index of cell (x, y) on a SIDE × SIDE grid (the classic xy2d, rotating quadrants as it descends). */
function hilbertIndex(x: number, y: number): number {
  let d = 0;
  for (let s = SIDE >>> 1; s > 0; s >>>= 1) {
    const rx = (x & s) > 0 ? 1 : 0;
    const ry = (y & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        x = SIDE - 1 - x;
        y = SIDE - 1 - y;
      }
      const t = x;
      x = y;
      y = t;
    }
  }
  return d;
}

/** Permutation of 0..n−1 ordering the points (x at 2i, y at 2i + 1) along a Hilbert curve over their bounding box. */
export function hilbertOrder(coords: Float64Array, n: number): Int32Array {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = coords[2 * i] as number;
    const y = coords[2 * i + 1] as number;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const span = Math.max(maxX - minX, maxY - minY) || 1;
  const scale = (SIDE - 1) / span;
  const key = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const cx = min(SIDE - 1, floor(((coords[2 * i] as number) - minX) * scale));
    const cy = min(SIDE - 1, floor(((coords[2 * i + 1] as number) - minY) * scale));
    key[i] = hilbertIndex(cx, cy);
  }
  if (n < SMALL_SORT) {
    // the radix passes cost O(2^16) whatever n: small inputs (many small pieces in randomK33FreeGraph) use a
    // comparison sort with the same order (ascending key, ties by index, as the stable radix sort gives)
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    return order.sort((a, b) => (key[a] as number) - (key[b] as number) || a - b);
  }
  // LSD radix sort on the two 16-bit halves (stable).
  const bucket = new Int32Array(SIDE + 1);
  const tmp = new Int32Array(n);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) bucket[((key[i] as number) & 0xffff) + 1]!++;
  for (let b = 0; b < SIDE; b++) bucket[b + 1] = (bucket[b + 1] as number) + (bucket[b] as number);
  for (let i = 0; i < n; i++) {
    const b = (key[i] as number) & 0xffff;
    tmp[bucket[b]!++] = i;
  }
  bucket.fill(0);
  for (let i = 0; i < n; i++) bucket[((key[i] as number) >>> 16) + 1]!++;
  for (let b = 0; b < SIDE; b++) bucket[b + 1] = (bucket[b + 1] as number) + (bucket[b] as number);
  for (let k = 0; k < n; k++) {
    const i = tmp[k] as number;
    const b = (key[i] as number) >>> 16;
    out[bucket[b]!++] = i;
  }
  return out;
}
