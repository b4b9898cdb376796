/**
 * Test helpers for the FVS reduction: a zoo of small seeded models and plain brute-force references written
 * independently of src/ (direct sums over states in log space, no leaf removal, no sum-product).
 */
import {
  completeGraph,
  createRng,
  cycleGraph,
  erdosRenyiGnm,
  fromEdges,
  inducedSubgraph,
  karateClub,
  pathGraph,
  petersenGraph,
  randomRegularGraph,
  randomTree,
  squareLattice,
  wattsStrogatz,
  type Graph,
  type Rng,
} from '@isinglab/graph';
import { createIsingModel, type IsingModel } from '@isinglab/ising';

export type CouplingKind = 'ferro' | 'antiferro' | 'pmJ' | 'gauss';

export interface ZooEntry {
  name: string;
  model: IsingModel;
}

/** Disjoint union of two graphs (nodes of b shifted by a.order). */
export function disjointUnion(a: Graph, b: Graph): Graph {
  const edges: [number, number][] = [];
  for (let e = 0; e < a.size; e++) edges.push([a.edgeSources[e]!, a.edgeTargets[e]!]);
  for (let e = 0; e < b.size; e++) edges.push([a.order + b.edgeSources[e]!, a.order + b.edgeTargets[e]!]);
  return fromEdges(edges, { order: a.order + b.order });
}

export function randomCouplings(kind: CouplingKind, m: number, rng: Rng): Float64Array {
  const out = new Float64Array(m);
  for (let e = 0; e < m; e++) {
    if (kind === 'ferro') out[e] = 0.5 + rng.float64();
    else if (kind === 'antiferro') out[e] = -(0.5 + rng.float64());
    else if (kind === 'pmJ') out[e] = rng.float64() < 0.5 ? -1 : 1;
    else out[e] = rng.normal();
  }
  return out;
}

export function randomFields(n: number, scale: number, rng: Rng): Float64Array {
  const out = new Float64Array(n);
  for (let v = 0; v < n; v++) out[v] = scale * rng.normal();
  return out;
}

/** A random subset of `k` karate-club nodes and the subgraph they induce (often disconnected). */
export function karateSubgraph(k: number, rng: Rng): Graph {
  const ids = Array.from({ length: 34 }, (_, i) => i);
  for (let i = 33; i > 0; i--) {
    const j = rng.int(i + 1);
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  return inducedSubgraph(karateClub(), ids.slice(0, k)).graph;
}

/** Graph families of the property loop, all with N ≤ 20. */
const FAMILIES: { name: string; make: (rng: Rng) => Graph }[] = [
  { name: 'ER G(14,22)', make: (rng) => erdosRenyiGnm(14, 22, { rng }) },
  { name: 'ER G(18,30)', make: (rng) => erdosRenyiGnm(18, 30, { rng }) },
  { name: 'ER G(16,12) sparse, disconnected', make: (rng) => erdosRenyiGnm(16, 12, { rng }) },
  { name: '3-regular n=16', make: (rng) => randomRegularGraph(16, 3, { rng }) },
  { name: '4-regular n=12', make: (rng) => randomRegularGraph(12, 4, { rng }) },
  { name: 'Watts–Strogatz n=18 k=4 p=0.2', make: (rng) => wattsStrogatz(18, 4, 0.2, { rng }) },
  { name: 'grid 4×5 open', make: () => squareLattice(4, 5) },
  { name: 'grid 3×4 periodic', make: () => squareLattice(3, 4, { periodic: true }) },
  { name: 'karate subgraph k=18', make: (rng) => karateSubgraph(18, rng) },
  { name: 'karate subgraph k=20', make: (rng) => karateSubgraph(20, rng) },
  { name: 'tree n=17 (empty FVS)', make: (rng) => randomTree(17, { rng }) },
  { name: 'cycle 8 ⊔ Petersen', make: () => disjointUnion(cycleGraph(8), petersenGraph()) },
  { name: 'K6 ⊔ path 5 ⊔ isolated', make: () => disjointUnion(disjointUnion(completeGraph(6), pathGraph(5)), fromEdges([], { order: 2 })) },
  { name: 'Petersen', make: () => petersenGraph() },
  { name: 'K5', make: () => completeGraph(5) },
];
const KINDS: CouplingKind[] = ['ferro', 'antiferro', 'pmJ', 'gauss'];
const BETAS = [0.25, 0.6, 1.1, 1.7];

/** 60 seeded models: every family × every coupling kind, β cycling, random fields on odd-numbered entries. */
export function modelZoo(seed: number): ZooEntry[] {
  const out: ZooEntry[] = [];
  let index = 0;
  for (const family of FAMILIES) {
    for (const kind of KINDS) {
      const rng = createRng(seed * 1000 + index);
      const graph = family.make(rng);
      const couplings = randomCouplings(kind, graph.size, rng);
      const fields = index % 2 === 1 ? randomFields(graph.order, 0.6, rng) : new Float64Array(graph.order);
      const beta = BETAS[index % BETAS.length]!;
      out.push({
        name: `#${index} ${family.name}, ${kind}, ${index % 2 === 1 ? 'random h' : 'h = 0'}, β = ${beta}`,
        model: createIsingModel(graph, { couplings, fields, beta }),
      });
      index++;
    }
  }
  return out;
}

/** −β E(x) for the state with x_i = +1 ⇔ bit i of `state`, straight from the definition. */
export function naiveLogWeightOfState(model: IsingModel, state: number): number {
  const g = model.graph;
  let e = 0;
  for (let k = 0; k < g.size; k++) {
    const xu = (state >>> g.edgeSources[k]!) & 1 ? 1 : -1;
    const xv = (state >>> g.edgeTargets[k]!) & 1 ? 1 : -1;
    e -= model.couplings[k]! * xu * xv;
  }
  for (let v = 0; v < g.order; v++) e -= model.fields[v]! * ((state >>> v) & 1 ? 1 : -1);
  return -model.beta * e;
}

/** log Σ exp(values), max-shifted. */
export function logSumExp(values: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) max = Math.max(max, values[i]!);
  if (max === -Infinity) return -Infinity;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += Math.exp(values[i]! - max);
  return max + Math.log(s);
}

/** −β E of every one of the 2^N states (N ≤ 20). */
export function naiveStateLogWeights(model: IsingModel): Float64Array {
  const count = 2 ** model.order;
  const out = new Float64Array(count);
  for (let s = 0; s < count; s++) out[s] = naiveLogWeightOfState(model, s);
  return out;
}

/** Exact probabilities of all 2^N states, in log space then normalised. */
export function naiveDistribution(model: IsingModel): Float64Array {
  const lw = naiveStateLogWeights(model);
  const lz = logSumExp(lw);
  return lw.map((x) => Math.exp(x - lz));
}

/**
 * log Σ_{forest spins} exp(−β E(s_F, s_forest)) by direct summation over the 2^(N − |F|) forest states:
 * `sF[k]` is the spin of node `fvs[k]`.
 */
export function naiveForestLogWeight(model: IsingModel, fvs: ArrayLike<number>, sF: ArrayLike<number>): number {
  const n = model.order;
  const inF = new Uint8Array(n);
  let fixed = 0;
  for (let k = 0; k < fvs.length; k++) {
    inF[fvs[k]!] = 1;
    if (sF[k] === 1) fixed |= 1 << fvs[k]!;
  }
  const free: number[] = [];
  for (let v = 0; v < n; v++) if (!inF[v]) free.push(v);
  const count = 2 ** free.length;
  const values = new Float64Array(count);
  for (let c = 0; c < count; c++) {
    let state = fixed;
    for (let t = 0; t < free.length; t++) if ((c >>> t) & 1) state |= 1 << free[t]!;
    values[c] = naiveLogWeightOfState(model, state);
  }
  return logSumExp(values);
}

/**
 * Upper tail P(χ²_df ≥ x) = Q(df/2, x/2), the regularised upper incomplete gamma function, by the series for
 * x < a + 1 and Lentz's continued fraction otherwise (Numerical Recipes, 3rd ed., §6.2).
 */
export function chiSquareSurvival(x: number, df: number): number {
  const a = df / 2;
  const y = x / 2;
  if (y <= 0) return 1;
  const lnPrefix = -y + a * Math.log(y) - logGamma(a);
  if (y < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let k = 1; k < 10000; k++) {
      term *= y / (a + k);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return 1 - sum * Math.exp(lnPrefix);
  }
  const tiny = 1e-300;
  let b = y + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.exp(lnPrefix) * h;
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error ~1e-15). */
export function logGamma(x: number): number {
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let s = c[0]!;
  for (let i = 1; i < g + 2; i++) s += c[i]! / (z + i);
  const t = z + g + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

/** Pearson χ² of counts against probabilities, pooling cells with expected count < 5 into one cell. */
export function chiSquare(counts: Float64Array, probabilities: Float64Array, total: number): { stat: number; df: number } {
  let stat = 0;
  let cells = 0;
  let pooledObserved = 0;
  let pooledExpected = 0;
  for (let s = 0; s < probabilities.length; s++) {
    const expected = probabilities[s]! * total;
    if (expected < 5) {
      pooledObserved += counts[s]!;
      pooledExpected += expected;
      continue;
    }
    stat += (counts[s]! - expected) ** 2 / expected;
    cells++;
  }
  if (pooledExpected > 0) {
    stat += (pooledObserved - pooledExpected) ** 2 / pooledExpected;
    cells++;
  }
  return { stat, df: cells - 1 };
}
