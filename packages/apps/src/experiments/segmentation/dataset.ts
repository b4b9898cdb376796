/**
 * The nuclei segmentation data (shared/data/dsb2018-nuclei: 2018 Data Science Bowl stage1_train, CC0): images and
 * binary masks read with the PNG codec, centre-cropped to a square, resized to `size × size` by area averaging
 * (masks: area fraction ≥ 1/2), and split 80/20 by sorted id as SOURCE.md suggests.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError, ParseError } from '@isinglab/graph';
import { decodePng, type PngImage } from '../../lib/png.js';

export const SEGMENTATION_DATA_FOLDER = 'dsb2018-nuclei';

export interface SegmentationSample {
  id: string;
  /** RGB standardised per image (zero mean, unit variance), size·size·3, row-major (tfjs NHWC order for one image). */
  image: Float32Array;
  /** 1 = nucleus, 0 = background, size·size. */
  mask: Uint8Array;
}

export interface SegmentationDataset {
  size: number;
  train: SegmentationSample[];
  test: SegmentationSample[];
}

export interface LoadSegmentationOptions {
  /** Side of the square images after resizing. */
  size: number;
  /** Use only the first `limit` ids (sorted) before splitting. @default all */
  limit?: number;
  /** Share of the (sorted) ids that go to training. @default 0.8 */
  trainFraction?: number;
}

/**
 * Area-averaging resize of a `width × height × channels` image (values in any unit) to `size × size`, after a
 * centred square crop of side min(width, height): output pixel (r, c) is the mean of the crop over the square it
 * covers, fractional source pixels weighted by their overlap. O(size² · (crop/size + 1)²· channels).
 */
export function resizeArea(src: ArrayLike<number>, width: number, height: number, channels: number, size: number): Float32Array {
  const side = Math.min(width, height);
  const x0 = Math.floor((width - side) / 2);
  const y0 = Math.floor((height - side) / 2);
  const scale = side / size;
  const out = new Float32Array(size * size * channels);
  // per output index, the source range [lo, hi) and its overlap weights are the same for rows and columns
  const spans: { first: number; weights: number[] }[] = [];
  for (let o = 0; o < size; o++) {
    const lo = o * scale;
    const hi = (o + 1) * scale;
    const first = Math.floor(lo);
    const weights: number[] = [];
    for (let s = first; s < hi - 1e-9; s++) weights.push(Math.min(hi, s + 1) - Math.max(lo, s));
    spans.push({ first, weights });
  }
  const area = scale * scale;
  for (let r = 0; r < size; r++) {
    const rs = spans[r] as { first: number; weights: number[] };
    for (let c = 0; c < size; c++) {
      const cs = spans[c] as { first: number; weights: number[] };
      for (let ch = 0; ch < channels; ch++) {
        let total = 0;
        for (let i = 0; i < rs.weights.length; i++) {
          const row = (y0 + rs.first + i) * width;
          for (let j = 0; j < cs.weights.length; j++) {
            total += (rs.weights[i] as number) * (cs.weights[j] as number) * (src[(row + x0 + cs.first + j) * channels + ch] as number);
          }
        }
        out[(r * size + c) * channels + ch] = total / area;
      }
    }
  }
  return out;
}

function rgbOf(png: PngImage): Uint8Array {
  const n = png.width * png.height;
  if (png.channels === 3) return png.data;
  const rgb = new Uint8Array(3 * n);
  for (let p = 0; p < n; p++) {
    const gray = png.channels <= 2;
    for (let ch = 0; ch < 3; ch++) rgb[3 * p + ch] = png.data[p * png.channels + (gray ? 0 : ch)] as number;
  }
  return rgb;
}

/**
 * Zero mean and unit standard deviation over all pixels and channels of one image, in place: the data mixes dark
 * fluorescence images (mean ≈ 0.05 of full scale) with bright-field and stained ones, and without this a small
 * network sees the dark ones as nearly constant.
 */
export function standardise(values: Float32Array): Float32Array {
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let variance = 0;
  for (const v of values) variance += (v - mean) ** 2;
  const scale = 1 / Math.max(1e-6, Math.sqrt(variance / values.length));
  for (let i = 0; i < values.length; i++) values[i] = ((values[i] as number) - mean) * scale;
  return values;
}

/** One image and its mask, resized. Throws ParseError on unreadable or mismatched files. */
export function loadSegmentationSample(dir: string, id: string, size: number): SegmentationSample {
  const imageFile = join(dir, 'images', `${id}.png`);
  const maskFile = join(dir, 'masks', `${id}.png`);
  const image = decodePng(readFileSync(imageFile), imageFile);
  const mask = decodePng(readFileSync(maskFile), maskFile);
  if (mask.width !== image.width || mask.height !== image.height || mask.channels !== 1) {
    throw new ParseError({
      pkg: 'apps',
      fn: 'loadSegmentationSample',
      file: maskFile,
      line: 0,
      column: 0,
      expected: `a ${image.width}×${image.height} grayscale mask (the size of its image)`,
      found: `${mask.width}×${mask.height} with ${mask.channels} channels`,
    });
  }
  const rgb = standardise(resizeArea(rgbOf(image), image.width, image.height, 3, size));
  const area = resizeArea(mask.data, mask.width, mask.height, 1, size);
  const binary = new Uint8Array(size * size);
  for (let i = 0; i < binary.length; i++) binary[i] = (area[i] as number) >= 127.5 ? 1 : 0;
  return { id, image: rgb, mask: binary };
}

/** The ids of index.csv in sorted order. Throws InvalidArgumentError when the folder is not the data set. */
export function segmentationIds(dir: string): string[] {
  const index = join(dir, 'index.csv');
  if (!existsSync(index) || !existsSync(join(dir, 'images')) || !existsSync(join(dir, 'masks'))) {
    throw new InvalidArgumentError({
      pkg: 'apps',
      fn: 'loadSegmentationDataset',
      argument: 'data folder',
      value: dir,
      rule: `a folder with index.csv, images/ and masks/ (the ${SEGMENTATION_DATA_FOLDER} data set)`,
      hint: `pass --data pointing at the shared data folder (the one holding ${SEGMENTATION_DATA_FOLDER}/)`,
    });
  }
  const lines = readFileSync(index, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines[0]?.split(',')[0] !== 'id') {
    throw new ParseError({ pkg: 'apps', fn: 'loadSegmentationDataset', file: index, line: 1, column: 1, expected: 'a header starting with "id"', found: JSON.stringify(lines[0] ?? '') });
  }
  return lines
    .slice(1)
    .map((l) => l.split(',')[0] as string)
    .sort();
}

/** Loads, resizes and splits the data set in `dir` (the dsb2018-nuclei folder itself). */
export function loadSegmentationDataset(dir: string, options: LoadSegmentationOptions): SegmentationDataset {
  const site = { pkg: 'apps', fn: 'loadSegmentationDataset' };
  const { size } = options;
  if (!Number.isInteger(size) || size < 8 || size > 1024) throw new InvalidArgumentError({ ...site, argument: 'options.size', value: size, rule: 'an integer in [8, 1024]' });
  const fraction = options.trainFraction ?? 0.8;
  if (!(fraction > 0 && fraction < 1)) throw new InvalidArgumentError({ ...site, argument: 'options.trainFraction', value: fraction, rule: 'a number in (0, 1)' });
  let ids = segmentationIds(dir);
  if (options.limit !== undefined) ids = ids.slice(0, options.limit);
  if (ids.length < 2) throw new InvalidArgumentError({ ...site, argument: 'options.limit', value: ids.length, rule: 'at least 2 images (one to train, one to test)' });
  const samples = ids.map((id) => loadSegmentationSample(dir, id, size));
  const trainCount = Math.min(ids.length - 1, Math.max(1, Math.round(fraction * ids.length)));
  return { size, train: samples.slice(0, trainCount), test: samples.slice(trainCount) };
}
