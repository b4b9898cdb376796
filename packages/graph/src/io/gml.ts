/**
 * GML, the Graph Modelling Language (M. Himsolt, "GML: A portable Graph File Format", Universität Passau, 1997):
 * nested `key value` lists, `key [ ... ]` sublists, quoted strings with HTML character entities (`&quot;`,
 * `&amp;`, `&#34;` as written by networkx), integers, reals and `#` comments. A `graph [ ... ]` block holds
 * `directed`, `multigraph`, `node [ id N label "..." ... ]` and `edge [ source S target T weight W ]` blocks.
 */
import { buildGraph, type DuplicateEdgePolicy, type SelfLoopPolicy } from '../core/build-graph.js';
import type { Graph } from '../core/graph.js';
import { checkGraph } from '../core/queries.js';
import { InvalidArgumentError } from '../errors/errors.js';
import { checkBoolean, checkOneOf, checkOptions, type CheckSite } from '../errors/validate.js';
import { checkSums, reportFirstRepeat } from './edge-list.js';
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
  formatNumber,
  isSpace,
  parseFloatToken,
  parseIntegerToken,
  pushFloat,
  pushInt,
  quoteToken,
  stripUndefined,
} from './tokens.js';

/** A scalar GML value: a number or a (decoded) string. */
export type GmlValue = string | number;
/** Scalar attributes of a node or graph, in a prototype-free record. */
export type GmlAttributes = Readonly<Record<string, GmlValue>>;

export interface GmlOptions {
  /**
   * Build a directed graph (true) or an undirected one (false) whatever the file's `directed` key says; needed
   * for files whose header is wrong (e.g. polblogs.gml says `undirected 1` but its links are directed).
   * @default the file's `directed` value (0 when absent)
   */
  directed?: boolean;
  /** Repeated edges: keep the first, sum weights, or throw a ParseError at the repeat. @default 'first' */
  duplicates?: DuplicateEdgePolicy;
  /** Self-loops: drop, keep (directed only), or throw a ParseError at the loop. @default 'drop' */
  selfLoops?: SelfLoopPolicy;
}

export interface ParseGmlOptions extends GmlOptions {
  /** Name of the source shown in ParseError messages. @default '<string>' */
  file?: string;
}

export interface GmlResult {
  /** Node v is the v-th node block; labels are the `label` values (the GML id as a string where a node has none). */
  graph: Graph;
  /** The GML `id` of each node. */
  nodeIds: Int32Array;
  /** Scalar attributes of each node other than `id` and `label` (sublists such as `graphics` are skipped). */
  nodeAttributes: readonly GmlAttributes[];
  /** Scalar attributes of the graph block (e.g. `directed`, `multigraph`, `name`). */
  graphAttributes: GmlAttributes;
  /** The file's own `directed` flag. */
  directedInFile: boolean;
  /** Number of edge blocks read (before dropping and merging). */
  edgeBlocks: number;
  /** Self-loop edge blocks removed. */
  selfLoopsDropped: number;
  /** Edge blocks merged into an earlier block with the same edge. */
  duplicatesDropped: number;
}

const DEFAULTS = Object.freeze({
  directed: undefined as boolean | undefined,
  duplicates: 'first' as DuplicateEdgePolicy,
  selfLoops: 'drop' as SelfLoopPolicy,
});
type Resolved = typeof DEFAULTS;
const KEYS = ['directed', 'duplicates', 'selfLoops'] as const;

function resolveOptions(site: CheckSite, options: unknown, withFile: boolean): { opts: Resolved; file: string } {
  const given = checkOptions<ParseGmlOptions>(site, options, withFile ? [...KEYS, 'file'] : [...KEYS]);
  const { file: _file, ...rest } = stripUndefined(given);
  const opts: Resolved = { ...DEFAULTS, ...rest };
  if (opts.directed !== undefined) checkBoolean(site, 'options.directed', opts.directed);
  checkOneOf(site, 'options.duplicates', opts.duplicates, ['first', 'sum', 'error']);
  checkOneOf(site, 'options.selfLoops', opts.selfLoops, ['drop', 'keep', 'error']);
  if (opts.selfLoops === 'keep' && opts.directed === false) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'options.selfLoops',
      value: 'keep',
      rule: "'drop' or 'error' for undirected graphs",
    });
  }
  const file = given.file ?? '<string>';
  if (typeof file !== 'string') throw new InvalidArgumentError({ ...site, argument: 'options.file', value: file, rule: 'a string' });
  return { opts, file };
}

const ROOT = 0;
const GRAPH = 1;
const NODE = 2;
const EDGE = 3;
const IGNORED = 4;

const ENTITIES: Readonly<Record<string, string>> = Object.freeze({ quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" });

/** Decodes HTML character entities (`&quot;`, `&#34;`, `&#x22;`); unknown ones stay as written. */
function decodeEntities(raw: string): string {
  if (raw.indexOf('&') < 0) return raw;
  return raw.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,4});/g, (whole, body: string) => {
    if (body.charCodeAt(0) === 35) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return Object.prototype.hasOwnProperty.call(ENTITIES, body) ? (ENTITIES[body] as string) : whole;
  });
}

function isIdentifier(word: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(word);
}

/** The incremental GML parser: a tokenizer and a list-nesting state machine, fed one line at a time. */
function createGmlConsumer(ctx: ParseContext, opts: Resolved): LineConsumer<GmlResult> {
  const frames: number[] = [ROOT];
  const frameLines: number[] = [0];
  let graphSeen = false;
  let fileDirected = false;
  const graphAttributes: Record<string, GmlValue> = Object.create(null) as Record<string, GmlValue>;

  // The key awaiting its value, with its position.
  let key: string | null = null;
  let keyLine = 0;
  let keyColumn = 0;

  // A string that has not met its closing quote yet (strings may span lines).
  let inString = false;
  const stringPieces: string[] = [];
  let stringLine = 0;
  let stringColumn = 0;

  // Nodes.
  const nodeIds: number[] = [];
  const labels: (string | undefined)[] = [];
  const nodeAttributes: GmlAttributes[] = [];
  const idToIndex = new Map<number, number>();
  let anyLabel = false;
  let nodeId: number | undefined;
  let nodeLabel: string | undefined;
  let nodeAttrs: Record<string, GmlValue> = Object.create(null) as Record<string, GmlValue>;

  // Edges: raw GML ids and where they were written, resolved at the end (nodes may follow edges).
  const edgeSources = createIntBuffer();
  const edgeTargets = createIntBuffer();
  const sourcePos = createIntBuffer(); // line, column pairs
  const targetPos = createIntBuffer();
  const edgeLine = createIntBuffer();
  const edgeWeights = createFloatBuffer();
  let weightedEdges = 0;
  let edgeSource: number | undefined;
  let edgeTarget: number | undefined;
  let edgeWeight: number | undefined;
  let weightFromValue = false;
  let sLine = 0;
  let sColumn = 0;
  let tLine = 0;
  let tColumn = 0;

  const where = (line: number): string => (line > 0 ? ` opened on line ${line}` : '');

  const openList = (): void => {
    const parent = frames[frames.length - 1] as number;
    let kind = IGNORED;
    if (parent === ROOT && key === 'graph') {
      if (graphSeen) ctx.fail(keyLine, keyColumn, 'one graph block per file', 'a second graph block');
      graphSeen = true;
      kind = GRAPH;
    } else if (parent === GRAPH && key === 'node') {
      kind = NODE;
      nodeId = undefined;
      nodeLabel = undefined;
      nodeAttrs = Object.create(null) as Record<string, GmlValue>;
    } else if (parent === GRAPH && key === 'edge') {
      kind = EDGE;
      edgeSource = undefined;
      edgeTarget = undefined;
      edgeWeight = undefined;
      weightFromValue = false;
    }
    frames.push(kind);
    frameLines.push(keyLine);
    key = null;
  };

  const closeList = (lineNumber: number, column: number): void => {
    const kind = frames[frames.length - 1] as number;
    if (kind === ROOT) ctx.fail(lineNumber, column, 'a key', "']' with no list open");
    const opened = frameLines[frameLines.length - 1] as number;
    if (kind === NODE) {
      if (nodeId === undefined) ctx.fail(opened, 0, 'an id in the node block', `a node block without id (closed on line ${lineNumber})`);
      const index = nodeIds.length;
      idToIndex.set(nodeId, index);
      nodeIds.push(nodeId);
      labels.push(nodeLabel);
      nodeAttributes.push(Object.freeze(nodeAttrs));
    } else if (kind === EDGE) {
      if (edgeSource === undefined) ctx.fail(opened, 0, 'a source in the edge block', `an edge block without source (closed on line ${lineNumber})`);
      if (edgeTarget === undefined) ctx.fail(opened, 0, 'a target in the edge block', `an edge block without target (closed on line ${lineNumber})`);
      pushInt(edgeSources, edgeSource);
      pushInt(edgeTargets, edgeTarget);
      pushInt(sourcePos, sLine);
      pushInt(sourcePos, sColumn);
      pushInt(targetPos, tLine);
      pushInt(targetPos, tColumn);
      pushInt(edgeLine, opened);
      pushFloat(edgeWeights, edgeWeight ?? NaN);
      if (edgeWeight !== undefined) weightedEdges++;
    }
    frames.pop();
    frameLines.pop();
  };

  const integerValue = (value: GmlValue, isInteger: boolean, what: string, line: number, column: number, shown: string): number => {
    if (!(typeof value === 'number' && isInteger && value >= -0x80000000 && value <= 0x7fffffff)) {
      ctx.fail(line, column, `${what} (an integer in the 32-bit range)`, shown);
    }
    return value as number;
  };

  /** Assigns a scalar to the current key in the current list. */
  const scalar = (value: GmlValue, isInteger: boolean, line: number, column: number, shown: string): void => {
    const kind = frames[frames.length - 1] as number;
    const k = key as string;
    key = null;
    if (kind === GRAPH) {
      if (k === 'directed') {
        if (!(typeof value === 'number' && isInteger)) ctx.fail(line, column, 'directed 0 or 1', shown);
        fileDirected = value !== 0;
      }
      graphAttributes[k] = value;
    } else if (kind === NODE) {
      if (k === 'id') {
        if (nodeId !== undefined) ctx.fail(keyLine, keyColumn, 'one id per node block', 'a second id');
        const id = integerValue(value, isInteger, 'a node id', line, column, shown);
        if (idToIndex.has(id)) ctx.fail(line, column, 'a node id not used by an earlier node block', shown);
        nodeId = id;
      } else if (k === 'label') {
        nodeLabel = typeof value === 'string' ? value : formatNumber(value);
        anyLabel = true;
      } else {
        nodeAttrs[k] = value;
      }
    } else if (kind === EDGE) {
      if (k === 'source') {
        if (edgeSource !== undefined) ctx.fail(keyLine, keyColumn, 'one source per edge block', 'a second source');
        edgeSource = integerValue(value, isInteger, 'a source node id', line, column, shown);
        sLine = line;
        sColumn = column;
      } else if (k === 'target') {
        if (edgeTarget !== undefined) ctx.fail(keyLine, keyColumn, 'one target per edge block', 'a second target');
        edgeTarget = integerValue(value, isInteger, 'a target node id', line, column, shown);
        tLine = line;
        tColumn = column;
      } else if (k === 'weight' || (k === 'value' && (edgeWeight === undefined || weightFromValue))) {
        if (!(typeof value === 'number' && Number.isFinite(value))) ctx.fail(line, column, `a finite number (the edge ${k})`, shown);
        edgeWeight = value as number;
        weightFromValue = k === 'value';
      }
    }
  };

  /** One complete token: a bare word, a string, '[' or ']'. */
  const word = (line: string, lineNumber: number, start: number, end: number): void => {
    const column = start + 1;
    if (key === null) {
      const text = line.slice(start, end);
      if (!isIdentifier(text)) ctx.fail(lineNumber, column, "a key (a name such as 'node') or ']'", quoteToken(line, start, end));
      key = text;
      keyLine = lineNumber;
      keyColumn = column;
      return;
    }
    const integer = parseIntegerToken(line, start, end);
    if (!Number.isNaN(integer)) {
      scalar(integer, true, lineNumber, column, quoteToken(line, start, end));
      return;
    }
    let real = parseFloatToken(line, start, end);
    if (Number.isNaN(real)) {
      const text = line.slice(start, end).toUpperCase();
      if (text === 'NAN') real = NaN;
      else if (text === 'INF' || text === '+INF') real = Infinity;
      else if (text === '-INF') real = -Infinity;
      else ctx.fail(lineNumber, column, `a value for '${key}' (a number, a quoted string or a [ list ])`, quoteToken(line, start, end));
    }
    scalar(real, false, lineNumber, column, quoteToken(line, start, end));
  };

  const finishString = (raw: string): void => {
    if (key === null) ctx.fail(stringLine, stringColumn, "a key (a name such as 'node') or ']'", 'a quoted string');
    const shown = raw.length > 37 ? `${JSON.stringify(raw.slice(0, 37))}...` : JSON.stringify(raw);
    scalar(decodeEntities(raw), false, stringLine, stringColumn, shown);
  };

  return {
    line(line: string, lineNumber: number): void {
      const n = line.length;
      let i = 0;
      if (inString) {
        const close = line.indexOf('"');
        if (close < 0) {
          stringPieces.push(line);
          return;
        }
        stringPieces.push(line.slice(0, close));
        inString = false;
        const raw = stringPieces.join('\n');
        stringPieces.length = 0;
        finishString(raw);
        i = close + 1;
      }
      while (i < n) {
        const c = line.charCodeAt(i);
        if (isSpace(c)) {
          i++;
          continue;
        }
        if (c === 35) return; // '#' comment to end of line
        if (c === 91) {
          // '['
          if (key === null) ctx.fail(lineNumber, i + 1, "a key (a name such as 'node') or ']'", "'['");
          openList();
          i++;
          continue;
        }
        if (c === 93) {
          // ']'
          if (key !== null) ctx.fail(lineNumber, i + 1, `a value for '${key}'`, "']'");
          closeList(lineNumber, i + 1);
          i++;
          continue;
        }
        if (c === 34) {
          // '"': a string, possibly running onto later lines
          stringLine = lineNumber;
          stringColumn = i + 1;
          const close = line.indexOf('"', i + 1);
          if (close < 0) {
            inString = true;
            stringPieces.push(line.slice(i + 1));
            return;
          }
          finishString(line.slice(i + 1, close));
          i = close + 1;
          continue;
        }
        const start = i;
        while (i < n) {
          const d = line.charCodeAt(i);
          if (isSpace(d) || d === 91 || d === 93 || d === 34 || d === 35) break;
          i++;
        }
        word(line, lineNumber, start, i);
      }
    },

    end(at: EndPosition): GmlResult {
      if (inString) ctx.fail(at.line, at.column, `the closing quote of the string opened on line ${stringLine}`, 'end of file');
      if (key !== null) ctx.fail(at.line, at.column, `a value for '${key}' (line ${keyLine})`, 'end of file');
      if (frames.length > 1) {
        ctx.fail(at.line, at.column, `']' closing the list${where(frameLines[frameLines.length - 1] as number)}`, 'end of file');
      }
      if (!graphSeen) ctx.fail(at.line, at.column, 'a graph [ ... ] block', 'end of file');
      const directed = opts.directed ?? fileDirected;
      if (opts.selfLoops === 'keep' && !directed) {
        throw new InvalidArgumentError({
          ...ctx.site,
          argument: 'options.selfLoops',
          value: 'keep',
          rule: "'drop' or 'error' for an undirected graph (the file says directed 0)",
          hint: 'Pass options.directed: true to read it as directed.',
        });
      }
      const m = edgeSources.length;
      const src = new Int32Array(m);
      const dst = new Int32Array(m);
      for (let e = 0; e < m; e++) {
        const s = idToIndex.get(edgeSources.data[e] as number);
        if (s === undefined) {
          ctx.fail(sourcePos.data[2 * e] as number, sourcePos.data[2 * e + 1] as number, 'the id of a node block', `source ${edgeSources.data[e]}`);
        }
        const t = idToIndex.get(edgeTargets.data[e] as number);
        if (t === undefined) {
          ctx.fail(targetPos.data[2 * e] as number, targetPos.data[2 * e + 1] as number, 'the id of a node block', `target ${edgeTargets.data[e]}`);
        }
        if (s === t && opts.selfLoops === 'error') {
          ctx.fail(edgeLine.data[e] as number, 0, 'an edge between two different nodes (options.selfLoops is error)', `a self-loop on node ${edgeSources.data[e]}`);
        }
        src[e] = s;
        dst[e] = t;
      }
      let weights: Float64Array | undefined;
      if (weightedEdges > 0) {
        weights = edgeWeights.data.slice(0, m);
        if (weightedEdges < m) {
          let e = 0;
          while (!Number.isNaN(weights[e] as number)) e++;
          ctx.fail(edgeLine.data[e] as number, 0, 'a weight or value in the edge block (other edge blocks have one)', 'an edge block without weight');
        }
      }
      const order = nodeIds.length;
      const built = buildGraph(
        { order, sources: src, targets: dst, weights },
        {
          directed,
          duplicates: opts.duplicates === 'error' ? 'first' : opts.duplicates,
          selfLoops: opts.selfLoops === 'keep' ? 'keep' : 'drop',
          ...(anyLabel ? { labels: labels.map((l, v) => l ?? String(nodeIds[v])) } : {}),
        },
      );
      const lines = edgeLine.data.subarray(0, m);
      if (built.duplicatesDropped > 0 && opts.duplicates === 'error') reportFirstRepeat(ctx, built.inputToEdge, built.graph.size, lines);
      if (weights !== undefined && opts.duplicates === 'sum' && built.duplicatesDropped > 0) {
        checkSums(ctx, built.inputToEdge, built.graph.size, weights, lines);
      }
      return {
        graph: built.graph,
        nodeIds: Int32Array.from(nodeIds),
        nodeAttributes: Object.freeze(nodeAttributes),
        graphAttributes: Object.freeze(graphAttributes),
        directedInFile: fileDirected,
        edgeBlocks: m,
        selfLoopsDropped: built.selfLoopsDropped,
        duplicatesDropped: built.duplicatesDropped,
      };
    },
  };
}

/**
 * Parses GML text. Node v is the v-th node block; edges may name nodes defined later. O(characters + nodes + edges).
 * Malformed content throws ParseError {file, line, column, expected, found}.
 * Reference: M. Himsolt, "GML: A portable Graph File Format", Universität Passau (1997).
 */
export function parseGml(text: string, options?: ParseGmlOptions): GmlResult {
  const site = { pkg: 'graph', fn: 'parseGml' };
  if (typeof text !== 'string') throw new InvalidArgumentError({ ...site, argument: 'text', value: text, rule: 'a string' });
  const { opts, file } = resolveOptions(site, options, true);
  return consumeText(text, createGmlConsumer(createParseContext(site, file), opts));
}

/** Streams a GML file through the parser of `parseGml`. O(bytes + nodes + edges). */
export async function readGml(path: string, options?: GmlOptions): Promise<GmlResult> {
  const site = { pkg: 'graph', fn: 'readGml' };
  checkPath(site, path);
  const { opts } = resolveOptions(site, options, false);
  return consumeFile(site, path, createGmlConsumer(createParseContext(site, path), opts));
}

export interface FormatGmlOptions {
  /** GML id of each node. @default 0, 1, …, order − 1 */
  nodeIds?: ArrayLike<number>;
  /** Extra scalar attributes per node (keys must be GML names other than id and label). @default none */
  nodeAttributes?: readonly GmlAttributes[];
  /** Extra scalar attributes of the graph block (not directed). @default none */
  graphAttributes?: GmlAttributes;
}

/** Quotes a string for GML: `&`, `"` and control characters become character entities. */
function quoteGml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return `"${text.replace(/[&"\u0000-\u001f\u007f]/g, (ch) => (ch === '&' ? '&amp;' : ch === '"' ? '&quot;' : `&#${ch.charCodeAt(0)};`))}"`;
}

function gmlScalar(value: GmlValue): string {
  if (typeof value === 'string') return quoteGml(value);
  if (Number.isNaN(value)) return 'NAN';
  if (value === Infinity) return 'INF';
  if (value === -Infinity) return '-INF';
  return formatNumber(value);
}

/**
 * Writes a graph as GML: `directed`, one node block per node (id, label when the graph has labels, extra
 * attributes), one edge block per edge id in order (source, target, weight when weighted). `parseGml` of the
 * output rebuilds the same graph (edge ids, weights and labels included; an edgeless weighted graph reads back
 * unweighted, since no edge block carries a weight). O(order + edges).
 */
export function formatGml(graph: Graph, options?: FormatGmlOptions): string {
  const site = { pkg: 'graph', fn: 'formatGml' };
  checkGraph(site, graph);
  const given = checkOptions<FormatGmlOptions>(site, options, ['nodeIds', 'nodeAttributes', 'graphAttributes']);
  const n = graph.order;
  const ids = given.nodeIds;
  if (ids !== undefined) {
    if (typeof ids !== 'object' || ids === null || (ids as ArrayLike<number>).length !== n) {
      throw new InvalidArgumentError({ ...site, argument: 'options.nodeIds', value: ids, rule: `an array of ${n} distinct 32-bit integers` });
    }
    const seen = new Set<number>();
    for (let v = 0; v < n; v++) {
      const id = ids[v] as number;
      if (!(Number.isInteger(id) && id >= -0x80000000 && id <= 0x7fffffff) || seen.has(id)) {
        throw new InvalidArgumentError({ ...site, argument: `options.nodeIds[${v}]`, value: id, rule: 'a 32-bit integer not used by another node' });
      }
      seen.add(id);
    }
  }
  const checkAttrs = (argument: string, attrs: unknown, reserved: readonly string[]): [string, GmlValue][] => {
    if (attrs === undefined) return [];
    if (typeof attrs !== 'object' || attrs === null) {
      throw new InvalidArgumentError({ ...site, argument, value: attrs, rule: 'a record of numbers and strings' });
    }
    const out: [string, GmlValue][] = [];
    for (const k of Object.keys(attrs)) {
      const v = (attrs as Record<string, unknown>)[k];
      if (!isIdentifier(k) || reserved.includes(k)) {
        throw new InvalidArgumentError({ ...site, argument: `${argument} key`, value: k, rule: `a GML name ([A-Za-z_][A-Za-z0-9_]*) other than ${reserved.join(', ')}` });
      }
      if (typeof v !== 'number' && typeof v !== 'string') {
        throw new InvalidArgumentError({ ...site, argument: `${argument}.${k}`, value: v, rule: 'a number or a string' });
      }
      out.push([k, v]);
    }
    return out;
  };
  const nodeAttrs = given.nodeAttributes;
  if (nodeAttrs !== undefined && (!Array.isArray(nodeAttrs) || nodeAttrs.length !== n)) {
    throw new InvalidArgumentError({ ...site, argument: 'options.nodeAttributes', value: nodeAttrs, rule: `an array of ${n} records` });
  }
  const graphAttrs = checkAttrs('options.graphAttributes', given.graphAttributes, ['directed', 'node', 'edge']);
  const parts: string[] = ['graph [\n', `  directed ${graph.directed ? 1 : 0}\n`];
  for (const [k, v] of graphAttrs) parts.push(`  ${k} ${gmlScalar(v)}\n`);
  const id = (v: number): number => (ids === undefined ? v : (ids[v] as number));
  for (let v = 0; v < n; v++) {
    parts.push(`  node [\n    id ${id(v)}\n`);
    if (graph.labels !== undefined) parts.push(`    label ${quoteGml(String(graph.labels[v]))}\n`);
    if (nodeAttrs !== undefined) {
      for (const [k, value] of checkAttrs(`options.nodeAttributes[${v}]`, nodeAttrs[v], ['id', 'label'])) {
        parts.push(`    ${k} ${gmlScalar(value)}\n`);
      }
    }
    parts.push('  ]\n');
  }
  for (let e = 0; e < graph.size; e++) {
    parts.push(`  edge [\n    source ${id(graph.edgeSources[e] as number)}\n    target ${id(graph.edgeTargets[e] as number)}\n`);
    if (graph.weights !== undefined) parts.push(`    weight ${formatNumber(graph.weights[e] as number)}\n`);
    parts.push('  ]\n');
  }
  parts.push(']\n');
  return parts.join('');
}
