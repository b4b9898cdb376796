/**
 * @internal The line source every reader shares: one incremental parser (a `LineConsumer`, fed line by line) runs
 * either over a string (`consumeText`, synchronous) or over a file streamed in chunks (`consumeFile`, async, never
 * holding the whole file in one string). Lines may end in LF or CRLF; a leading UTF-8 byte-order mark is dropped.
 * Not re-exported from the package.
 */
import { InvalidArgumentError, ParseError } from '../errors/errors.js';
import type { CheckSite } from '../errors/validate.js';

/** Where a file ends, as a 1-based position: the line after a final newline, or just past an unterminated line. */
export interface EndPosition {
  /** 1-based line of the end of file. */
  readonly line: number;
  /** 1-based column of the end of file. */
  readonly column: number;
  /** Number of lines read (a final unterminated line counts; an empty file has 0). */
  readonly lines: number;
}

/** An incremental parser: `line` gets each line (without its terminator) in order, then `end` once. */
export interface LineConsumer<R> {
  line(text: string, lineNumber: number): void;
  end(at: EndPosition): R;
}

/** Reports a ParseError at a position of the source; `found` is shown quoted when it is a token. */
export interface ParseContext {
  readonly site: CheckSite;
  readonly file: string;
  fail(line: number, column: number, expected: string, found?: string): never;
}

export function createParseContext(site: CheckSite, file: string): ParseContext {
  return {
    site,
    file,
    fail(line: number, column: number, expected: string, found?: string): never {
      throw new ParseError({ ...site, file, line, column, expected, ...(found === undefined ? {} : { found }) });
    },
  };
}

/** Chunk size for streamed reads: large enough to amortise the per-chunk cost, small enough to stay bounded. */
const CHUNK_BYTES = 1 << 16;

/** Runs `consumer` over the lines of `text`. O(length of text). */
export function consumeText<R>(text: string, consumer: LineConsumer<R>): R {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let lineNumber = 0;
  const n = text.length;
  let lastLength = 0;
  let terminated = true;
  while (pos < n) {
    const nl = text.indexOf('\n', pos);
    const stop = nl < 0 ? n : nl;
    const end = stop > pos && text.charCodeAt(stop - 1) === 13 ? stop - 1 : stop;
    const line = text.slice(pos, end);
    lineNumber++;
    consumer.line(line, lineNumber);
    lastLength = line.length;
    terminated = nl >= 0;
    pos = nl < 0 ? n : nl + 1;
  }
  return consumer.end(endPosition(lineNumber, terminated, lastLength));
}

function endPosition(lines: number, terminated: boolean, lastLength: number): EndPosition {
  return terminated ? { line: lines + 1, column: 1, lines } : { line: lines, column: lastLength + 1, lines };
}

/** Validates a path argument and turns an OS error into InvalidArgumentError (argument `path`). */
export function checkPath(site: CheckSite, path: unknown): string {
  if (typeof path !== 'string' || path.length === 0) {
    throw new InvalidArgumentError({ ...site, argument: 'path', value: path, rule: 'a non-empty file path string' });
  }
  return path;
}

export function unreadablePath(site: CheckSite, path: string, cause: unknown): InvalidArgumentError {
  const code = (cause as { code?: unknown } | null)?.code;
  const message = cause instanceof Error ? cause.message : String(cause);
  return new InvalidArgumentError({
    ...site,
    argument: 'path',
    value: path,
    rule: 'a readable file',
    hint: `The system said: ${typeof code === 'string' && !message.includes(code) ? `${code}: ` : ''}${message}`,
    cause,
  });
}

/**
 * Streams the file at `path` through `consumer` in chunks of 64 KiB, splitting lines incrementally. The stream is
 * decoded as UTF-8 (a character split across chunks is reassembled). Read errors become InvalidArgumentError on
 * `path`; errors from the consumer (ParseError) pass through unchanged and close the stream.
 * node:fs is imported lazily so the package still loads in browsers.
 */
export async function consumeFile<R>(site: CheckSite, path: string, consumer: LineConsumer<R>): Promise<R> {
  const fs = await import('node:fs');
  let stream: import('node:fs').ReadStream;
  try {
    stream = fs.createReadStream(path, { encoding: 'utf8', highWaterMark: CHUNK_BYTES });
  } catch (cause) {
    throw unreadablePath(site, path, cause);
  }
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<string>;
  // Pieces of a line not yet terminated; joined once its newline arrives, so a long line costs O(length).
  const pending: string[] = [];
  let lineNumber = 0;
  let lastLength = 0;
  let terminated = true;
  let first = true;
  try {
    for (;;) {
      let next: IteratorResult<string>;
      try {
        next = await chunks.next();
      } catch (cause) {
        throw unreadablePath(site, path, cause);
      }
      if (next.done) break;
      let chunk = next.value;
      if (first) {
        if (chunk.length === 0) continue;
        if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
        first = false;
      }
      let pos = 0;
      for (;;) {
        const nl = chunk.indexOf('\n', pos);
        if (nl < 0) {
          if (pos < chunk.length) {
            pending.push(chunk.slice(pos));
            terminated = false;
          }
          break;
        }
        let line = chunk.slice(pos, nl);
        if (pending.length > 0) {
          pending.push(line);
          line = pending.join('');
          pending.length = 0;
        }
        if (line.length > 0 && line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
        lineNumber++;
        consumer.line(line, lineNumber);
        lastLength = line.length;
        terminated = true;
        pos = nl + 1;
      }
    }
    if (pending.length > 0) {
      let line = pending.join('');
      if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
      lineNumber++;
      consumer.line(line, lineNumber);
      lastLength = line.length;
      terminated = false;
    }
  } finally {
    stream.destroy();
  }
  return consumer.end(endPosition(lineNumber, terminated, lastLength));
}

/** Reads at most `maxBytes` from the start of a file (for format detection). */
export async function readHead(site: CheckSite, path: string, maxBytes: number): Promise<string> {
  const fs = await import('node:fs');
  let handle: import('node:fs/promises').FileHandle | undefined;
  try {
    handle = await fs.promises.open(path, 'r');
    const buffer = new Uint8Array(maxBytes);
    const { bytesRead } = await handle.read(buffer, 0, maxBytes, 0);
    return new TextDecoder('utf-8').decode(buffer.subarray(0, bytesRead));
  } catch (cause) {
    throw unreadablePath(site, path, cause);
  } finally {
    await handle?.close();
  }
}
