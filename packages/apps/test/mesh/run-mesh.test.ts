import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { IsingLabError, ParseError, createRng, type InvalidArgumentError } from '@isinglab/graph';
import { findDataDir } from '@isinglab/graph/testing';
import { useBackend } from '@isinglab/gnn';
import { MESH_METHODS, evaluateMesh, runMesh, trainingCopies, type MeshRunConfig } from '../../src/experiments/mesh/run-mesh.js';
import { loadMesh, loadMeshes, meshDataFolder, type LoadedMesh } from '../../src/experiments/mesh/mesh-data.js';
import { prepareMeshInput } from '../../src/experiments/mesh/mesh-model.js';
import { experimentMesh } from '../../src/commands/experiment-mesh.js';

tf.env().set('PROD', true);
beforeAll(async () => {
  await useBackend();
});
const dir = mkdtempSync(join(tmpdir(), 'isinglab-mesh-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DATA = findDataDir();
const withData = DATA !== undefined && existsSync(join(DATA, 'meshes', 'spot.obj')) ? describe : describe.skip;

// smoke size: spot and blub decimated to 120 vertices, two steps per mesh and epoch, two evaluation samples
const tiny = (epochs: number): MeshRunConfig => ({
  name: 'tiny',
  meshes: ['spot', 'blub'],
  robustness: [],
  maxVertices: 120,
  seeds: [1],
  epochs,
  stepsPerMesh: 2,
  hidden: 4,
  layers: 3,
  learningRate: 0.01,
  samplesPerStep: 2,
  sweeps: 3,
  targetFraction: 0.5,
  penaltyWeight: 1,
  evalSamples: 2,
});

/** The axis-aligned bounding box's diagonal of xyz positions, computed here rather than through normalizeMesh. */
function boundingBoxDiagonal(p: Float64Array): number {
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < p.length; i++) {
    lo[i % 3] = Math.min(lo[i % 3]!, p[i]!);
    hi[i % 3] = Math.max(hi[i % 3]!, p[i]!);
  }
  return Math.hypot(hi[0]! - lo[0]!, hi[1]! - lo[1]!, hi[2]! - lo[2]!);
}

withData('the mesh experiment runner (real meshes, decimated)', () => {
  let loaded: LoadedMesh[];
  beforeAll(async () => {
    loaded = await loadMeshes(DATA as string, ['spot', 'blub'], 120);
  });

  it('loads normalised meshes (unit bounding-box diagonal) decimated to the cap', () => {
    for (const m of loaded) {
      expect(m.mesh.vertexCount).toBe(120);
      expect(m.decimated).toBe(true);
      expect(m.nonManifoldEdges).toBe(0);
      expect(boundingBoxDiagonal(m.mesh.positions)).toBeCloseTo(1, 12);
    }
  });

  it('training copies: the mesh itself, then quadric-decimated, renormalised copies with their own loss scales', () => {
    const input = prepareMeshInput('spot', loaded[0]!.mesh);
    const copies = trainingCopies(input, [0.5, 0.25], 3);
    expect(copies.map((c) => c.name)).toEqual(['spot', 'spot@0.5', 'spot@0.25']);
    expect(copies[0]).toBe(input);
    expect(copies.map((c) => c.mesh.vertexCount)).toEqual([120, 60, 30]);
    for (const c of copies.slice(1)) {
      expect(c.lossScale).toBeGreaterThan(0);
      expect(boundingBoxDiagonal(c.mesh.positions)).toBeCloseTo(1, 12);
    }
    for (const bad of [0, 1, Number.NaN]) {
      let error: unknown;
      try {
        trainingCopies(input, [bad], 3);
      } catch (e) {
        error = e;
      }
      expect(IsingLabError.isInstance(error)).toBe(true);
      expect((error as InvalidArgumentError).argument).toBe('config.decimatedCopies');
    }
  });

  it('decimated training copies of the other meshes enter each fold\'s training (more steps per epoch)', async () => {
    const steps: number[] = [];
    await runMesh({ ...tiny(1), decimatedCopies: [0.5] }, { outDir: join(dir, 'copies'), dataDir: DATA as string, loaded, onProgress: (p) => steps.push(p.steps) });
    // 2 folds, each trained on the other mesh and its copy: 2 meshes × 2 steps
    expect(new Set(steps)).toEqual(new Set([4]));
  });

  it('writes results.json and results.svg atomically, and resumes from its checkpoints exactly', async () => {
    const straight = join(dir, 'straight');
    const resumed = join(dir, 'resumed');
    const numTensors = tf.memory().numTensors;
    const a = await runMesh(tiny(2), { outDir: straight, dataDir: DATA as string, loaded });
    expect(tf.memory().numTensors).toBe(numTensors);
    await runMesh(tiny(1), { outDir: resumed, dataDir: DATA as string, loaded });
    expect(existsSync(join(resumed, 'checkpoints', 'seed-1-spot.json'))).toBe(true);
    expect(existsSync(join(resumed, 'checkpoints', 'seed-1-blub.json'))).toBe(true);
    const b = await runMesh(tiny(2), { outDir: resumed, dataDir: DATA as string, loaded });
    expect(b.folds.map((f) => f.trainingLoss)).toEqual(a.folds.map((f) => f.trainingLoss));
    expect(b.table).toEqual(a.table);

    const json = JSON.parse(readFileSync(join(straight, 'results.json'), 'utf8'));
    expect(json.folds).toHaveLength(2);
    expect(json.folds.map((f: { heldOut: string; train: string[] }) => [f.heldOut, f.train])).toEqual([
      ['spot', ['blub']],
      ['blub', ['spot']],
    ]);
    for (const name of ['spot', 'blub']) {
      for (const m of MESH_METHODS) {
        expect(Number.isFinite(json.table[name][m].mean)).toBe(true);
        expect(json.table[name][m].mean).toBeGreaterThan(0);
      }
      // Random keeps exactly as many vertices as the matching Ising+field sample
      expect(json.table[name].random.fraction).toBeCloseTo(json.table[name].isingField.fraction, 12);
      expect(typeof json.acceptance[name].fieldBelowIsing).toBe('boolean');
    }
    expect(json.folds[0].trainingLoss).toHaveLength(2);
    expect(readdirSync(straight).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const svg = readFileSync(join(straight, 'results.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    // one circle per drawn vertex of both held-out meshes, and the four bars per mesh
    expect(svg.match(/<circle/g)).toHaveLength(240);
    expect(svg.match(/<rect x="\d+" y="[\d.]+" width="20"/g)).toHaveLength(8);
  });

  it('a checkpoint of another configuration is not resumed (the run starts afresh)', async () => {
    const out = join(dir, 'other');
    await runMesh(tiny(1), { outDir: out, dataDir: DATA as string, loaded });
    const fresh = await runMesh({ ...tiny(1), learningRate: 0.02 }, { outDir: out, dataDir: DATA as string, loaded });
    const reference = await runMesh({ ...tiny(1), learningRate: 0.02 }, { outDir: join(dir, 'reference'), dataDir: DATA as string, loaded });
    expect(fresh.folds.map((f) => f.trainingLoss)).toEqual(reference.folds.map((f) => f.trainingLoss));
  });

  it('the non-manifold dragon (res4, undecimated) is coarsened by every method without throwing', async () => {
    const dragon = await loadMesh('dragon', join(meshDataFolder(DATA as string), 'dragon_vrip_res4.ply'));
    // independent count of the edges on three or more faces
    const counts = new Map<string, number>();
    const f = dragon.mesh.faces;
    for (let t = 0; t < dragon.mesh.faceCount; t++) {
      for (let s = 0; s < 3; s++) {
        const a = f[3 * t + s]!;
        const b = f[3 * t + ((s + 1) % 3)]!;
        const key = a < b ? `${a},${b}` : `${b},${a}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    const expected = [...counts.values()].filter((c) => c >= 3).length;
    expect(expected).toBeGreaterThan(0);
    expect(dragon.nonManifoldEdges).toBe(expected);
    const input = prepareMeshInput('dragon', dragon.mesh);
    const fields = new Float64Array(dragon.mesh.vertexCount);
    const { evaluation } = evaluateMesh(input, fields, { sweeps: 3, targetFraction: 0.5, evalSamples: 2 }, createRng(1));
    for (const m of MESH_METHODS) {
      expect(Number.isFinite(evaluation.methods[m].mean)).toBe(true);
      expect(evaluation.methods[m].mean).toBeGreaterThan(0);
    }
  });
});

describe('mesh experiment errors', () => {
  it('a missing mesh file is a typed error naming the path; a wrong extension too; a malformed file is a ParseError', async () => {
    let error: unknown;
    try {
      await loadMesh('x', join(dir, 'no-such-mesh.obj'));
    } catch (e) {
      error = e;
    }
    expect(IsingLabError.isInstance(error)).toBe(true);
    expect((error as InvalidArgumentError).argument).toBe('path');
    await expect(loadMesh('x', join(dir, 'mesh.stl'))).rejects.toThrow(/path must be an .obj or .ply file/);
    const bad = join(dir, 'bad.obj');
    writeFileSync(bad, 'v 0 0 0\nv 1 0 0\nf 1 2 9\n');
    let parse: unknown;
    try {
      await loadMesh('bad', bad);
    } catch (e) {
      parse = e;
    }
    expect(IsingLabError.isInstance(parse)).toBe(true);
    expect(parse).toBeInstanceOf(ParseError);
    expect((parse as ParseError).line).toBe(3);
    await expect(loadMeshes(dir, ['teapot'])).rejects.toThrow(/names must be one of spot, bob, blub, bunny/);
  });

  it('the CLI command rejects an unknown configuration and a data folder without meshes', async () => {
    const io = { out: () => undefined, err: () => undefined };
    await expect(experimentMesh({ config: 'huge' }, io)).rejects.toThrow(/--config must be one of quick, paper/);
    let error: unknown;
    try {
      await experimentMesh({ data: join(dir, 'empty') }, io, { configOverride: tiny(1), outDir: join(dir, 'cli-bad') });
    } catch (e) {
      error = e;
    }
    expect(IsingLabError.isInstance(error)).toBe(true);
    expect((error as InvalidArgumentError).argument).toBe('path');
  });
});
