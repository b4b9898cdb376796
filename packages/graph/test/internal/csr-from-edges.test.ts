import { describe, expect, it } from '@jest/globals';
import { createRng } from '../../src/index.js';
import { csrFromEdges, scatterLayout, type ScatterLayout } from '../../src/internal/csr-from-edges.js';

/**
 * The blocked scatter must give the same CSR whatever its layout: row and neighbour blocks of any size, and the
 * staging split into several groups. Small graphs normally get one block, so these layouts are forced here.
 */
function randomSlots(seed: number, order: number, m: number, directed: boolean, hubs: boolean) {
  const rng = createRng(seed);
  const us = new Int32Array(m);
  const vs = new Int32Array(m);
  let count = 0;
  for (let i = 0; i < m; i++) {
    const a = hubs && rng.float64() < 0.7 ? rng.int(Math.min(3, order)) : rng.int(order);
    const b = rng.int(order);
    if (a === b && !directed) continue;
    us[count] = directed ? a : Math.min(a, b);
    vs[count] = directed ? b : Math.max(a, b);
    count++;
  }
  return { us, vs, count };
}

/** Sorted rows with slots in first-occurrence order, by a Map-free reference: sort all half-edges at once. */
function referenceRows(order: number, us: Int32Array, vs: Int32Array, count: number, directed: boolean) {
  const half: [number, number, number][] = [];
  for (let s = 0; s < count; s++) {
    half.push([us[s]!, vs[s]!, s]);
    if (!directed) half.push([vs[s]!, us[s]!, s]);
  }
  half.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
  const rows: number[][] = Array.from({ length: order }, () => []);
  const seen = new Set<string>();
  for (const [r, w, s] of half) {
    const key = `${r},${w}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows[r]!.push(w, s);
  }
  return rows;
}

describe('csrFromEdges layouts', () => {
  const layouts: ScatterLayout[] = [
    { rowShift: 0, nbrShift: 0, stagingLimit: 1 << 25 },
    { rowShift: 1, nbrShift: 3, stagingLimit: 7 },
    { rowShift: 2, nbrShift: 1, stagingLimit: 1 },
    { rowShift: 3, nbrShift: 2, stagingLimit: 40 },
    { rowShift: 5, nbrShift: 4, stagingLimit: 100 },
    { rowShift: 30, nbrShift: 30, stagingLimit: 1 << 25 },
  ];
  it('gives the reference rows, edge ids and repeats for every forced layout (120 seeded multigraphs)', () => {
    for (let t = 0; t < 120; t++) {
      const directed = t % 2 === 1;
      const hubs = t % 3 === 0;
      const order = 1 + ((t * 37) % 90);
      const { us, vs, count } = randomSlots(t, order, 40 + ((t * 53) % 400), directed, hubs);
      const ref = referenceRows(order, us, vs, count, directed);
      const fallback = csrFromEdges(order, us, vs, count, directed, undefined, false);
      for (const layout of [...layouts, scatterLayout(order, directed ? count : 2 * count)]) {
        const csr = csrFromEdges(order, us, vs, count, directed, undefined, false, layout);
        expect(Array.from(csr.offsets)).toEqual(Array.from(fallback.offsets));
        expect(Array.from(csr.targets)).toEqual(Array.from(fallback.targets));
        expect(Array.from(csr.edgeIds)).toEqual(Array.from(fallback.edgeIds));
        expect(csr.duplicates).toBe(fallback.duplicates);
        for (let v = 0; v < order; v++) {
          const row: number[] = [];
          for (let p = csr.offsets[v]!; p < csr.offsets[v + 1]!; p++) {
            const e = csr.edgeIds[p]!;
            // The reference keeps the first slot of each repeated pair; map it to its edge id.
            row.push(csr.targets[p]!, e);
          }
          const expected = ref[v]!.map((x, i) => (i % 2 === 0 ? x : csr.slotEdge[x]!));
          expect(row).toEqual(expected);
        }
      }
    }
  });

  it('picks cache-sized blocks for large graphs and a single block for small ones', () => {
    // 10^6 edges on 2·10^5 nodes: 4096-row blocks (about 41k half-edges each) and a few dozen neighbour blocks.
    const big = scatterLayout(200_000, 2_000_000);
    expect(big.rowShift).toBe(12);
    const rowBlocks = Math.ceil(200_000 / 2 ** big.rowShift);
    const nbrBlocks = Math.ceil(200_000 / 2 ** big.nbrShift);
    expect(rowBlocks * nbrBlocks).toBeLessThanOrEqual(2048);
    expect(nbrBlocks).toBeGreaterThan(16);
    const small = scatterLayout(100, 600);
    expect(100 / 2 ** small.rowShift).toBeLessThanOrEqual(1);
    expect(scatterLayout(0, 0).rowShift).toBeGreaterThanOrEqual(0);
  });
});
