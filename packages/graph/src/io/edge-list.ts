/**
 * Edge-list files: one edge `u v [weight]` per line, separated by whitespace, tabs or commas, with `#` or `%`
 * comment lines (and `#` comments after the data). The format of SNAP, KONECT (`%` comments), networkx
 * `write_edgelist` and the Geom-GCN `out1_graph_edges.txt` files (a `node_id<TAB>node_id` header).
 */
import { buildGraph, type DuplicateEdgePolicy, type SelfLoopPolicy } from '../core/build-graph.js';
import type { Graph } from '../core/graph.js';
import { checkGraph } from '../core/queries.js';
import { InvalidArgumentError } from '../errors/errors.js';
import { checkBoolean, checkInteger, checkOneOf, checkOptions, type CheckSite } from '../errors/validate.js';
import {
  checkPath,
  consumeFile,
  consumeText,
  createParseContext,
  type EndPosition,
  type LineConsumer,
  type ParseContext,
} from './line-source.js';
import {
  createFloatBuffer,
  createIntBuffer,
  createTokenSpans,
  DEFAULT_MAX_ORDER,
  firstNonSpace,
  formatNumber,
  MAX_INT32_ORDER,
  parseFloatToken,
  parseIntegerToken,
  pushFloat,
  pushInt,
  quoteToken,
  scanTokens,
  stripUndefined,
} from './tokens.js';

export interface EdgeListOptions {
  /** Build a directed graph (each line an arc u → v). @default false */
  directed?: boolean;
  /**
   * Read a third column as the edge weight: `true` requires it on every line, `false` ignores any columns after
   * the second, `'auto'` decides from the first data line (2 or 3 columns) and then requires the same count.
   * @default 'auto'
   */
  weighted?: 'auto' | boolean;
  /**
   * Skip a header line: `true` skips the first non-comment line, `false` never skips, `'auto'` skips the first
   * non-comment line when none of its tokens is a number (e.g. `node_id<TAB>node_id`). With `ids: 'label'`,
   * `'auto'` never skips (a header cannot be told from names).
   * @default 'auto'
   */
  header?: 'auto' | boolean;
  /**
   * `'integer'`: tokens are non-negative integer node ids (shifted by `indexBase`). `'label'`: tokens are names,
   * numbered 0, 1, … in order of first appearance and kept as the graph's labels.
   * @default 'integer'
   */
  ids?: 'integer' | 'label';
  /** Id of the first node in the file when `ids` is `'integer'`: 0 or 1. @default 0 */
  indexBase?: 0 | 1;
  /** Number of nodes (keeps isolated nodes after the largest id); only with `ids: 'integer'`. @default largest id + 1 */
  order?: number;
  /**
   * Largest number of nodes integer ids may create: an id at or beyond it is a ParseError rather than an
   * allocation of that many nodes. Raise it for graphs that really are this large; use `ids: 'label'` for
   * sparse ids (e.g. 10-digit user ids). @default 2^24
   */
  maxOrder?: number;
  /** Repeated edges: keep the first, sum weights, or throw a ParseError at the repeat. @default 'first' */
  duplicates?: DuplicateEdgePolicy;
  /** Self-loops: drop, keep (directed only), or throw a ParseError at the loop. @default 'drop' */
  selfLoops?: SelfLoopPolicy;
}

export interface ParseEdgeListOptions extends EdgeListOptions {
  /** Name of the source shown in ParseError messages. @default '<string>' */
  file?: string;
}

export interface EdgeListResult {
  graph: Graph;
  /** Self-loop lines removed (selfLoops 'drop'). */
  selfLoopsDropped: number;
  /** Lines merged into an earlier line with the same edge (for undirected graphs, in either orientation). */
  duplicatesDropped: number;
  /** Lines read, including comments, blank lines and the header. */
  lines: number;
  /** Edge lines read (before dropping and merging). */
  edgeLines: number;
  /** True when a header line was skipped. */
  headerSkipped: boolean;
}

const DEFAULTS = Object.freeze({
  directed: false as boolean,
  weighted: 'auto' as 'auto' | boolean,
  header: 'auto' as 'auto' | boolean,
  ids: 'integer' as 'integer' | 'label',
  indexBase: 0 as 0 | 1,
  order: undefined as number | undefined,
  maxOrder: DEFAULT_MAX_ORDER,
  duplicates: 'first' as DuplicateEdgePolicy,
  selfLoops: 'drop' as SelfLoopPolicy,
});
type Resolved = { -readonly [K in keyof typeof DEFAULTS]: (typeof DEFAULTS)[K] };
const KEYS = ['directed', 'weighted', 'header', 'ids', 'indexBase', 'order', 'maxOrder', 'duplicates', 'selfLoops'] as const;

function resolveOptions(site: CheckSite, options: unknown, withFile: boolean): { opts: Resolved; file: string } {
  const given = checkOptions<ParseEdgeListOptions>(site, options, withFile ? [...KEYS, 'file'] : [...KEYS]);
  const { file: _file, ...rest } = stripUndefined(given);
  const opts: Resolved = { ...DEFAULTS, ...rest };
  checkBoolean(site, 'options.directed', opts.directed);
  if (opts.weighted !== 'auto') checkBoolean(site, 'options.weighted', opts.weighted);
  if (opts.header !== 'auto') checkBoolean(site, 'options.header', opts.header);
  checkOneOf(site, 'options.ids', opts.ids, ['integer', 'label']);
  if (opts.indexBase !== 0 && opts.indexBase !== 1) {
    throw new InvalidArgumentError({ ...site, argument: 'options.indexBase', value: opts.indexBase, rule: '0 or 1' });
  }
  checkInteger(site, 'options.maxOrder', opts.maxOrder, { min: 1, max: MAX_INT32_ORDER });
  if (opts.order !== undefined) {
    checkInteger(site, 'options.order', opts.order, { min: 0, max: opts.maxOrder });
    if (opts.ids === 'label') {
      throw new InvalidArgumentError({
        ...site,
        argument: 'options.order',
        value: opts.order,
        rule: "undefined when options.ids is 'label'",
        hint: 'With label ids the order is the number of distinct names.',
      });
    }
  }
  checkOneOf(site, 'options.duplicates', opts.duplicates, ['first', 'sum', 'error']);
  checkOneOf(site, 'options.selfLoops', opts.selfLoops, ['drop', 'keep', 'error']);
  if (opts.selfLoops === 'keep' && !opts.directed) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'options.selfLoops',
      value: 'keep',
      rule: "'drop' or 'error' for undirected graphs",
      hint: 'Undirected isinglab graphs are simple; keep self-loops only with directed: true.',
    });
  }
  const file = given.file ?? '<string>';
  if (typeof file !== 'string') {
    throw new InvalidArgumentError({ ...site, argument: 'options.file', value: file, rule: 'a string' });
  }
  return { opts, file };
}

/** The incremental edge-list parser: a state machine fed one line at a time. */
function createEdgeListConsumer(ctx: ParseContext, opts: Resolved): LineConsumer<EdgeListResult> {
  const spans = createTokenSpans();
  const sources = createIntBuffer();
  const targets = createIntBuffer();
  const lineOf = createIntBuffer();
  const weights = createFloatBuffer();
  const labelIds = new Map<string, number>();
  const labels: string[] = [];
  const base = opts.indexBase;
  const idLimit = opts.order ?? opts.maxOrder; // ids (after the base shift) must be below this
  let weighted: boolean | undefined = opts.weighted === 'auto' ? undefined : opts.weighted;
  let columns = 0; // tokens per line fixed by the first data line under weighted 'auto'
  let headerPending = opts.header === true || (opts.header === 'auto' && opts.ids === 'integer');
  let headerSkipped = false;
  let maxId = -1;

  const nodeId = (line: string, lineNumber: number, k: number): number => {
    const s = spans.starts[k] as number;
    const e = spans.ends[k] as number;
    if (opts.ids === 'label') {
      const name = line.slice(s, e);
      let id = labelIds.get(name);
      if (id === undefined) {
        id = labels.length;
        labelIds.set(name, id);
        labels.push(name);
      }
      return id;
    }
    const raw = parseIntegerToken(line, s, e);
    if (!Number.isInteger(raw)) {
      ctx.fail(lineNumber, s + 1, base === 0 ? 'a non-negative integer node id' : 'a positive integer node id', quoteToken(line, s, e));
    }
    const id = raw - base;
    if (id < 0) ctx.fail(lineNumber, s + 1, `a node id >= ${base}`, quoteToken(line, s, e));
    if (id >= idLimit) {
      ctx.fail(
        lineNumber,
        s + 1,
        opts.order !== undefined
          ? `a node id below ${opts.order + base} (options.order = ${opts.order})`
          : `a node id below ${idLimit + base} (options.maxOrder; use ids: 'label' for sparse ids)`,
        quoteToken(line, s, e),
      );
    }
    if (id > maxId) maxId = id;
    return id;
  };

  const allNonNumeric = (line: string): boolean => {
    for (let k = 0; k < spans.count; k++) {
      if (!Number.isNaN(parseFloatToken(line, spans.starts[k] as number, spans.ends[k] as number))) return false;
    }
    return true;
  };

  return {
    line(line: string, lineNumber: number): void {
      const first = firstNonSpace(line);
      if (first < 0) return;
      const c = line.charCodeAt(first);
      if (c === 35 || c === 37) return; // '#' or '%' comment line
      const count = scanTokens(line, spans, true, 35);
      if (count === 0) return;
      if (headerPending) {
        headerPending = false;
        if (opts.header === true || allNonNumeric(line)) {
          headerSkipped = true;
          return;
        }
      }
      if (count < 2) ctx.fail(lineNumber, line.length + 1, 'a second node id', 'end of line');
      if (weighted === undefined) {
        if (count > 3) {
          const s = spans.starts[3] as number;
          ctx.fail(lineNumber, s + 1, 'end of line (at most 3 columns: u v weight)', quoteToken(line, s, spans.ends[3] as number));
        }
        weighted = count === 3;
        columns = count;
      } else if (opts.weighted === 'auto' && count !== columns) {
        if (count > columns) {
          const s = spans.starts[columns] as number;
          ctx.fail(lineNumber, s + 1, `end of line (the first edge line has ${columns} columns)`, quoteToken(line, s, spans.ends[columns] as number));
        }
        ctx.fail(lineNumber, line.length + 1, `a weight (the first edge line has ${columns} columns)`, 'end of line');
      } else if (weighted) {
        if (count < 3) ctx.fail(lineNumber, line.length + 1, 'a weight in the third column', 'end of line');
        if (count > 3) {
          const s = spans.starts[3] as number;
          ctx.fail(lineNumber, s + 1, 'end of line (u v weight)', quoteToken(line, s, spans.ends[3] as number));
        }
      }
      const u = nodeId(line, lineNumber, 0);
      const v = nodeId(line, lineNumber, 1);
      if (u === v && opts.selfLoops === 'error') {
        ctx.fail(lineNumber, (spans.starts[0] as number) + 1, 'an edge between two different nodes (options.selfLoops is error)', `a self-loop on ${quoteToken(line, spans.starts[0] as number, spans.ends[0] as number)}`);
      }
      if (weighted) {
        const s = spans.starts[2] as number;
        const e = spans.ends[2] as number;
        const w = parseFloatToken(line, s, e);
        if (!Number.isFinite(w)) {
          ctx.fail(lineNumber, s + 1, Number.isNaN(w) ? 'a number (the weight)' : 'a finite weight (the value overflows a double)', quoteToken(line, s, e));
        }
        pushFloat(weights, w);
      }
      pushInt(sources, u);
      pushInt(targets, v);
      pushInt(lineOf, lineNumber);
    },

    end(at: EndPosition): EdgeListResult {
      const m = sources.length;
      const order = opts.ids === 'label' ? labels.length : (opts.order ?? maxId + 1);
      const src = sources.data.subarray(0, m);
      const dst = targets.data.subarray(0, m);
      const w = weighted ? weights.data.subarray(0, m) : undefined;
      const built = buildGraph(
        { order, sources: src, targets: dst, weights: w },
        {
          directed: opts.directed,
          duplicates: opts.duplicates === 'error' ? 'first' : opts.duplicates,
          selfLoops: opts.selfLoops === 'keep' ? 'keep' : 'drop',
          ...(opts.ids === 'label' ? { labels } : {}),
        },
      );
      if (built.duplicatesDropped > 0 && opts.duplicates === 'error') {
        reportFirstRepeat(ctx, built.inputToEdge, built.graph.size, lineOf.data);
      }
      if (w !== undefined && opts.duplicates === 'sum' && built.duplicatesDropped > 0) {
        checkSums(ctx, built.inputToEdge, built.graph.size, w, lineOf.data);
      }
      return {
        graph: built.graph,
        selfLoopsDropped: built.selfLoopsDropped,
        duplicatesDropped: built.duplicatesDropped,
        lines: at.lines,
        edgeLines: m,
        headerSkipped,
      };
    },
  };
}

/** Throws a ParseError at the first input line whose edge repeats an earlier line's edge. */
export function reportFirstRepeat(ctx: ParseContext, inputToEdge: Int32Array, size: number, lineOf: Int32Array): void {
  const firstInput = new Int32Array(size).fill(-1);
  for (let i = 0; i < inputToEdge.length; i++) {
    const e = inputToEdge[i] as number;
    if (e < 0) continue;
    if (firstInput[e] === -1) {
      firstInput[e] = i;
      continue;
    }
    ctx.fail(
      lineOf[i] as number,
      0,
      'no repeated edge (options.duplicates is error)',
      `a repeat of the edge on line ${lineOf[firstInput[e] as number]}`,
    );
  }
}

/** With duplicates 'sum', throws a ParseError at the first line whose weight makes an edge's sum overflow. */
export function checkSums(ctx: ParseContext, inputToEdge: Int32Array, size: number, w: Float64Array, lineOf: Int32Array): void {
  const sum = new Float64Array(size);
  for (let i = 0; i < inputToEdge.length; i++) {
    const e = inputToEdge[i] as number;
    if (e < 0) continue;
    sum[e] = (sum[e] as number) + (w[i] as number);
    if (!Number.isFinite(sum[e] as number)) {
      ctx.fail(lineOf[i] as number, 0, 'weights whose sum over repeated edges is finite (options.duplicates is sum)', 'an overflow');
    }
  }
}

/**
 * Parses an edge list from a string. O(characters + order + edges).
 * Malformed content throws ParseError {file, line, column, expected, found}; bad options throw InvalidArgumentError.
 * Reference: the SNAP / networkx `read_edgelist` conventions.
 */
export function parseEdgeList(text: string, options?: ParseEdgeListOptions): EdgeListResult {
  const site = { pkg: 'graph', fn: 'parseEdgeList' };
  if (typeof text !== 'string') throw new InvalidArgumentError({ ...site, argument: 'text', value: text, rule: 'a string' });
  const { opts, file } = resolveOptions(site, options, true);
  return consumeText(text, createEdgeListConsumer(createParseContext(site, file), opts));
}

/**
 * Streams an edge-list file (64 KiB chunks, lines split incrementally) through the same parser as
 * `parseEdgeList`. O(bytes + order + edges). An unreadable path throws InvalidArgumentError on `path`.
 */
export async function readEdgeList(path: string, options?: EdgeListOptions): Promise<EdgeListResult> {
  const site = { pkg: 'graph', fn: 'readEdgeList' };
  checkPath(site, path);
  const { opts } = resolveOptions(site, options, false);
  return consumeFile(site, path, createEdgeListConsumer(createParseContext(site, path), opts));
}

const FORMAT_DEFAULTS = Object.freeze({
  separator: ' ' as ' ' | '\t' | ',',
  weights: undefined as boolean | undefined,
  labels: false as boolean,
  indexBase: 0 as 0 | 1,
  header: undefined as string | undefined,
});

export interface FormatEdgeListOptions {
  /** Column separator. @default ' ' */
  separator?: ' ' | '\t' | ',';
  /** Write each edge's weight as a third column. @default true when the graph has weights */
  weights?: boolean;
  /** Write node labels instead of ids (requires labels that are non-empty and free of separators). @default false */
  labels?: boolean;
  /** Add this to every node id written. @default 0 */
  indexBase?: 0 | 1;
  /** A first line naming the columns, e.g. 'source target'; written as is. @default undefined (none) */
  header?: string;
}

/**
 * Writes one line per edge id, in edge-id order, as `u v [weight]` (undirected: the smaller endpoint first), after a
 * `#` comment giving the node and edge counts. `parseEdgeList` of the output (with the same `directed`, `indexBase`,
 * `order: graph.order` to keep isolated nodes, and `weighted` to keep an edgeless weighted graph weighted) rebuilds
 * the same graph, edge ids and weights included.
 * Weights are written with the shortest decimal that reads back exactly. O(order + edges).
 */
export function formatEdgeList(graph: Graph, options?: FormatEdgeListOptions): string {
  const site = { pkg: 'graph', fn: 'formatEdgeList' };
  checkGraph(site, graph);
  const given = checkOptions<FormatEdgeListOptions>(site, options, ['separator', 'weights', 'labels', 'indexBase', 'header']);
  const opts = { ...FORMAT_DEFAULTS, ...stripUndefined(given) };
  const separator = opts.separator;
  checkOneOf(site, 'options.separator', separator, [' ', '\t', ',']);
  const writeWeights = opts.weights ?? graph.weights !== undefined;
  checkBoolean(site, 'options.weights', writeWeights);
  if (writeWeights && graph.weights === undefined) {
    throw new InvalidArgumentError({ ...site, argument: 'options.weights', value: true, rule: 'false for an unweighted graph' });
  }
  const useLabels = opts.labels;
  checkBoolean(site, 'options.labels', useLabels);
  const base = opts.indexBase;
  if (base !== 0 && base !== 1) throw new InvalidArgumentError({ ...site, argument: 'options.indexBase', value: base, rule: '0 or 1' });
  if (opts.header !== undefined && (typeof opts.header !== 'string' || /[\n\r]/.test(opts.header))) {
    throw new InvalidArgumentError({ ...site, argument: 'options.header', value: opts.header, rule: 'a one-line string' });
  }
  let names: readonly string[] | undefined;
  if (useLabels) {
    names = graph.labels;
    if (names === undefined) {
      throw new InvalidArgumentError({ ...site, argument: 'options.labels', value: true, rule: 'false for a graph without labels' });
    }
    for (let v = 0; v < names.length; v++) {
      const name = names[v] as string;
      if (typeof name !== 'string' || !/^[^\s,#%][^\s,#]*$/.test(name)) {
        throw new InvalidArgumentError({
          ...site,
          argument: `graph.labels[${v}]`,
          value: name,
          rule: "a non-empty name without whitespace, commas or '#' that does not start with '%'",
          hint: 'Write ids instead (labels: false), or use formatGml, which quotes names.',
        });
      }
    }
  }
  const parts: string[] = [];
  parts.push(`# ${graph.directed ? 'directed' : 'undirected'} graph: ${graph.order} nodes, ${graph.size} edges\n`);
  if (opts.header !== undefined) parts.push(`${opts.header}\n`);
  const name = (v: number): string => (names ? (names[v] as string) : String(v + base));
  for (let e = 0; e < graph.size; e++) {
    let line = name(graph.edgeSources[e] as number) + separator + name(graph.edgeTargets[e] as number);
    if (writeWeights) line += separator + formatNumber(graph.weights![e] as number);
    parts.push(`${line}\n`);
  }
  return parts.join('');
}
