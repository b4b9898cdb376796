/**
 * The graph the SPAI Ising model lives on (seed 000, Sec. 4.3, App. D.1): a symmetric matrix A is a weighted graph
 * whose entries are edges; the candidate entries of M (pairs {i, j}, i ≤ j, diagonal included) become the nodes of
 * its line graph, two candidates adjacent when they share an index. Candidates are the pattern of A + A² (Setting 1)
 * or every entry (Settings 2 and 3, the all-ones feature of App. D.1). Node features: A_ij, (A²)_ij and, for
 * settings 2 and 3, the all-ones indicator.
 */
import { buildGraph, type Graph } from '@isinglab/graph';

export type SpaiSetting = 1 | 2 | 3;

export interface SpaiLineGraph {
  /** Line graph over the candidate entries. */
  graph: Graph;
  /** Candidate entry k is the pair (rowOf[k], colOf[k]) with rowOf ≤ colOf. */
  rowOf: Int32Array;
  colOf: Int32Array;
  /** Row-major node features (candidates × featureCount), float32 for tfjs. */
  features: Float32Array;
  featureCount: number;
}

export function spaiLineGraph(a: Float64Array, n: number, setting: SpaiSetting): SpaiLineGraph {
  const a2 = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const v = a[i * n + k] as number;
      if (v === 0) continue;
      for (let j = 0; j < n; j++) a2[i * n + j] = (a2[i * n + j] as number) + v * (a[k * n + j] as number);
    }
  }
  const rows: number[] = [];
  const cols: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      if (setting === 1 && a[i * n + j] === 0 && a2[i * n + j] === 0) continue;
      rows.push(i);
      cols.push(j);
    }
  }
  const count = rows.length;
  // candidates containing each index, then a clique per index (two distinct pairs share at most one index)
  const byIndex: number[][] = Array.from({ length: n }, () => []);
  for (let c = 0; c < count; c++) {
    (byIndex[rows[c] as number] as number[]).push(c);
    if (cols[c] !== rows[c]) (byIndex[cols[c] as number] as number[]).push(c);
  }
  const sources: number[] = [];
  const targets: number[] = [];
  for (const list of byIndex) {
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        sources.push(list[x] as number);
        targets.push(list[y] as number);
      }
    }
  }
  const { graph } = buildGraph({ order: count, sources, targets });
  const featureCount = setting === 1 ? 2 : 3;
  const features = new Float32Array(count * featureCount);
  for (let c = 0; c < count; c++) {
    const at = (rows[c] as number) * n + (cols[c] as number);
    features[c * featureCount] = a[at] as number;
    features[c * featureCount + 1] = a2[at] as number;
    if (featureCount === 3) features[c * featureCount + 2] = 1;
  }
  return { graph, rowOf: Int32Array.from(rows), colOf: Int32Array.from(cols), features, featureCount };
}

/** The symmetric n × n pattern of M selected by a configuration x of the line graph (+1 = entry kept). */
export function patternFromSpins(model: SpaiLineGraph, n: number, x: ArrayLike<number>, offset = 0): Uint8Array {
  const pattern = new Uint8Array(n * n);
  for (let c = 0; c < model.rowOf.length; c++) {
    if (x[offset + c] !== 1) continue;
    const i = model.rowOf[c] as number;
    const j = model.colOf[c] as number;
    pattern[i * n + j] = 1;
    pattern[j * n + i] = 1;
  }
  return pattern;
}
