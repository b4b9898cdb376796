/**
 * `isinglab experiment mesh [--config quick|paper] [--data DIR] [--json]`: the mesh-coarsening experiment of seed 000
 * (Sec. 4.2, Table 1) on the shared clean meshes with leave-one-mesh-out folds (results/mesh/<config>/results.json
 * and results.svg). Progress with ETA on stderr; Ctrl-C ends the process at once and the next run resumes from the
 * last epoch checkpoint of each fold.
 */
import { join } from 'node:path';
import { formatTable } from '@isinglab/graph/testing';
import { MESH_CONFIGS, MESH_METHODS, MESH_METHOD_LABELS, runMesh, type MeshRunConfig } from '../experiments/mesh/run-mesh.js';
import { MESH_DATA_FOLDER, MESH_FILES, type LoadedMesh } from '../experiments/mesh/mesh-data.js';
import { locateData, resultsDir } from '../lib/paths.js';
import { experimentConfig, prepareTf, skipWithoutData, stepProgress } from '../lib/experiment-command.js';
import { codeVersion } from '../lib/provenance.js';
import type { CliIo } from '../cli/io.js';

export interface ExperimentMeshOptions {
  config?: string;
  data?: string;
  json?: boolean;
}

export interface ExperimentMeshEnv {
  /** Replaces the named configuration (smoke tests). */
  configOverride?: MeshRunConfig;
  /** Already loaded meshes (smoke tests). */
  loaded?: LoadedMesh[];
  /** Output folder instead of results/mesh/<config>. */
  outDir?: string;
}

const fmt = (m: { mean: number; std: number }) => `${m.mean.toExponential(3)} (${m.std.toExponential(1)})`;

export async function experimentMesh(options: ExperimentMeshOptions, io: CliIo, env: ExperimentMeshEnv = {}): Promise<number> {
  const name = options.config ?? 'quick';
  const config = experimentConfig('mesh', name, MESH_CONFIGS, env.configOverride);
  const backend = await prepareTf();
  const outDir = env.outDir ?? join(resultsDir(), 'mesh', name);
  const data = locateData(options.data);
  const needed = [...config.meshes, ...config.robustness].map((m) => join(MESH_DATA_FOLDER, MESH_FILES[m] ?? m));
  if (env.loaded === undefined && skipWithoutData('mesh', data, needed, io)) return 0;
  const started = Date.now();
  // progress counts training steps over all folds (evaluation time is not in the ETA)
  let report: ReturnType<typeof stepProgress> | undefined;
  const summary = await runMesh(config, {
    outDir,
    commit: codeVersion(),
    dataDir: data.dir,
    ...(env.loaded === undefined ? {} : { loaded: env.loaded }),
    onProgress: (p) => {
      const unit = ((p.fold - 1) * p.epochs + p.epoch - 1) * p.steps + p.step;
      report ??= stepProgress(p.folds * p.epochs * p.steps);
      const line = report(unit, { loss: p.loss }, p.step === p.steps);
      if (line !== null) io.err(`mesh seed ${p.seed} held-out ${p.heldOut} epoch ${p.epoch}/${p.epochs} step ${p.step}/${p.steps} ${line}`);
    },
  });
  if (options.json) {
    io.out(JSON.stringify({ outDir, backend, table: summary.table, acceptance: summary.acceptance, robustness: summary.robustness.map((r) => ({ mesh: r.mesh, vertices: r.vertices, nonManifoldEdges: r.nonManifoldEdges })) }));
    return 0;
  }
  io.out(`Mesh coarsening (${config.name}): leave-one-out over ${config.meshes.join(', ')}${config.maxVertices === undefined ? '' : ` (≤ ${config.maxVertices} vertices)`}, ${config.epochs} epochs, seeds ${config.seeds.join(', ')}; Eq. 23 sum, mean (std)`);
  io.out(
    formatTable([
      ['held-out', ...MESH_METHODS.map((m) => MESH_METHOD_LABELS[m]), 'kept fraction'],
      ...Object.entries(summary.table).map(([mesh, row]) => [mesh, ...MESH_METHODS.map((m) => fmt(row[m])), row.isingField.fraction.toFixed(3)]),
    ]),
  );
  for (const r of summary.robustness) {
    io.out(`robustness ${r.mesh}: ${r.vertices} vertices, ${r.nonManifoldEdges} non-manifold edges; ${MESH_METHODS.map((m) => `${MESH_METHOD_LABELS[m]} ${r.methods[m].mean.toExponential(3)}`).join(', ')}`);
  }
  io.out(`wrote ${join(outDir, 'results.json')} and results.svg (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return 0;
}
