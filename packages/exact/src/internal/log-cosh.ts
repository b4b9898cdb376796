/** log cosh x without overflow for large |x| (|x| + log(1 + e^{−2|x|}) − log 2). */
export function logCosh(x: number): number {
  const a = Math.abs(x);
  return a + Math.log1p(Math.exp(-2 * a)) - Math.LN2;
}
