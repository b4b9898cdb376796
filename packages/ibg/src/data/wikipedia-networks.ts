/**
 * The directed Wikipedia networks chameleon and squirrel (Rozemberczki, Allen & Sarkar 2021) with Geom-GCN's
 * 5-class labels and 10 standard splits (Pei et al., ICLR 2020): seed 003's node-classification benchmarks
 * (Appendix L.1, Table 2: IBG-NN 80.15 % on chameleon, 77.63 % on squirrel).
 */
import { InvalidArgumentError } from '@isinglab/graph';
import type { NodeClassificationDataset } from './node-dataset.js';
import { readDirectedNodeDataset, type ReadDirectedNodeDatasetOptions } from './read-directed-node-dataset.js';

async function loadNamed(fn: string, name: 'chameleon' | 'squirrel', dataDir: string | undefined, options: ReadDirectedNodeDatasetOptions | undefined): Promise<NodeClassificationDataset> {
  const site = { pkg: 'ibg', fn } as const;
  const path = await import('node:path');
  let root = dataDir;
  if (root === undefined) {
    // lazily: @isinglab/graph/testing reads the file system, and this module must load in browsers
    const { findDataDir } = await import('@isinglab/graph/testing');
    root = findDataDir();
    if (root === undefined) {
      throw new InvalidArgumentError({
        ...site,
        argument: 'dataDir',
        value: dataDir,
        rule: `a data folder holding ${name}/ (none was given and none was found)`,
        hint: `Put Geom-GCN's ${name} files (out1_graph_edges.txt, out1_node_feature_label.txt, splits/split_0..9.txt) in <data>/${name}/ and pass <data>, set ISINGLAB_DATA=<data>, or place them in ../shared/data/${name}/ above the working directory.`,
      });
    }
  } else if (typeof root !== 'string' || root.length === 0) {
    throw new InvalidArgumentError({ ...site, argument: 'dataDir', value: dataDir, rule: 'a folder path or undefined' });
  }
  const folder = path.join(root, name);
  try {
    return await readDirectedNodeDataset(folder, { name, ...options });
  } catch (err) {
    if (InvalidArgumentError.isInstance(err) && err.argument === 'dir') {
      throw new InvalidArgumentError({
        ...site,
        argument: 'dataDir',
        value: root,
        rule: `a data folder holding ${name}/ in Geom-GCN's layout`,
        hint: `${err.message} Put Geom-GCN's ${name} files (out1_graph_edges.txt, out1_node_feature_label.txt, splits/split_0..9.txt) in ${folder}.`,
        cause: err,
      });
    }
    throw err;
  }
}

/**
 * Chameleon: 2277 Wikipedia pages, 36101 hyperlinks (arcs, 50 self-loops), 2325 binary features, 5 classes,
 * 10 splits of 1092/729/456 nodes. Reads `<dataDir>/chameleon/`; `dataDir` defaults to `$ISINGLAB_DATA` or the
 * nearest `shared/data` above the working directory (findDataDir). Missing files: InvalidArgumentError saying
 * where to put them. O(file sizes).
 * @example const chameleon = await loadChameleon();
 */
export function loadChameleon(dataDir?: string, options?: ReadDirectedNodeDatasetOptions): Promise<NodeClassificationDataset> {
  return loadNamed('loadChameleon', 'chameleon', dataDir, options);
}

/**
 * Squirrel: 5201 Wikipedia pages, 217073 hyperlinks (arcs, 140 self-loops), 2089 binary features, 5 classes,
 * 10 splits of 2496/1664/1041 nodes. Reads `<dataDir>/squirrel/` (see {@link loadChameleon}).
 */
export function loadSquirrel(dataDir?: string, options?: ReadDirectedNodeDatasetOptions): Promise<NodeClassificationDataset> {
  return loadNamed('loadSquirrel', 'squirrel', dataDir, options);
}
