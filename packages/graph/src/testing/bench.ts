/**
 * Benchmark helpers shared by every package's `bench/` (exported as '@isinglab/graph/testing'): timing with warm-up
 * and median of repeats, the environment (machine, commit, Node) printed beside the results, a table printer,
 * and an atomic JSON writer. Claims are ratios against a baseline measured in the same run, never absolute times.
 */
import { execFileSync } from 'node:child_process';
import { cpus, platform, release, totalmem } from 'node:os';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface BenchEnvironment {
  date: string;
  node: string;
  platform: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  commit: string;
}

/**
 * The short commit of the git checkout holding `dir` (default: the working directory), with "+dirty" when tracked
 * files have uncommitted changes; null without git or outside a checkout.
 */
export function gitCommit(dir?: string): string | null {
  const git = (args: string[]) =>
    execFileSync('git', [...(dir === undefined ? [] : ['-C', dir]), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const dirty = git(['status', '--porcelain', '--untracked-files=no']) !== '';
    return `${git(['rev-parse', '--short', 'HEAD'])}${dirty ? '+dirty' : ''}`;
  } catch {
    return null;
  }
}

export function benchEnvironment(): BenchEnvironment {
  const commit = gitCommit() ?? 'unknown';
  const cpuList = cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${platform()} ${release()}`,
    cpu: cpuList[0]?.model ?? 'unknown',
    cores: cpuList.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    commit,
  };
}

export interface MeasureOptions {
  /** Untimed runs before timing (JIT warm-up). @default 1 */
  warmup?: number;
  /** Keep warming up until this many milliseconds were spent (small inputs need many runs to be JIT-compiled). @default 0 */
  warmupMs?: number;
  /** Timed runs; the median is reported. @default 5 */
  repeats?: number;
  /** Stop repeating once this many milliseconds were spent timing (at least one timed run). @default 20000 */
  budgetMs?: number;
}

export interface Measurement {
  medianMs: number;
  minMs: number;
  runs: number;
}

/** Times `fn` (its result is kept alive so the work is not optimised away). */
export function measure(fn: () => unknown, options: MeasureOptions = {}): Measurement {
  const warmup = options.warmup ?? 1;
  const repeats = options.repeats ?? 5;
  const budget = options.budgetMs ?? 20000;
  const warmupMs = options.warmupMs ?? 0;
  let sink: unknown;
  const warmStart = performance.now();
  for (let i = 0; i < warmup || performance.now() - warmStart < warmupMs; i++) sink = fn();
  const times: number[] = [];
  let spent = 0;
  while (times.length < repeats && (times.length === 0 || spent < budget)) {
    const t0 = performance.now();
    sink = fn();
    const dt = performance.now() - t0;
    times.push(dt);
    spent += dt;
  }
  keepAlive(sink);
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  const median = times.length % 2 ? (times[mid] as number) : ((times[mid - 1] as number) + (times[mid] as number)) / 2;
  return { medianMs: median, minMs: times[0] as number, runs: times.length };
}

let blackHole: unknown;
function keepAlive(value: unknown): void {
  blackHole = value;
}
/** @internal exposes the sink so bundlers cannot drop it */
export function benchSink(): unknown {
  return blackHole;
}

export interface FormatTableOptions {
  /** How many leading columns are left-aligned (labels); the rest are right-aligned (numbers). @default 1 */
  leftAlignedColumns?: number;
}

/** Formats rows as an aligned text table (first row is the header). */
export function formatTable(rows: readonly (readonly (string | number)[])[], options: FormatTableOptions = {}): string {
  const left = options.leftAlignedColumns ?? 1;
  const text = rows.map((r) => r.map((c) => (typeof c === 'number' ? formatNumber(c) : c)));
  const widths = text[0]!.map((_, j) => Math.max(...text.map((r) => (r[j] ?? '').length)));
  const line = (r: string[]) => r.map((c, j) => (j < left ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  ');
  return [line(text[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...text.slice(1).map(line)].join('\n');
}

function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) return String(x);
  if (Math.abs(x) >= 100) return x.toFixed(0);
  if (Math.abs(x) >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

/** Writes `contents` (text or bytes) through a temporary sibling and a rename: readers see the old file or the whole new one. */
export function writeFileAtomic(path: string, contents: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(tmp, contents);
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/** JSON (two-space indent, trailing newline) written atomically with `writeFileAtomic`. */
export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Least-squares slope of log y against log x: the fitted exponent of a power law y ∝ x^k (scaling claims in the
 * benches). NaN with fewer than two distinct x.
 */
export function powerLawExponent(xs: readonly number[], ys: readonly number[]): number {
  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < lx.length; i++) {
    sxy += ((lx[i] as number) - mx) * ((ly[i] as number) - my);
    sxx += ((lx[i] as number) - mx) ** 2;
  }
  return sxx > 0 ? sxy / sxx : Number.NaN;
}
