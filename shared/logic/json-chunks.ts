// JSON text of an object whose last property is a long array, in pieces: one big string is never built.
import { jsonText } from './terminal-text';

/**
 * Items per piece: some 80 kB of socket JSON. Pieces stay below V8's largest regular object (128 kB, half its 256 kB
 * page), so each is made in the young generation and dies there in a scavenge. A bigger piece is a large object
 * that piles up until a full collection: pieces of 256 sockets (some 160 kB) cost `list --json` at 40,000 sockets
 * 9-10 MB more RSS than these, and much bigger ones up to twice the memory.
 */
export const JSON_CHUNK_ITEMS = 128;

/**
 * The pieces of `jsonText({ ...head, [key]: items })`, in order: the same text once joined (head's own properties
 * first, then `key`), with at most `per` items stringified at a time. A writer can send each piece as it comes,
 * so the output never exists whole in memory (25 MB of text, twice more as bytes, for 40,000 sockets).
 */
/** `jsonText({ ...head, [key]: [] })` up to the array's `[`: the opening of the text `jsonChunks` yields. */
export function jsonArrayOpen(head: Readonly<Record<string, unknown>>, key: string): string {
  const open = jsonText(head);
  return `${open.length > 2 ? `${open.slice(0, -1)},` : '{'}${JSON.stringify(key)}:[`;
}

/** What ends the text after the array's last item. */
export const JSON_ARRAY_CLOSE = ']}';

export function* jsonChunks(
  head: Readonly<Record<string, unknown>>,
  key: string,
  items: Pick<readonly unknown[], 'length' | 'slice'>,
  per: number = JSON_CHUNK_ITEMS,
): Generator<string> {
  yield jsonArrayOpen(head, key);
  for (let i = 0; i < items.length; i += per) {
    // Separator and text apart: joining them would copy the text once more.
    if (i > 0) yield ',';
    const text = jsonText(items.slice(i, i + per));
    yield text.slice(1, -1);
  }
  yield JSON_ARRAY_CLOSE;
}
