import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findDataDir } from '@isinglab/graph/testing';

/** The workspace root (the folder holding pnpm-workspace.yaml) above `start`, or undefined. */
export function findWorkspaceRoot(start: string = process.cwd()): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Where results go: `$ISINGLAB_RESULTS`, else `<workspace root>/results`, else `./results`. */
export function resultsDir(): string {
  const fromEnv = process.env['ISINGLAB_RESULTS'];
  if (fromEnv) return resolve(fromEnv);
  return join(findWorkspaceRoot() ?? process.cwd(), 'results');
}

/** The data bundled with @isinglab/apps (a licence-compatible subset of the shared data). */
export function bundledDataDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data');
}

export interface DataLocation {
  dir: string;
  bundled: boolean;
}

/** `explicit` if given, else the shared data folder (findDataDir), else the bundled copy. */
export function locateData(explicit?: string): DataLocation {
  if (explicit) return { dir: resolve(explicit), bundled: false };
  const shared = findDataDir();
  if (shared) return { dir: shared, bundled: false };
  return { dir: bundledDataDir(), bundled: true };
}
