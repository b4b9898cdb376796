/**
 * The mesh experiment's SVG (seed 000, Figs. 1 and 4 and Table 1): per held-out mesh an orthographic projection
 * (x right, y up, painter's order along z) of its vertices coloured by the calibrated learned field h (blue < 0 <
 * red, scaled by the largest |h|), kept vertices of one Ising+field sample drawn larger with a dark outline; below, a
 * bar chart of the table (mean Eq.-23 distance per method, whiskers ± std).
 */
import { MESH_METHODS, MESH_METHOD_LABELS, type MeshMethod } from './run-mesh.js';

export interface MeshFigurePanel {
  name: string;
  positions: Float64Array;
  fields: Float64Array;
  /** One sample (±1 per vertex, +1 kept). */
  kept: Int8Array;
}

const COLOURS: Readonly<Record<MeshMethod, string>> = Object.freeze({ isingField: '#d95f02', ising: '#1b9e77', random: '#7570b3', quadric: '#999999' });
/** At most this many vertices are drawn per panel (an even stride), to keep the file small. */
const MAX_POINTS = 4000;
const PANEL = 260;

function diverging(v: number, max: number): string {
  const t = max > 0 ? Math.max(-1, Math.min(1, v / max)) : 0;
  const end = t < 0 ? [33, 102, 172] : [178, 24, 43];
  const a = Math.abs(t);
  const c = end.map((e) => Math.round(255 + a * (e - 255)));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

function projection(panel: MeshFigurePanel, x0: number, y0: number): string[] {
  const p = panel.positions;
  const n = p.length / 3;
  const stride = Math.max(1, Math.ceil(n / MAX_POINTS));
  let lo = [Infinity, Infinity];
  let hi = [-Infinity, -Infinity];
  for (let v = 0; v < n; v++) {
    lo = [Math.min(lo[0] as number, p[3 * v] as number), Math.min(lo[1] as number, p[3 * v + 1] as number)];
    hi = [Math.max(hi[0] as number, p[3 * v] as number), Math.max(hi[1] as number, p[3 * v + 1] as number)];
  }
  const span = Math.max((hi[0] as number) - (lo[0] as number), (hi[1] as number) - (lo[1] as number), 1e-12);
  const scale = (PANEL - 30) / span;
  const ids: number[] = [];
  for (let v = 0; v < n; v += stride) ids.push(v);
  ids.sort((a, b) => (p[3 * a + 2] as number) - (p[3 * b + 2] as number));
  const hMax = panel.fields.reduce((m, h) => Math.max(m, Math.abs(h)), 0);
  const out = [`<text x="${x0 + PANEL / 2}" y="${y0 + 14}" text-anchor="middle">${panel.name} (${n} vertices)</text>`];
  for (const v of ids) {
    const x = x0 + 15 + ((p[3 * v] as number) - (lo[0] as number)) * scale;
    const y = y0 + PANEL - 10 - ((p[3 * v + 1] as number) - (lo[1] as number)) * scale;
    const fill = diverging(panel.fields[v] as number, hMax);
    out.push(
      panel.kept[v] === 1
        ? `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="2.2" fill="${fill}" stroke="#222" stroke-width="0.5"/>`
        : `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="1.1" fill="${fill}" opacity="0.6"/>`,
    );
  }
  return out;
}

export function meshFigure(
  panels: readonly MeshFigurePanel[],
  table: Readonly<Record<string, Record<MeshMethod, { mean: number; std: number }>>>,
  configName: string,
): string {
  const names = Object.keys(table);
  const width = Math.max(PANEL * Math.max(1, panels.length) + 20, 140 + names.length * (MESH_METHODS.length * 24 + 40));
  const chartTop = PANEL + 70;
  const chartBottom = chartTop + 200;
  const height = chartBottom + 60;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="18" font-size="13">Mesh coarsening (${configName}): held-out meshes, field h (blue &lt; 0 &lt; red), kept vertices outlined</text>`,
  ];
  panels.forEach((panel, i) => parts.push(...projection(panel, 10 + i * PANEL, 24)));
  const max = Math.max(1e-12, ...names.flatMap((m) => MESH_METHODS.map((k) => (table[m]?.[k].mean ?? 0) + (table[m]?.[k].std ?? 0))));
  const y = (v: number) => chartBottom - ((chartBottom - chartTop) * v) / max;
  parts.push(`<text x="10" y="${chartTop - 12}" font-size="13">Vertex-to-mesh distance (Eq. 23, sum) per held-out mesh: mean ± std</text>`);
  parts.push(`<line x1="70" y1="${chartBottom}" x2="${width - 10}" y2="${chartBottom}" stroke="#000"/>`);
  parts.push(`<line x1="70" y1="${chartTop}" x2="70" y2="${chartBottom}" stroke="#000"/>`);
  for (let t = 0; t <= 4; t++) {
    const v = (max * t) / 4;
    parts.push(`<text x="65" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${v.toExponential(1)}</text>`);
  }
  names.forEach((name, g) => {
    const x0 = 90 + g * (MESH_METHODS.length * 24 + 40);
    parts.push(`<text x="${x0 + (MESH_METHODS.length * 24) / 2}" y="${chartBottom + 16}" text-anchor="middle">${name}</text>`);
    MESH_METHODS.forEach((method, k) => {
      const s = table[name]?.[method];
      if (s === undefined) return;
      const x = x0 + k * 24;
      parts.push(`<rect x="${x}" y="${y(s.mean).toFixed(1)}" width="20" height="${(chartBottom - y(s.mean)).toFixed(1)}" fill="${COLOURS[method]}"/>`);
      parts.push(`<line x1="${x + 10}" y1="${y(s.mean + s.std).toFixed(1)}" x2="${x + 10}" y2="${y(Math.max(0, s.mean - s.std)).toFixed(1)}" stroke="#000"/>`);
    });
  });
  MESH_METHODS.forEach((method, k) => {
    parts.push(`<rect x="${80 + k * 130}" y="${height - 26}" width="10" height="10" fill="${COLOURS[method]}"/>`);
    parts.push(`<text x="${94 + k * 130}" y="${height - 17}">${MESH_METHOD_LABELS[method]}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
