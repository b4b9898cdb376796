/**
 * The meshes of the mesh-coarsening experiment (seed 000, Sec. 4.2) and the per-vertex inputs of its field model.
 *
 * The seed's meshes (Chen et al. 2009, SHREC 2007 terms) cannot be shipped; the shared data holds four clean CC0 /
 * Stanford meshes instead (spot, bob, blub, bunny) plus two non-manifold dragon decimations used as robustness
 * inputs (see shared/data/meshes/SOURCE.md). Every mesh is normalised to a unit bounding-box diagonal (FORMAT.md:
 * distances are compared across meshes) and optionally decimated with quadric edge collapse to at most
 * `maxVertices` (CPU budget), then normalised again.
 */
import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import {
  InvalidArgumentError,
  applyCotangentLaplacian,
  meanCurvature,
  nonManifoldEdges,
  normalizeMesh,
  quadricEdgeCollapse,
  readObj,
  readPly,
  type TriangleMesh,
} from '@isinglab/graph';

export const MESH_DATA_FOLDER = 'meshes';

/** The clean meshes (leave-one-out folds) and the non-manifold robustness inputs, by name → file. */
export const MESH_FILES: Readonly<Record<string, string>> = Object.freeze({
  spot: 'spot.obj',
  bob: 'bob_tri.obj',
  blub: 'blub_triangulated.obj',
  bunny: 'stanford-bunny.obj',
  dragon: 'dragon_vrip_res4.ply',
  'dragon-res3': 'dragon_vrip_res3.ply',
});

export interface LoadedMesh {
  name: string;
  file: string;
  /** The normalised (and possibly decimated) mesh the experiment uses. */
  mesh: TriangleMesh;
  /** Vertex count of the file's mesh after the reader dropped unreferenced vertices. */
  originalVertices: number;
  /** Vertices the reader dropped (unreferenced by any triangle). */
  unreferencedDropped: number;
  /** Whether quadric edge collapse reduced it to maxVertices. */
  decimated: boolean;
  /** Edges of the used mesh on three or more faces; boundary edges (on one face). */
  nonManifoldEdges: number;
  boundaryEdges: number;
}

/** The meshes folder: `dir` itself or its subfolder `meshes`. */
export function meshDataFolder(dir: string): string {
  const nested = join(dir, MESH_DATA_FOLDER);
  return existsSync(nested) ? nested : dir;
}

/**
 * Reads one mesh (OBJ or PLY by extension), normalises it and, when it has more than `maxVertices` vertices,
 * decimates it with quadric edge collapse (optimal placement) and normalises again. Reader errors (missing file:
 * InvalidArgumentError 'path'; malformed: ParseError) propagate unchanged.
 */
export async function loadMesh(name: string, path: string, maxVertices?: number): Promise<LoadedMesh> {
  const ext = extname(path).toLowerCase();
  if (ext !== '.obj' && ext !== '.ply') {
    throw new InvalidArgumentError({ pkg: 'apps', fn: 'loadMesh', argument: 'path', value: path, rule: 'an .obj or .ply file' });
  }
  const read = ext === '.obj' ? await readObj(path) : await readPly(path);
  let mesh = normalizeMesh(read.mesh);
  let decimated = false;
  if (maxVertices !== undefined && mesh.vertexCount > maxVertices) {
    mesh = normalizeMesh(quadricEdgeCollapse(mesh, maxVertices).mesh);
    decimated = true;
  }
  const topology = nonManifoldEdges(mesh);
  return {
    name,
    file: path,
    mesh,
    originalVertices: read.mesh.vertexCount,
    unreferencedDropped: read.unreferencedDropped,
    decimated,
    nonManifoldEdges: topology.nonManifoldEdges.length,
    boundaryEdges: topology.boundaryEdges.length,
  };
}

/** Loads the named meshes from the data folder (the shared data folder or its `meshes` subfolder). */
export async function loadMeshes(dataDir: string, names: readonly string[], maxVertices?: number): Promise<LoadedMesh[]> {
  const folder = meshDataFolder(dataDir);
  const out: LoadedMesh[] = [];
  for (const name of names) {
    const file = MESH_FILES[name];
    if (file === undefined) {
      throw new InvalidArgumentError({ pkg: 'apps', fn: 'loadMeshes', argument: 'names', value: name, rule: `one of ${Object.keys(MESH_FILES).join(', ')}` });
    }
    out.push(await loadMesh(name, join(folder, file), maxVertices));
  }
  return out;
}

/** Mean length of the mesh edges (each undirected edge once); 0 without edges. */
export function meanMeshEdgeLength(mesh: TriangleMesh): number {
  const { graph, positions: p } = mesh;
  let total = 0;
  let count = 0;
  for (let u = 0; u < graph.order; u++) {
    for (let e = graph.offsets[u] as number; e < (graph.offsets[u + 1] as number); e++) {
      const v = graph.targets[e] as number;
      if (v <= u) continue;
      const dx = (p[3 * u] as number) - (p[3 * v] as number);
      const dy = (p[3 * u + 1] as number) - (p[3 * v + 1] as number);
      const dz = (p[3 * u + 2] as number) - (p[3 * v + 2] as number);
      total += Math.sqrt(dx * dx + dy * dy + dz * dz);
      count++;
    }
  }
  return count > 0 ? total / count : 0;
}

/** Node inputs of the field model: invariant features and network coordinates. */
export interface MeshFeatures {
  /** Per vertex [standardised log(10⁻³ + z⁰_i / mean z⁰), H_i · ℓ̄] (row-major, 2 per vertex), see meshFeatures. */
  features: Float32Array;
  featureCount: number;
  /** Positions divided by the mean edge length ℓ̄ (so neighbour distances are O(1) for the EGNN). */
  coordinates: Float32Array;
  meanEdgeLength: number;
}

export const MESH_FEATURE_COUNT = 2;

/**
 * Invariant node features: the seed's curvature input z⁰_i = ‖Σ_j C_ij (r_i − r_j)‖² (App. B.2, Eqs. 26–27, the
 * cotangent Laplacian of the positions) divided by its mesh mean — it scales with the fourth power of the
 * resolution otherwise — as a standardised logarithm, and the signed mean curvature H_i times ℓ̄ (dimensionless). Coordinates are positions / ℓ̄.
 */
export function meshFeatures(mesh: TriangleMesh): MeshFeatures {
  const n = mesh.vertexCount;
  const lx = applyCotangentLaplacian(mesh, mesh.positions);
  const h = meanCurvature(mesh);
  const meanEdgeLength = meanMeshEdgeLength(mesh);
  const z = new Float64Array(n);
  let zMean = 0;
  for (let v = 0; v < n; v++) {
    const a = lx[3 * v] as number;
    const b = lx[3 * v + 1] as number;
    const c = lx[3 * v + 2] as number;
    z[v] = a * a + b * b + c * c;
    zMean += (z[v] as number) / n;
  }
  // log z⁰ standardised over the mesh: z⁰ spans decades (flat regions ≈ 0, sharp corners large)
  const logZ = new Float64Array(n);
  let logMean = 0;
  for (let v = 0; v < n; v++) {
    logZ[v] = Math.log(1e-3 + (zMean > 0 ? (z[v] as number) / zMean : 0));
    logMean += (logZ[v] as number) / n;
  }
  let logVar = 0;
  for (let v = 0; v < n; v++) logVar += ((logZ[v] as number) - logMean) ** 2 / n;
  const logStd = logVar > 0 ? Math.sqrt(logVar) : 1;
  const features = new Float32Array(MESH_FEATURE_COUNT * n);
  const coordinates = new Float32Array(3 * n);
  const scale = meanEdgeLength > 0 ? meanEdgeLength : 1;
  for (let v = 0; v < n; v++) {
    features[2 * v] = (logZ[v] as number - logMean) / logStd;
    features[2 * v + 1] = Math.max(-5, Math.min(5, (h[v] as number) * scale));
    for (let d = 0; d < 3; d++) coordinates[3 * v + d] = (mesh.positions[3 * v + d] as number) / scale;
  }
  return { features, featureCount: MESH_FEATURE_COUNT, coordinates, meanEdgeLength: scale };
}
