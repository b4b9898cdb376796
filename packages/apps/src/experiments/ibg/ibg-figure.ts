/** A Table-2-style SVG bar chart: test accuracy (mean ± std over splits) per dataset and model, seed 003's value as a tick. */
import { IBG_MODELS, type IbgSummary } from './run-ibg-experiment.js';

const COLOURS = ['#1b9e77', '#7570b3', '#d95f02'];

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function ibgFigure(summary: readonly IbgSummary[], configName: string): string {
  const datasets = [...new Set(summary.map((s) => s.dataset))];
  const group = IBG_MODELS.length * 34 + 50;
  const width = Math.max(440, 110 + datasets.length * group);
  const height = 320;
  const top = 40;
  const bottom = 250;
  const y = (v: number) => bottom - ((bottom - top) * Math.max(0, Math.min(100, v))) / 100;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<text x="10" y="16" font-size="13">Test accuracy %, config ${escape(configName)}</text>`,
    `<text x="10" y="31">bars: mean over splits, whiskers: ± std, black tick: seed 003 Table 2</text>`,
    `<line x1="60" y1="${bottom}" x2="${width - 10}" y2="${bottom}" stroke="#000"/>`,
    `<line x1="60" y1="${top}" x2="60" y2="${bottom}" stroke="#000"/>`,
  ];
  for (let t = 0; t <= 100; t += 20) parts.push(`<text x="55" y="${y(t) + 4}" text-anchor="end">${t}</text>`);
  datasets.forEach((d, di) => {
    const x0 = 80 + di * group;
    parts.push(`<text x="${x0 + (IBG_MODELS.length * 34) / 2}" y="${bottom + 18}" text-anchor="middle">${escape(d)}</text>`);
    IBG_MODELS.forEach((m, mi) => {
      const s = summary.find((r) => r.dataset === d && r.model === m);
      if (s === undefined) return;
      const x = x0 + mi * 34;
      parts.push(`<rect x="${x}" y="${y(s.mean)}" width="28" height="${bottom - y(s.mean)}" fill="${COLOURS[mi]}"><title>${m} ${s.mean.toFixed(2)} ± ${s.std.toFixed(2)} (${s.splits} splits)</title></rect>`);
      parts.push(`<line x1="${x + 14}" y1="${y(s.mean + s.std)}" x2="${x + 14}" y2="${y(s.mean - s.std)}" stroke="#000"/>`);
      parts.push(`<text x="${x + 14}" y="${y(s.mean + s.std) - 4}" text-anchor="middle" font-size="9">${s.mean.toFixed(1)}</text>`);
      if (s.seed !== null) parts.push(`<line x1="${x - 2}" y1="${y(s.seed)}" x2="${x + 30}" y2="${y(s.seed)}" stroke="#000" stroke-width="2"/>`);
    });
  });
  IBG_MODELS.forEach((m, mi) => {
    parts.push(`<rect x="${70 + mi * 140}" y="${height - 30}" width="10" height="10" fill="${COLOURS[mi]}"/>`);
    parts.push(`<text x="${84 + mi * 140}" y="${height - 21}">${m}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
