// IP address text to network-order bytes: dotted IPv4 and every RFC 4291 IPv6 text form (pure, no Buffer).

/** The 4 bytes of dotted-quad IPv4 text (no leading zeros, each 0..255), or null when it is not one. */
export function parseIPv4Bytes(text: string): Uint8Array | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    // Leading zeros are refused: inet_aton would read them as octal, so their meaning is ambiguous.
    if (!/^(0|[1-9]\d{0,2})$/.test(parts[i])) return null;
    const v = Number(parts[i]);
    if (v > 255) return null;
    out[i] = v;
  }
  return out;
}

/**
 * The 16 bytes of IPv6 text (`::1`, `fe80::1`, `::ffff:127.0.0.1`, full eight groups), or null when it is not one.
 * Zone ids (`%eth0`) are refused: a connection's 4-tuple carries none.
 */
export function parseIPv6Bytes(text: string): Uint8Array | null {
  if (text.length < 2 || text.length > 45 || text.includes('%')) return null;
  let head = text;
  let v4: Uint8Array | null = null;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    v4 = parseIPv4Bytes(text.slice(lastColon + 1));
    if (!v4) return null;
    // Keep the colon before the IPv4 tail only when it belongs to a `::`.
    head = text.slice(0, text[lastColon - 1] === ':' ? lastColon + 1 : lastColon);
  }
  const groupsWanted = v4 ? 6 : 8;
  const halves = head.split('::');
  if (halves.length > 2) return null;
  const parse = (s: string): number[] | null => {
    if (s === '') return [];
    const out: number[] = [];
    for (const g of s.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const left = parse(halves[0]);
  const right = halves.length === 2 ? parse(halves[1]) : [];
  if (!left || !right) return null;
  let groups: number[];
  if (halves.length === 2) {
    const missing = groupsWanted - left.length - right.length;
    // `::` stands for at least one zero group.
    if (missing < 1) return null;
    groups = [...left, ...new Array<number>(missing).fill(0), ...right];
  } else {
    if (left.length !== groupsWanted) return null;
    groups = left;
  }
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    out[2 * i] = g >> 8;
    out[2 * i + 1] = g & 0xff;
  });
  if (v4) out.set(v4, 12);
  return out;
}

/** The bytes of `text` as an address of `family` (4 -> 4 bytes, 6 -> 16 bytes), or null when it is not one. */
export function parseAddressBytes(family: 4 | 6, text: string): Uint8Array | null {
  return family === 4 ? parseIPv4Bytes(text) : parseIPv6Bytes(text);
}
