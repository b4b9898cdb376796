/**
 * What every `isinglab experiment NAME` command does around its run: pick the named configuration (a typed error
 * listing the valid names otherwise), select the tfjs backend, and print throttled progress lines whose ETA counts
 * only the steps done in this process (so data loading and resumed, skipped epochs do not distort it) while the bar
 * shows the whole run.
 *
 * Interrupting: Ctrl-C (SIGINT) and SIGTERM end the process at once, Node's default. That is safe because every
 * checkpoint and result file is written through a temporary file and a rename, and the next run resumes from the last
 * checkpoint. A signal listener would not make the stop gentler: the training loops are synchronous, so a listener
 * runs only after the whole run has finished (measured: a SIGINT 15 s into `experiment mesh --config quick` was
 * ignored until its end at 106 s).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError } from '@isinglab/graph';
import { progressLine, useBackend } from '@isinglab/gnn';
import * as tf from '@tensorflow/tfjs';
import type { DataLocation } from './paths.js';
import type { CliIo } from '../cli/io.js';

/** The configuration called `name` in `configs` (`override` wins, for smoke tests). */
export function experimentConfig<C>(experiment: string, name: string, configs: Readonly<Record<string, C>>, override?: C): C {
  const config = override ?? configs[name];
  if (config === undefined) {
    throw new InvalidArgumentError({ pkg: 'apps', fn: `experiment ${experiment}`, argument: '--config', value: name, rule: `one of ${Object.keys(configs).join(', ')}` });
  }
  return config;
}

/** Production tfjs flags and the default backend (wasm in Node, cpu as fallback); returns the backend's name. */
export async function prepareTf(): Promise<string> {
  tf.env().set('PROD', true);
  return useBackend();
}

/**
 * Progress over `total` units (training steps) with an ETA from the rate since the first unit this process saw; the
 * bar counts the units before it too (a resumed run shows where it stands).
 * `report(unit, force)` returns a line at most once a second (always when `force`), else null.
 */
export function stepProgress(total: number, intervalMs = 1000): (unit: number, metrics: Record<string, number>, force?: boolean) => string | null {
  let first: { position: number; at: number } | undefined;
  let last = 0;
  return (unit, metrics, force = false) => {
    const now = Date.now();
    // timing starts when the first unit is reported, so that unit counts as done before it
    first ??= { position: unit, at: now };
    if (!force && now - last <= intervalMs) return null;
    last = now;
    const line = progressLine({ epoch: unit, epochs: total, elapsedMs: now - first.at, metrics, completedBefore: first.position });
    return `(${unit}/${total} steps): ${line.replace(/^epoch \S+ /, '')}`;
  };
}

/**
 * True (after a one-line notice on stderr) when no data folder was found or given, so the bundled copy is in use,
 * and it lacks one of `paths` (relative to the data folder): the experiment is skipped rather than failed, so the
 * README's main command works on a machine without the shared data. A folder the user pointed at is never
 * skipped: missing files there are errors.
 */
export function skipWithoutData(experiment: string, data: DataLocation, paths: readonly string[], io: CliIo): boolean {
  if (!data.bundled) return false;
  const missing = paths.filter((p) => !existsSync(join(data.dir, p)));
  if (missing.length === 0) return false;
  io.err(`isinglab experiment ${experiment}: skipped, the bundled data has no ${missing.join(', ')} (put the shared data folder beside the repository, or pass --data DIR / set ISINGLAB_DATA)`);
  return true;
}
