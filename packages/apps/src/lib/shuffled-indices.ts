import type { Rng } from '@isinglab/graph';

/**
 * 0 … count − 1 in a seeded random order (Fisher–Yates drawing `uint32() % (i + 1)`). The experiments' recorded
 * batch orders and splits come from this draw; graph's shuffleInPlace draws by rejection (no modulo bias) and so
 * gives other orders, which would change the measured figures.
 */
export function shuffledIndices(count: number, rng: Rng): number[] {
  const ids = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = rng.uint32() % (i + 1);
    [ids[i], ids[j]] = [ids[j] as number, ids[i] as number];
  }
  return ids;
}
