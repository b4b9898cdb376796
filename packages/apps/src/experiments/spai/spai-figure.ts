/** A Table-2-style SVG bar chart: mean Frobenius loss (± 95 % interval) of every method, one group per setting. */
import { SPAI_METHODS } from './methods.js';
import type { SpaiRunResult } from './run-spai.js';

const COLOURS = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02'];

export function spaiFigure(results: readonly SpaiRunResult[]): string {
  const settings = [...new Set(results.map((r) => r.setting))].sort();
  const width = 120 + settings.length * (SPAI_METHODS.length * 22 + 40);
  const height = 320;
  const top = 30;
  const bottom = 250;
  // per setting and method: mean over seeds of the mean loss, and the largest interval
  const stats = settings.map((s) =>
    SPAI_METHODS.map((m) => {
      const rs = results.filter((r) => r.setting === s);
      return { mean: rs.reduce((a, r) => a + r.methods[m].mean, 0) / rs.length, ci: Math.max(...rs.map((r) => r.methods[m].ci95)) };
    }),
  );
  const max = Math.max(1e-9, ...stats.flat().map((x) => x.mean + x.ci));
  const y = (v: number) => bottom - ((bottom - top) * v) / max;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<text x="10" y="18" font-size="13">SPAI: mean ‖AM − I‖_F on the test matrices (bars: mean, whiskers: 95 % interval)</text>`,
    `<line x1="60" y1="${bottom}" x2="${width - 10}" y2="${bottom}" stroke="#000"/>`,
    `<line x1="60" y1="${top}" x2="60" y2="${bottom}" stroke="#000"/>`,
  ];
  for (let t = 0; t <= 4; t++) {
    const v = (max * t) / 4;
    parts.push(`<text x="55" y="${y(v) + 4}" text-anchor="end">${v.toFixed(2)}</text>`);
  }
  settings.forEach((s, si) => {
    const x0 = 80 + si * (SPAI_METHODS.length * 22 + 40);
    parts.push(`<text x="${x0 + (SPAI_METHODS.length * 22) / 2}" y="${bottom + 18}" text-anchor="middle">Setting ${s}</text>`);
    (stats[si] ?? []).forEach((st, mi) => {
      const x = x0 + mi * 22;
      parts.push(`<rect x="${x}" y="${y(st.mean)}" width="18" height="${bottom - y(st.mean)}" fill="${COLOURS[mi]}"/>`);
      parts.push(`<line x1="${x + 9}" y1="${y(st.mean + st.ci)}" x2="${x + 9}" y2="${y(Math.max(0, st.mean - st.ci))}" stroke="#000"/>`);
    });
  });
  SPAI_METHODS.forEach((m, mi) => {
    parts.push(`<rect x="${70 + mi * 140}" y="${height - 30}" width="10" height="10" fill="${COLOURS[mi]}"/>`);
    parts.push(`<text x="${84 + mi * 140}" y="${height - 21}">${m.replace('|A⁻¹|', '|inv A|')}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
