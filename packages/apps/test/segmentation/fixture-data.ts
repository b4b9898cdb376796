/** A temporary copy of a few dsb2018-nuclei images (the first ids of index.csv) for the segmentation tests. */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findDataDir } from '@isinglab/graph/testing';

export const SOURCE = (() => {
  const root = findDataDir();
  return root === undefined ? undefined : join(root, 'dsb2018-nuclei');
})();

/** Copies the first `count` rows of index.csv (with their images and masks) into `dir`; returns those rows. */
export function copySubset(dir: string, count: number): { id: string; width: number; height: number; fraction: number }[] {
  const source = SOURCE as string;
  const lines = readFileSync(join(source, 'index.csv'), 'utf8').trim().split('\n');
  const rows = lines.slice(1, 1 + count);
  mkdirSync(join(dir, 'images'), { recursive: true });
  mkdirSync(join(dir, 'masks'), { recursive: true });
  writeFileSync(join(dir, 'index.csv'), `${[lines[0], ...rows].join('\n')}\n`);
  return rows.map((row) => {
    const [id, width, height, , , fraction] = row.split(',') as [string, string, string, string, string, string];
    copyFileSync(join(source, 'images', `${id}.png`), join(dir, 'images', `${id}.png`));
    copyFileSync(join(source, 'masks', `${id}.png`), join(dir, 'masks', `${id}.png`));
    return { id, width: Number(width), height: Number(height), fraction: Number(fraction) };
  });
}
