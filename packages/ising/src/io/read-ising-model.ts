/**
 * Model files: any graph file @isinglab/graph reads, plus where couplings and fields come from. This is what every
 * CLI command taking a model uses (`--J`, `--couplings-from-weights`, `--fields-from-diagonal`, `--field-file`).
 */
import { readFile } from 'node:fs/promises';
import {
  InvalidArgumentError,
  ParseError,
  checkBoolean,
  checkFiniteNumber,
  checkOptions,
  readGraphFile,
  type GraphFileSummary,
  type GraphFormat,
} from '@isinglab/graph';
import { createIsingModel, type IsingModel } from '../model/ising-model.js';

export interface ReadIsingModelOptions {
  /** Inverse temperature β ≥ 0 (required). */
  beta: number;
  /** Uniform coupling J on every edge; exclusive with `couplingsFromWeights`. @default 1 */
  coupling?: number;
  /** Take each edge's coupling from the file's edge weight (weighted edge list, GML weight, MatrixMarket value). @default false */
  couplingsFromWeights?: boolean;
  /** Take node i's field from the MatrixMarket diagonal entry (i, i) (absent entries give 0). @default false */
  fieldsFromDiagonal?: boolean;
  /** A text file with one field per line in node order (blank lines and `#` comments skipped). @default undefined */
  fieldFile?: string;
  /** The graph file's format. @default detected from the name and content */
  format?: GraphFormat;
}

export interface IsingModelFile {
  model: IsingModel;
  /** What the graph reader reported (format, dropped self-loops and duplicates, the matrix or mesh). */
  file: GraphFileSummary;
}

const KNOWN: readonly (keyof ReadIsingModelOptions)[] = [
  'beta', 'coupling', 'couplingsFromWeights', 'fieldsFromDiagonal', 'fieldFile', 'format',
];

/**
 * Reads a graph file into an Ising model. Fields are zero unless `fieldsFromDiagonal` or `fieldFile` is given
 * (not both). O(file size).
 */
export async function readIsingModel(path: string, options: ReadIsingModelOptions): Promise<IsingModelFile> {
  const site = { pkg: 'ising', fn: 'readIsingModel' };
  const opts = checkOptions<ReadIsingModelOptions>(site, options, KNOWN);
  const beta = checkFiniteNumber(site, 'options.beta', opts.beta, { min: 0 });
  const fromWeights = checkBoolean(site, 'options.couplingsFromWeights', opts.couplingsFromWeights ?? false);
  const fromDiagonal = checkBoolean(site, 'options.fieldsFromDiagonal', opts.fieldsFromDiagonal ?? false);
  if (fromWeights && opts.coupling !== undefined) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'options.coupling',
      value: opts.coupling,
      rule: 'absent when options.couplingsFromWeights is true',
    });
  }
  const coupling = opts.coupling === undefined ? 1 : checkFiniteNumber(site, 'options.coupling', opts.coupling);
  if (fromDiagonal && opts.fieldFile !== undefined) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'options.fieldFile',
      value: opts.fieldFile,
      rule: 'absent when options.fieldsFromDiagonal is true (choose one source of fields)',
    });
  }
  if (opts.fieldFile !== undefined && (typeof opts.fieldFile !== 'string' || opts.fieldFile === '')) {
    throw new InvalidArgumentError({ ...site, argument: 'options.fieldFile', value: opts.fieldFile, rule: 'a file path' });
  }
  const file = await readGraphFile(path, opts.format === undefined ? {} : { format: opts.format });
  const graph = file.graph;
  if (fromWeights && graph.weights === undefined) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'options.couplingsFromWeights',
      value: true,
      rule: `used only with a file that has edge weights (${path} has none)`,
      hint: 'pass a uniform coupling instead (--J)',
    });
  }
  let fields: Float64Array | number = 0;
  if (fromDiagonal) {
    const matrix = file.matrix;
    if (matrix === undefined) {
      throw new InvalidArgumentError({
        ...site,
        argument: 'options.fieldsFromDiagonal',
        value: true,
        rule: `used only with a MatrixMarket file (${path} is ${file.format})`,
      });
    }
    const diag = new Float64Array(graph.order);
    for (let k = 0; k < matrix.entries; k++) {
      const i = matrix.rowIndices[k] as number;
      if (i === matrix.colIndices[k]) diag[i] = matrix.values === undefined ? 1 : (matrix.values[k] as number);
    }
    fields = diag;
  } else if (opts.fieldFile !== undefined) {
    fields = await readFieldFile(opts.fieldFile, graph.order);
  }
  const model = createIsingModel(graph, { couplings: fromWeights ? 'weights' : coupling, fields, beta });
  return { model, file };
}

/** One finite number per line, exactly `order` of them. */
async function readFieldFile(path: string, order: number): Promise<Float64Array> {
  const fn = 'readIsingModel';
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InvalidArgumentError({
      pkg: 'ising',
      fn,
      argument: 'options.fieldFile',
      value: path,
      rule: 'a readable file',
      hint: (error as Error).message,
    });
  }
  const fields = new Float64Array(order);
  let count = 0;
  const lines = text.split(/\r?\n/);
  for (let l = 0; l < lines.length; l++) {
    const line = (lines[l] as string).replace(/#.*$/, '').trim();
    if (line === '') continue;
    const value = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(line) ? Number(line) : Number.NaN;
    if (!Number.isFinite(value)) {
      throw new ParseError({ pkg: 'ising', fn, file: path, line: l + 1, column: 1, expected: 'one finite number per line', found: JSON.stringify(line.slice(0, 40)) });
    }
    if (count === order) {
      throw new ParseError({ pkg: 'ising', fn, file: path, line: l + 1, column: 1, expected: `exactly ${order} fields (one per node)`, found: 'more' });
    }
    fields[count++] = value;
  }
  if (count !== order) {
    throw new ParseError({ pkg: 'ising', fn, file: path, line: 0, column: 0, expected: `exactly ${order} fields (one per node)`, found: `${count}` });
  }
  return fields;
}
