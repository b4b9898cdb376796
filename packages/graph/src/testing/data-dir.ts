/**
 * Locating the shared real-data folder (`../shared/data` beside the repository, see each folder's SOURCE.md).
 * Order: the `ISINGLAB_DATA` environment variable, then `shared/data` or `../shared/data` relative to the
 * current directory and each of its ancestors. Returns undefined when none exists.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export function findDataDir(start: string = process.cwd()): string | undefined {
  const fromEnv = process.env['ISINGLAB_DATA'];
  if (fromEnv && isDir(fromEnv)) return resolve(fromEnv);
  let dir = resolve(start);
  for (;;) {
    for (const candidate of [join(dir, 'shared', 'data'), join(dir, '..', 'shared', 'data')]) {
      if (isDir(candidate)) return resolve(candidate);
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function isDir(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isDirectory();
  } catch {
    return false;
  }
}
