// Newline-delimited JSON framing with a size cap, so a peer can never make the other side buffer without bound.

/** Largest message the helper accepts from the app (bytes, newline excluded). Requests are tiny; 64 KiB is lavish. */
export const REQUEST_LIMIT_BYTES = 64 * 1024;
/** Largest message the app accepts from the helper: collector tables of ~100k sockets run to tens of MiB. */
export const REPLY_LIMIT_BYTES = 256 * 1024 * 1024;

/** Thrown when a message grows past the limit before its newline arrives. */
export class OversizedMessageError extends Error {
  constructor(readonly limit: number) {
    super(`message longer than ${limit} bytes`);
    this.name = 'OversizedMessageError';
  }
}

/** Splits a byte stream into lines; keeps a partial line until its newline arrives. */
export class LineReader {
  private parts: Buffer[] = [];
  private pending = 0;

  constructor(private readonly limit: number) {}

  /** Bytes held of a line not yet complete. */
  get buffered(): number {
    return this.pending;
  }

  /** Feeds a chunk; returns the complete lines in it (UTF-8, without the newline). Throws OversizedMessageError. */
  push(chunk: Buffer): string[] {
    const lines: string[] = [];
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, nl);
      if (this.pending + piece.length > this.limit) throw new OversizedMessageError(this.limit);
      this.parts.push(piece);
      lines.push(Buffer.concat(this.parts).toString('utf8'));
      this.parts = [];
      this.pending = 0;
      start = nl + 1;
    }
    const rest = chunk.subarray(start);
    // Checked before the newline arrives: an endless line is refused as soon as it passes the limit.
    if (this.pending + rest.length > this.limit) throw new OversizedMessageError(this.limit);
    if (rest.length > 0) {
      // Copy: the stream may reuse the chunk's memory.
      this.parts.push(Buffer.from(rest));
      this.pending += rest.length;
    }
    return lines;
  }
}

/** One message as a line: JSON plus newline. JSON.stringify escapes every newline inside strings. */
export function frame(message: unknown): string {
  return `${JSON.stringify(message)}\n`;
}

/** Parses one line as JSON; undefined when it is not JSON (the caller refuses it). */
export function parseLine(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}
