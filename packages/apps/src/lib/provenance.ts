/**
 * Which code produced a result file: the git commit of this repository's checkout (with "+dirty" when tracked files
 * have uncommitted changes), or, for an installed package, its name and version. Recorded as `commit` in every
 * experiment's results.json.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gitCommit } from '@isinglab/graph/testing';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** e.g. "0a2fd38", "0a2fd38+dirty" or "@isinglab/apps@0.3.0". */
export function codeVersion(): string {
  try {
    const top = execFileSync('git', ['-C', packageDir, 'rev-parse', '--show-toplevel'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    // only this monorepo's own checkout: an installed copy inside some other repository is not that repository's code
    const commit = realpathSync(join(top, 'packages', 'apps')) === realpathSync(packageDir) ? gitCommit(packageDir) : null;
    if (commit !== null) return commit;
  } catch {
    // no git, or not a checkout: fall through to the package version
  }
  const manifest = join(packageDir, 'package.json');
  const { name, version } = existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string }) : {};
  return `${name ?? '@isinglab/apps'}@${version ?? 'unknown'}`;
}
