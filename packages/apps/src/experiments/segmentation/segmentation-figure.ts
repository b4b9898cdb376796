/**
 * A Figure-3-style panel (seed 000): one row per test image, six columns — the image, the Ising model's field h,
 * the U-Net's logits, the Ising prediction, the U-Net prediction and the ground truth. Fields and logits use a
 * blue–white–red map symmetric about 0 (per panel, scaled by its largest |value|); masks are black/white. Drawn
 * into an RGB buffer and encoded with the package's PNG encoder.
 */
import { encodePng } from '../../lib/png.js';

export interface SegmentationPanelRow {
  /** RGB in any range (each image is stretched to its own min–max), size·size·3. */
  image: Float32Array;
  field: Float32Array;
  logits: Float32Array;
  isingMask: Uint8Array;
  unetMask: Uint8Array;
  truth: Uint8Array;
}

export const PANEL_COLUMNS = ['image', 'Ising field h', 'U-Net logits', 'Ising prediction', 'U-Net prediction', 'ground truth'] as const;

export interface PanelLayout {
  /** Screen pixels per image pixel. */
  scale: number;
  /** Gap between panels in screen pixels. */
  gap: number;
}

/** Width and height of the figure for `rows` rows of `size`-pixel images. */
export function panelSize(rows: number, size: number, layout: PanelLayout): { width: number; height: number } {
  const cell = size * layout.scale;
  return { width: PANEL_COLUMNS.length * cell + (PANEL_COLUMNS.length + 1) * layout.gap, height: rows * cell + (rows + 1) * layout.gap };
}

function diverging(v: number, max: number): [number, number, number] {
  const t = max > 0 ? Math.max(-1, Math.min(1, v / max)) : 0;
  // white at 0, towards (33, 102, 172) for negative and (178, 24, 43) for positive (ColorBrewer RdBu ends)
  const end = t < 0 ? [33, 102, 172] : [178, 24, 43];
  const a = Math.abs(t);
  return [255 + a * ((end[0] as number) - 255), 255 + a * ((end[1] as number) - 255), 255 + a * ((end[2] as number) - 255)];
}

/** The panel as PNG bytes (white background). */
export function segmentationPanel(rows: readonly SegmentationPanelRow[], size: number, layout: PanelLayout = { scale: 2, gap: 4 }): Uint8Array {
  const { width, height } = panelSize(rows.length, size, layout);
  const rgb = new Uint8Array(width * height * 3).fill(255);
  const cell = size * layout.scale;
  const put = (x0: number, y0: number, colour: (i: number) => [number, number, number]) => {
    for (let r = 0; r < size; r++) {
      for (let c = 0; c < size; c++) {
        const [red, green, blue] = colour(r * size + c);
        for (let dy = 0; dy < layout.scale; dy++) {
          for (let dx = 0; dx < layout.scale; dx++) {
            const p = ((y0 + r * layout.scale + dy) * width + x0 + c * layout.scale + dx) * 3;
            rgb[p] = Math.round(red);
            rgb[p + 1] = Math.round(green);
            rgb[p + 2] = Math.round(blue);
          }
        }
      }
    }
  };
  const maxAbs = (a: Float32Array) => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const binary = (m: Uint8Array) => (i: number): [number, number, number] => (m[i] === 1 ? [255, 255, 255] : [0, 0, 0]);
  rows.forEach((row, k) => {
    const y0 = layout.gap + k * (cell + layout.gap);
    const x = (col: number) => layout.gap + col * (cell + layout.gap);
    // stretch each image's range so that dark fluorescence images stay visible
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of row.image) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    const span = hi > lo ? hi - lo : 1;
    put(x(0), y0, (i) => [0, 1, 2].map((ch) => (255 * ((row.image[3 * i + ch] as number) - lo)) / span) as [number, number, number]);
    const hMax = maxAbs(row.field);
    put(x(1), y0, (i) => diverging(row.field[i] as number, hMax));
    const lMax = maxAbs(row.logits);
    put(x(2), y0, (i) => diverging(row.logits[i] as number, lMax));
    put(x(3), y0, binary(row.isingMask));
    put(x(4), y0, binary(row.unetMask));
    put(x(5), y0, binary(row.truth));
  });
  return encodePng({ width, height, channels: 3, data: rgb });
}
