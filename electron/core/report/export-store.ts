// Built report files waiting to be fetched in chunks: bounded in count and age, so an abandoned export is freed.
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/model/errors';
import { REPORT_CHUNK_CHARS } from '../../../shared/model/report';

/** An export not fetched within this time is dropped (ms). */
const EXPORT_TTL_MS = 120_000;
/** Most exports kept at once; the oldest gives way. */
const MAX_EXPORTS = 4;

interface Entry {
  readonly content: string;
  /** Start offset of each chunk, and the content length last. */
  readonly bounds: readonly number[];
  readonly at: number;
}

/** Chunk boundaries that never split a surrogate pair (a Blob would turn each half into U+FFFD). */
export function chunkBounds(content: string, size = REPORT_CHUNK_CHARS): number[] {
  const bounds = [0];
  let at = 0;
  while (at < content.length) {
    let end = Math.min(content.length, at + size);
    const code = content.charCodeAt(end - 1);
    if (end < content.length && code >= 0xd800 && code <= 0xdbff) end--;
    bounds.push(end);
    at = end;
  }
  if (bounds.length === 1) bounds.push(0);
  return bounds;
}

/** Holds rendered reports by id until their last chunk is read. */
export class ExportStore {
  private readonly entries = new Map<string, Entry>();

  /** Keeps `content`; answers its id and chunk count. */
  put(content: string): { exportId: string; chunks: number } {
    this.prune();
    const exportId = randomUUID();
    const bounds = chunkBounds(content);
    this.entries.set(exportId, { content, bounds, at: Date.now() });
    while (this.entries.size > MAX_EXPORTS) this.entries.delete(this.entries.keys().next().value ?? '');
    return { exportId, chunks: bounds.length - 1 };
  }

  /** Chunk `index` of an export; the last read frees it. INVALID_INPUT for an unknown id or index. */
  chunk(exportId: string, index: number): { index: number; data: string; last: boolean } {
    const e = this.entries.get(exportId);
    if (!e || index >= e.bounds.length - 1) {
      throw new AppError('INVALID_INPUT', `No chunk ${index} of export ${exportId}: export the report again.`);
    }
    const last = index === e.bounds.length - 2;
    if (last) this.entries.delete(exportId);
    return { index, data: e.content.slice(e.bounds[index], e.bounds[index + 1]), last };
  }

  private prune(): void {
    const now = Date.now();
    for (const [id, e] of this.entries) if (now - e.at > EXPORT_TTL_MS) this.entries.delete(id);
  }
}
