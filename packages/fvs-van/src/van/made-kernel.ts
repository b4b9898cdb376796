/**
 * Plain-loop MADE evaluation and spin-by-spin sampling on a snapshot of the network's weights (internal: trusts
 * its inputs, not re-exported).
 *
 * Why not n tfjs forward passes: a full forward pass costs O(n²·width²) and sampling needs one per spin, so
 * O(n³·width²) per batch. Here each spin computes only the hidden units of its own site, which depend on the spins
 * already drawn (the masks guarantee nothing else is needed), so a whole batch costs about one forward pass,
 * O(batch·n²·width²/2), in float64 on the float32 weights, with uniforms straight from the caller's Rng.
 *
 * Layout (site-major units): hidden layer l has n·c_l units, unit u = i·c_l + k belongs to site i. Weights are row
 * major [out][in], so the inputs a unit may see form a prefix of its row: layer 0 (exclusive) sees inputs j < i,
 * later layers (inclusive) see units of sites ≤ i, i.e. the first (i+1)·c_{l−1} entries.
 */

export type ActivationCode = 0 | 1 | 2; // prelu, tanh, relu

// Bound once: a global lookup per call is very slow in sandboxed module contexts (jest's vm) and these are hot.
const exp = Math.exp;
const log1p = Math.log1p;
const tanh = Math.tanh;

export interface MadeSnapshot {
  readonly n: number;
  /** Channels per site of each hidden layer (empty: one masked linear layer). */
  readonly hidden: readonly number[];
  readonly activation: ActivationCode;
  /** Per layer (hidden layers then the output layer): weights [out·in] row major. */
  readonly weights: readonly Float32Array[];
  /** Per layer: biases (length out) or undefined. */
  readonly biases: readonly (Float32Array | undefined)[];
  /** Per hidden layer: PReLU slopes (length out) when activation is prelu. */
  readonly slopes: readonly (Float32Array | undefined)[];
}

/** Scratch for one configuration: activations of each hidden layer. */
export function madeScratch(snapshot: MadeSnapshot): Float64Array[] {
  return snapshot.hidden.map((c) => new Float64Array(snapshot.n * c));
}

/** log σ(t) without overflow. */
export function logSigmoid(t: number): number {
  return t >= 0 ? -log1p(exp(-t)) : t - log1p(exp(t));
}

function activate(a: number, code: ActivationCode, slope: number): number {
  if (code === 0) return a >= 0 ? a : slope * a;
  if (code === 1) return tanh(a);
  return a > 0 ? a : 0;
}

/**
 * Logit of q̃(s_i = +1 | s_<i) for one configuration `x` (read at x[base + j] for j < i), filling the site-i units of
 * every hidden layer in `h`. Sites must be visited in order 0, 1, …, i (later sites read earlier sites' units).
 */
export function siteLogit(s: MadeSnapshot, x: Int8Array, base: number, i: number, h: Float64Array[]): number {
  const n = s.n;
  const depth = s.hidden.length;
  const code = s.activation;
  if (depth === 0) {
    const w = s.weights[0] as Float32Array;
    const row = i * n;
    let a = s.biases[0] === undefined ? 0 : ((s.biases[0] as Float32Array)[i] as number);
    for (let j = 0; j < i; j++) a += (w[row + j] as number) * (x[base + j] as number);
    return a;
  }
  // layer 0: exclusive, from the spins
  {
    const c = s.hidden[0] as number;
    const w = s.weights[0] as Float32Array;
    const bias = s.biases[0];
    const slope = s.slopes[0];
    const out = h[0] as Float64Array;
    for (let k = 0; k < c; k++) {
      const u = i * c + k;
      const row = u * n;
      let a = bias === undefined ? 0 : (bias[u] as number);
      for (let j = 0; j < i; j++) a += (w[row + j] as number) * (x[base + j] as number);
      out[u] = activate(a, code, slope === undefined ? 0 : (slope[u] as number));
    }
  }
  // hidden layers 1..depth−1: inclusive
  for (let l = 1; l < depth; l++) {
    const cIn = s.hidden[l - 1] as number;
    const c = s.hidden[l] as number;
    const width = n * cIn;
    const reach = (i + 1) * cIn;
    const w = s.weights[l] as Float32Array;
    const bias = s.biases[l];
    const slope = s.slopes[l];
    const src = h[l - 1] as Float64Array;
    const out = h[l] as Float64Array;
    for (let k = 0; k < c; k++) {
      const u = i * c + k;
      const row = u * width;
      let a = bias === undefined ? 0 : (bias[u] as number);
      for (let v = 0; v < reach; v++) a += (w[row + v] as number) * (src[v] as number);
      out[u] = activate(a, code, slope === undefined ? 0 : (slope[u] as number));
    }
  }
  // output layer: inclusive, one unit per site
  const cIn = s.hidden[depth - 1] as number;
  const w = s.weights[depth] as Float32Array;
  const bias = s.biases[depth];
  const src = h[depth - 1] as Float64Array;
  const row = i * n * cIn;
  const reach = (i + 1) * cIn;
  let a = bias === undefined ? 0 : (bias[i] as number);
  for (let v = 0; v < reach; v++) a += (w[row + v] as number) * (src[v] as number);
  return a;
}

/**
 * log q̃(s_b) of every configuration; with `conditionals`, also q̃(s_i = +1 | s_<i) at [b·n + i]. With `negate`,
 * evaluates −s_b instead (the z2 partner) without copying.
 */
export function evaluateInto(
  s: MadeSnapshot,
  spins: Int8Array,
  batch: number,
  out: Float64Array,
  conditionals: Float64Array | undefined,
  negate: boolean,
  scratch: Float64Array[],
  flipped: Int8Array,
): void {
  const n = s.n;
  for (let b = 0; b < batch; b++) {
    const base = b * n;
    let x = spins;
    let at = base;
    if (negate) {
      for (let j = 0; j < n; j++) flipped[j] = -(spins[base + j] as number);
      x = flipped;
      at = 0;
    }
    let lq = 0;
    for (let i = 0; i < n; i++) {
      const t = siteLogit(s, x, at, i, scratch);
      lq += logSigmoid((x[at + i] as number) * t);
      if (conditionals !== undefined) conditionals[base + i] = 1 / (1 + exp(-t));
    }
    out[b] = lq;
  }
}

/**
 * Draws `batch` configurations from q̃ into spins[0 .. batch·n), writing log q̃ into `logq`. Uniforms come from
 * `next()`, one per spin, sample by sample (sample-major), so a fixed generator state gives a fixed batch.
 */
export function sampleInto(
  s: MadeSnapshot,
  spins: Int8Array,
  batch: number,
  logq: Float64Array,
  next: () => number,
  scratch: Float64Array[],
): void {
  const n = s.n;
  for (let b = 0; b < batch; b++) {
    const base = b * n;
    let lq = 0;
    for (let i = 0; i < n; i++) {
      const t = siteLogit(s, spins, base, i, scratch);
      const p = 1 / (1 + exp(-t));
      const v = next() < p ? 1 : -1;
      spins[base + i] = v;
      lq += logSigmoid(v * t);
    }
    logq[b] = lq;
  }
}
