// IPv4 text by address value, cached: a host talks to few distinct addresses, and every decoder runs per socket.
import { formatIPv4 } from '../../../../shared/logic/address';

const cache = new Map<number, string>();
/** Bounded so that a scan of many peers cannot grow it without limit. */
const MAX = 65_536;

/** Dotted-quad text of the 4 network-order bytes at `p` of `buf`, one shared string per address. */
export function ipv4Text(buf: Uint8Array, p: number): string {
  const key = ((buf[p] << 24) | (buf[p + 1] << 16) | (buf[p + 2] << 8) | buf[p + 3]) >>> 0;
  let text = cache.get(key);
  if (text === undefined) {
    if (cache.size >= MAX) cache.clear();
    text = formatIPv4(buf, p);
    cache.set(key, text);
  }
  return text;
}
