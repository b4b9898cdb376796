/**
 * Exact-sign geometric predicates for the Delaunay kernel: a floating-point evaluation whose sign is trusted when
 * |result| exceeds Shewchuk's a-priori error bound (J. R. Shewchuk, "Adaptive precision floating-point arithmetic and
 * fast robust geometric predicates", Discrete Comput. Geom. 18, 1997: ccwerrboundA, iccerrboundA), and otherwise an
 * exact re-evaluation in BigInt on the exact binary values of the coordinates. Signs are therefore exact for every
 * finite double input whose coordinate differences do not overflow (|differences| < 2^1023, squared < 2^1024 for
 * the in-circle lifts, i.e. coordinates below about 1e150): tiny or underflowing products go to the exact path.
 * Returned magnitudes are only meaningful as signs.
 */

const EPSILON = 2 ** -53;
const CCW_ERRBOUND_A = (3 + 16 * EPSILON) * EPSILON;
const ICC_ERRBOUND_A = (10 + 96 * EPSILON) * EPSILON;
// Module-level bindings: inside sandboxes such as jest's vm contexts, every global lookup (Math, Infinity) in a hot
// function goes through a slow interceptor.
const abs = Math.abs;
const HUGE = Number.MAX_VALUE;
/** Below this, rounding to subnormals (absolute error up to 2^−1074 per product) could beat the relative bound. */
const MIN_MAGNITUDE = 2 ** -900;

/**
 * Positive when a, b, c turn counter-clockwise (c left of a→b), negative when clockwise, 0 when collinear.
 */
export function orient2d(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const detLeft = (ax - cx) * (by - cy);
  const detRight = (ay - cy) * (bx - cx);
  const det = detLeft - detRight;
  const detSum = abs(detLeft) + abs(detRight);
  // The relative bound assumes no underflow or overflow in the products: outside that range, go exact.
  if (detSum > MIN_MAGNITUDE && detSum <= HUGE && abs(det) >= CCW_ERRBOUND_A * detSum) return det;
  return orient2dExact(ax, ay, bx, by, cx, cy);
}

/**
 * Positive when d lies strictly inside the circle through a, b, c (given counter-clockwise), negative when strictly
 * outside, 0 when on it.
 */
export function inCircle(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): number {
  const adx = ax - dx;
  const ady = ay - dy;
  const bdx = bx - dx;
  const bdy = by - dy;
  const cdx = cx - dx;
  const cdy = cy - dy;
  const bdxcdy = bdx * cdy;
  const cdxbdy = cdx * bdy;
  const alift = adx * adx + ady * ady;
  const cdxady = cdx * ady;
  const adxcdy = adx * cdy;
  const blift = bdx * bdx + bdy * bdy;
  const adxbdy = adx * bdy;
  const bdxady = bdx * ady;
  const clift = cdx * cdx + cdy * cdy;
  const det = alift * (bdxcdy - cdxbdy) + blift * (cdxady - adxcdy) + clift * (adxbdy - bdxady);
  const permanent =
    (abs(bdxcdy) + abs(cdxbdy)) * alift +
    (abs(cdxady) + abs(adxcdy)) * blift +
    (abs(adxbdy) + abs(bdxady)) * clift;
  if (permanent > MIN_MAGNITUDE && permanent <= HUGE && abs(det) > ICC_ERRBOUND_A * permanent) return det;
  return inCircleExact(ax, ay, bx, by, cx, cy, dx, dy);
}

// Exact fallback: every finite double is ±mantissa · 2^exponent; shifting all inputs of one call to their smallest
// exponent turns them into BigInt integers, on which the determinants are computed exactly. Rare, so allocating here
// is fine.
function toScaledBigInts(values: readonly number[]): bigint[] {
  const view = new DataView(new ArrayBuffer(8));
  const mant: bigint[] = [];
  const exps: number[] = [];
  let minExp = Infinity;
  for (const v of values) {
    view.setFloat64(0, v);
    const hi = view.getUint32(0);
    const lo = view.getUint32(4);
    const biased = (hi >>> 20) & 0x7ff;
    let m = BigInt(hi & 0xfffff) * 4294967296n + BigInt(lo);
    if (biased !== 0) m += 1n << 52n;
    if (hi >>> 31) m = -m;
    const e = (biased === 0 ? 1 : biased) - 1075;
    mant.push(m);
    exps.push(e);
    if (m !== 0n && e < minExp) minExp = e;
  }
  if (minExp === Infinity) minExp = 0;
  return mant.map((m, i) => (m === 0n ? 0n : m << BigInt((exps[i] as number) - minExp)));
}

function sign(x: bigint): number {
  return x > 0n ? 1 : x < 0n ? -1 : 0;
}

function orient2dExact(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const [Ax, Ay, Bx, By, Cx, Cy] = toScaledBigInts([ax, ay, bx, by, cx, cy]) as [bigint, bigint, bigint, bigint, bigint, bigint];
  return sign((Ax - Cx) * (By - Cy) - (Ay - Cy) * (Bx - Cx));
}

function inCircleExact(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): number {
  const [Ax, Ay, Bx, By, Cx, Cy, Dx, Dy] = toScaledBigInts([ax, ay, bx, by, cx, cy, dx, dy]) as [
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
  ];
  const adx = Ax - Dx;
  const ady = Ay - Dy;
  const bdx = Bx - Dx;
  const bdy = By - Dy;
  const cdx = Cx - Dx;
  const cdy = Cy - Dy;
  const alift = adx * adx + ady * ady;
  const blift = bdx * bdx + bdy * bdy;
  const clift = cdx * cdx + cdy * cdy;
  return sign(alift * (bdx * cdy - cdx * bdy) + blift * (cdx * ady - adx * cdy) + clift * (adx * bdy - bdx * ady));
}
