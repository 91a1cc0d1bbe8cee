// IP address text: dotted IPv4 and RFC 5952 canonical IPv6, from raw network-order bytes (pure, no Buffer).

/** Decimal text of 0..255, precomputed once because formatting runs per socket per tick. */
const DEC_BYTE: readonly string[] = Array.from({ length: 256 }, (_, i) => String(i));

/**
 * Formats the 4 bytes at `offset` of `bytes` (network order) as dotted-quad IPv4 text, e.g. `127.0.0.1`.
 * The caller guarantees `offset + 4 <= bytes.length`.
 */
export function formatIPv4(bytes: Uint8Array, offset = 0): string {
  return (
    DEC_BYTE[bytes[offset]] +
    '.' +
    DEC_BYTE[bytes[offset + 1]] +
    '.' +
    DEC_BYTE[bytes[offset + 2]] +
    '.' +
    DEC_BYTE[bytes[offset + 3]]
  );
}

/**
 * Formats the 16 bytes at `offset` of `bytes` (network order) as RFC 5952 canonical IPv6 text: lower-case hex,
 * no leading zeros, the longest run (first on a tie) of two or more zero groups shortened to `::`, and
 * IPv4-mapped addresses (::ffff:0:0/96) in mixed notation (`::ffff:127.0.0.1`), as `ss` and Node print them.
 * The caller guarantees `offset + 16 <= bytes.length`.
 */
export function formatIPv6(bytes: Uint8Array, offset = 0): string {
  // Find the longest run of zero groups without materializing the 8 words.
  let bestStart = -1;
  let bestLen = 0;
  let runStart = -1;
  for (let i = 0; i < 8; i++) {
    const zero = bytes[offset + 2 * i] === 0 && bytes[offset + 2 * i + 1] === 0;
    if (zero) {
      if (runStart < 0) runStart = i;
      const len = i - runStart + 1;
      if (len > bestLen) {
        bestLen = len;
        bestStart = runStart;
      }
    } else {
      runStart = -1;
    }
  }
  if (bestStart === 0 && bestLen === 5 && bytes[offset + 10] === 0xff && bytes[offset + 11] === 0xff) {
    return '::ffff:' + formatIPv4(bytes, offset + 12);
  }
  if (bestLen < 2) bestStart = -1;
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      out += '::';
      i += bestLen - 1;
      continue;
    }
    if (out.length > 0 && !out.endsWith(':')) out += ':';
    out += ((bytes[offset + 2 * i] << 8) | bytes[offset + 2 * i + 1]).toString(16);
  }
  return out;
}

/** Formats an address of `family` 4 (4 bytes) or 6 (16 bytes) at `offset` of `bytes`. */
export function formatAddress(family: 4 | 6, bytes: Uint8Array, offset = 0): string {
  return family === 4 ? formatIPv4(bytes, offset) : formatIPv6(bytes, offset);
}
