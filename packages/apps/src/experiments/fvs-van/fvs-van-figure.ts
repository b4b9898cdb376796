/**
 * The FVS-VAN figure (seed 001, Figs. 1–2 in one SVG): (left) |relative free-energy error| against β on the
 * lattice for every method, (middle) the largest edge-correlation error of every correlation task per method,
 * (right) training curves, |relative error| of the batch F_q per epoch (FVS-VAN solid, whole-lattice VAN dashed).
 * All three use log10 axes; values below 1e-8 are drawn at 1e-8.
 */
import type { BlockModelTaskResult, CorrelationTaskResult, FvsVanTaskResult, LatticeTaskResult } from './tasks.js';

const COLOURS = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02'];
const FLOOR = -8;
const W = 300;
const H = 220;
const TOP = 40;

const lg = (v: number) => (Number.isFinite(v) && Math.abs(v) > 0 ? Math.max(FLOOR, Math.log10(Math.abs(v))) : FLOOR);
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

interface Panel {
  x0: number;
  y: (v: number) => number;
  parts: string[];
}

function panel(x0: number, title: string, lo: number, hi: number, parts: string[]): Panel {
  const y = (v: number) => TOP + H - ((lg(v) - lo) / Math.max(1e-9, hi - lo)) * H;
  parts.push(`<text x="${x0}" y="${TOP - 12}" font-size="12">${esc(title)}</text>`);
  parts.push(`<line x1="${x0}" y1="${TOP + H}" x2="${x0 + W}" y2="${TOP + H}" stroke="#000"/><line x1="${x0}" y1="${TOP}" x2="${x0}" y2="${TOP + H}" stroke="#000"/>`);
  for (let t = Math.ceil(lo); t <= Math.floor(hi); t++) parts.push(`<text x="${x0 - 4}" y="${TOP + H - ((t - lo) / Math.max(1e-9, hi - lo)) * H + 4}" text-anchor="end">1e${t}</text>`);
  return { x0, y, parts };
}

function bounds(values: number[]): [number, number] {
  const logs = values.map(lg);
  if (logs.length === 0) return [FLOOR, 0];
  return [Math.floor(Math.min(...logs)), Math.max(Math.floor(Math.min(...logs)) + 1, Math.ceil(Math.max(...logs)))];
}

function legend(parts: string[], x: number, y: number, names: string[]): void {
  names.forEach((name, i) => {
    parts.push(`<rect x="${x}" y="${y + i * 14}" width="10" height="10" fill="${COLOURS[i]}"/><text x="${x + 14}" y="${y + i * 14 + 9}">${esc(name)}</text>`);
  });
}

export function fvsVanFigure(results: readonly FvsVanTaskResult[], configName: string): string {
  const lattice = results.filter((r): r is LatticeTaskResult => r.kind === 'lattice').sort((a, b) => a.beta - b.beta);
  const corr = results.filter((r): r is CorrelationTaskResult => r.kind === 'karate' || r.kind === 'polblogs' || r.kind === 'spin-glass');
  const cbm = results.filter((r): r is BlockModelTaskResult => r.kind === 'block-model').sort((a, b) => a.noise - b.noise);
  const width = (cbm.length > 0 ? 4 : 3) * (W + 90) + 20;
  const height = TOP + H + 130;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="10">`,
    `<text x="10" y="14" font-size="13">FVS-VAN (${esc(configName)}): log10 axes, values below 1e${FLOOR} drawn at 1e${FLOOR}</text>`,
  ];
  // left: lattice relative errors against β
  const methods: [string, (r: LatticeTaskResult) => number | null][] = [
    ['FVS-VAN F_q', (r) => r.relativeError.fvsVanFq],
    ['FVS-VAN F_IS', (r) => r.relativeError.fvsVanIs],
    ['VAN F_q', (r) => r.relativeError.wholeVanFq],
    ['BP', (r) => r.relativeError.bp],
    ['MF', (r) => r.relativeError.meanField],
  ];
  const lv = lattice.flatMap((r) => methods.map(([, f]) => f(r)).filter((v): v is number => v !== null));
  const [llo, lhi] = bounds(lv);
  const left = panel(70, `|ΔF|/|F| on the ${lattice[0]?.size ?? '?'}² lattice vs β`, llo, lhi, parts);
  const betas = lattice.map((r) => r.beta);
  const bx = (b: number) => left.x0 + 15 + (betas.length < 2 ? W / 2 : ((b - Math.min(...betas)) / (Math.max(...betas) - Math.min(...betas))) * (W - 30));
  for (const b of betas) parts.push(`<text x="${bx(b)}" y="${TOP + H + 14}" text-anchor="middle">${b}</text>`);
  methods.forEach(([, f], mi) => {
    const pts = lattice.map((r) => [r.beta, f(r)] as const).filter((p): p is readonly [number, number] => p[1] !== null);
    if (pts.length > 1) parts.push(`<polyline fill="none" stroke="${COLOURS[mi]}" points="${pts.map(([b, v]) => `${bx(b).toFixed(1)},${left.y(v).toFixed(1)}`).join(' ')}"/>`);
    for (const [b, v] of pts) parts.push(`<circle cx="${bx(b).toFixed(1)}" cy="${left.y(v).toFixed(1)}" r="3" fill="${COLOURS[mi]}"/>`);
  });
  legend(parts, left.x0, TOP + H + 24, methods.map(([m]) => m));
  // middle: max |Δ⟨s_u s_v⟩| per correlation task and method
  const cv = corr.flatMap((r) => [r.errors.fvsVan.max, r.errors.bp.max, ...(r.errors.mcmc === undefined ? [] : [r.errors.mcmc.max])]);
  const [clo, chi] = bounds(cv);
  const mid = panel(70 + W + 90, 'max |Δ⟨s_u s_v⟩| per task (vs exact or MCMC)', clo, chi, parts);
  const slot = corr.length === 0 ? W : W / corr.length;
  corr.forEach((r, ti) => {
    const vals = [r.errors.fvsVan.max, r.errors.bp.max, r.errors.mcmc?.max];
    vals.forEach((v, mi) => {
      if (v === undefined) return;
      const x = mid.x0 + ti * slot + 6 + mi * Math.min(18, (slot - 12) / 3);
      parts.push(`<rect x="${x.toFixed(1)}" y="${mid.y(v).toFixed(1)}" width="${Math.min(16, (slot - 12) / 3 - 2).toFixed(1)}" height="${(TOP + H - mid.y(v)).toFixed(1)}" fill="${COLOURS[mi]}"/>`);
    });
    parts.push(`<text x="${(mid.x0 + ti * slot + slot / 2).toFixed(1)}" y="${TOP + H + 14}" text-anchor="middle">${esc(r.kind !== 'spin-glass' ? `${r.kind} β=${r.beta}` : `${r.id.includes('regular') ? 'RRG ±J' : 'ER gauss'} β=${r.beta}`)}</text>`);
  });
  legend(parts, mid.x0, TOP + H + 24, ['FVS-VAN', 'BP', 'MCMC (vs exact)']);
  // right: training curves of the lattice tasks
  const curves = lattice.flatMap((r) => [r.training.curve, r.wholeTraining?.curve ?? []]);
  const [tlo, thi] = bounds(curves.flat());
  const right = panel(70 + 2 * (W + 90), 'training: |ΔF_q|/|F| per epoch (lattice)', tlo, thi, parts);
  const maxEpochs = Math.max(1, ...lattice.flatMap((r) => [r.training.epochs, r.wholeTraining?.epochs ?? 0]));
  lattice.forEach((r, i) => {
    const line = (c: number[], stride: number, dash: string) => {
      if (c.length < 2) return;
      parts.push(`<polyline fill="none" stroke="${COLOURS[i % COLOURS.length]}"${dash} points="${c.map((v, k) => `${(right.x0 + ((k * stride) / maxEpochs) * W).toFixed(1)},${right.y(v).toFixed(1)}`).join(' ')}"/>`);
    };
    line(r.training.curve, r.training.curveStride, '');
    if (r.wholeTraining !== null) line(r.wholeTraining.curve, r.wholeTraining.curveStride, ' stroke-dasharray="4 3"');
  });
  parts.push(`<text x="${right.x0 + W}" y="${TOP + H + 14}" text-anchor="end">epoch (max ${maxEpochs})</text>`);
  legend(parts, right.x0, TOP + H + 24, lattice.map((r) => `β = ${r.beta}`));
  if (cbm.length > 0) {
    // fourth: overlap with the planted partition against the noise ε (linear axis 0..1)
    const x0 = 70 + 3 * (W + 90);
    const y = (v: number) => TOP + H - v * H;
    parts.push(`<text x="${x0}" y="${TOP - 12}" font-size="12">block model: overlap with the planted partition vs ε</text>`);
    parts.push(`<line x1="${x0}" y1="${TOP + H}" x2="${x0 + W}" y2="${TOP + H}" stroke="#000"/><line x1="${x0}" y1="${TOP}" x2="${x0}" y2="${TOP + H}" stroke="#000"/>`);
    for (let t = 0; t <= 4; t++) parts.push(`<text x="${x0 - 4}" y="${y(t / 4) + 4}" text-anchor="end">${(t / 4).toFixed(2)}</text>`);
    const noises = cbm.map((r) => r.noise);
    const nx = (v: number) => x0 + 15 + (noises.length < 2 || Math.max(...noises) === Math.min(...noises) ? W / 2 : ((v - Math.min(...noises)) / (Math.max(...noises) - Math.min(...noises))) * (W - 30));
    for (const v of new Set(noises)) parts.push(`<text x="${nx(v).toFixed(1)}" y="${TOP + H + 14}" text-anchor="middle">${v}</text>`);
    const series: ((r: BlockModelTaskResult) => number)[] = [(r) => r.overlap.fvsVan, (r) => r.overlap.bp, (r) => r.overlap.mcmc];
    series.forEach((f, mi) => {
      if (cbm.length > 1) parts.push(`<polyline fill="none" stroke="${COLOURS[mi]}" points="${cbm.map((r) => `${nx(r.noise).toFixed(1)},${y(f(r)).toFixed(1)}`).join(' ')}"/>`);
      for (const r of cbm) parts.push(`<circle cx="${nx(r.noise).toFixed(1)}" cy="${y(f(r)).toFixed(1)}" r="3" fill="${COLOURS[mi]}"/>`);
    });
    legend(parts, x0, TOP + H + 24, ['FVS-VAN ⟨|q|⟩', 'BP |q| of sign(m)', 'MCMC ⟨|q|⟩']);
  }
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
