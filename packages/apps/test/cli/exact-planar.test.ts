import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'isinglab-exact-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A wheel (hub 0, rim 1..5) with mixed weights, a K5 (not planar), and a weighted path with a field file.
const wheelEdges: [number, number, number][] = [
  [0, 1, 0.9], [0, 2, -0.4], [0, 3, 1.1], [0, 4, 0.3], [0, 5, -1.2],
  [1, 2, 0.5], [2, 3, -0.7], [3, 4, 0.8], [4, 5, 0.2], [5, 1, -0.6],
];
const wheel = join(dir, 'wheel.txt');
writeFileSync(wheel, wheelEdges.map(([u, v, w]) => `${u} ${v} ${w}`).join('\n') + '\n');
const k33 = join(dir, 'k33.txt');
writeFileSync(k33, [[0, 3], [0, 4], [0, 5], [1, 3], [1, 4], [1, 5], [2, 3], [2, 4], [2, 5]].map(([u, v]) => `${u} ${v}`).join('\n') + '\n');
const fields = join(dir, 'fields.txt');
writeFileSync(fields, '0\n0\n0.5\n0\n0\n0\n');

/** log Z and edge correlations by enumeration written here. */
function enumerate(n: number, edges: [number, number, number][], beta: number) {
  const weights: number[] = [];
  for (let s = 0; s < 1 << n; s++) {
    const x = (i: number) => ((s >> i) & 1 ? 1 : -1);
    weights.push(Math.exp(beta * edges.reduce((acc, [u, v, j]) => acc + j * x(u) * x(v), 0)));
  }
  const z = weights.reduce((a, b) => a + b, 0);
  const corr = edges.map(([u, v]) => weights.reduce((acc, w, s) => acc + (w * (((s >> u) & 1) === ((s >> v) & 1) ? 1 : -1)) / z, 0));
  return { logZ: Math.log(z), corr };
}

describe('isinglab exact logz / marginals', () => {
  it('logz prints the exact log Z of a weighted planar graph (JSON with nodes, edges, seconds)', async () => {
    const r = await run('exact', 'logz', wheel, '--beta', '0.8', '--couplings-from-weights', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.logZ).toBeCloseTo(enumerate(6, wheelEdges, 0.8).logZ, 10);
    expect(out.nodes).toBe(6);
    expect(out.edges).toBe(10);
    expect(out.seconds).toBeGreaterThanOrEqual(0);
    const text = await run('exact', 'logz', wheel, '--beta', '0.8', '--J=-1');
    expect(text.code).toBe(0);
    const anti = wheelEdges.map(([u, v]) => [u, v, -1] as [number, number, number]);
    expect(Number(/log Z\s+(\S+)/.exec(text.stdout)![1])).toBeCloseTo(enumerate(6, anti, 0.8).logZ, 10);
  });

  it('marginals prints every edge correlation', async () => {
    const r = await run('exact', 'marginals', wheel, '--beta', '0.8', '--couplings-from-weights', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const want = enumerate(6, wheelEdges, 0.8).corr;
    expect(out.nodeMarginal).toBe(0.5);
    for (const { u, v, correlation } of out.correlations) {
      const k = wheelEdges.findIndex(([a, b]) => (a === u && b === v) || (a === v && b === u));
      expect(correlation).toBeCloseTo(want[k]!, 10);
    }
  });

  it('marginals of a 30×30 lattice (900 nodes, one block) obey Σ_e ⟨x_u x_v⟩ = ∂ log Z / ∂β (logz at β ± h)', async () => {
    const side = 30;
    const edges: string[] = [];
    for (let r = 0; r < side; r++) {
      for (let c = 0; c < side; c++) {
        const v = r * side + c;
        if (c + 1 < side) edges.push(`${v} ${v + 1}`);
        if (r + 1 < side) edges.push(`${v} ${v + side}`);
      }
    }
    const lattice = join(dir, 'lattice.txt');
    writeFileSync(lattice, edges.join('\n') + '\n');
    const r = await run('exact', 'marginals', lattice, '--beta', '0.35', '--J', '1', '--json');
    expect(r.code).toBe(0);
    const correlations: { correlation: number }[] = JSON.parse(r.stdout).correlations;
    expect(correlations).toHaveLength(edges.length);
    const energy = correlations.reduce((s, c) => s + c.correlation, 0);
    const h = 1e-4;
    const logZ = async (beta: number) => JSON.parse((await run('exact', 'logz', lattice, '--beta', String(beta), '--J', '1', '--json')).stdout).logZ as number;
    const derivative = ((await logZ(0.35 + h)) - (await logZ(0.35 - h))) / (2 * h);
    expect(Math.abs(energy - derivative) / derivative).toBeLessThan(1e-6);
  });

  it('sample writes exact ±1 configurations to a JSON file; the same seed gives the same file', async () => {
    const out = join(dir, 'samples.json');
    const r = await run('exact', 'sample', wheel, '--beta', '0.8', '--couplings-from-weights', '--samples', '400', '--seed', '3', '--out', out, '--json');
    expect(r.code).toBe(0);
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(written.configurations).toHaveLength(400);
    expect(written.configurations.every((c: number[]) => c.length === 6 && c.every((v) => v === 1 || v === -1))).toBe(true);
    // the sample mean of x_u x_v on the hub edge 0–5 (J = −1.2) is near its exact value (σ ≤ 1/√400 = 0.05)
    const k = wheelEdges.findIndex(([a, b]) => a === 0 && b === 5);
    const mean = written.configurations.reduce((s: number, c: number[]) => s + c[0]! * c[5]!, 0) / 400;
    expect(Math.abs(mean - enumerate(6, wheelEdges, 0.8).corr[k]!)).toBeLessThan(4 * 0.05);
    const again = join(dir, 'again.json');
    await run('exact', 'sample', wheel, '--beta', '0.8', '--couplings-from-weights', '--samples', '400', '--seed', '3', '--out', again);
    expect(JSON.parse(readFileSync(again, 'utf8')).configurations).toEqual(written.configurations);
    const missing = await run('exact', 'sample', wheel, '--beta', '0.8', '--samples', '4');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--out/);
  });

  it('a graph with a K3,3 minor, fields and a missing β are one-line errors with exit code 2', async () => {
    const nonPlanar = await run('exact', 'logz', k33, '--beta', '1');
    expect(nonPlanar.code).toBe(2);
    expect(nonPlanar.stderr).toMatch(/^isinglab: @isinglab\/exact logPartition: the graph has a K3,3 minor/);
    const withFields = await run('exact', 'logz', wheel, '--beta', '1', '--field-file', fields);
    expect(withFields.code).toBe(2);
    expect(withFields.stderr).toMatch(/zero fields/);
    const noBeta = await run('exact', 'marginals', wheel);
    expect(noBeta.code).toBe(2);
    expect(noBeta.stderr).toMatch(/--beta/);
  });
});
