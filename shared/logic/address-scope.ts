// Where an IP address points: this host, a private or link-local network, or the public internet. Reverse DNS sends
// queries only for public addresses unless the user asks for more.
import { parseIPv4Bytes, parseIPv6Bytes } from './ip-parse';

/** The reach of an address: `unspecified` (0.0.0.0, ::), `loopback`, `private` (RFC 1918, CGNAT, ULA, link-local), `public`. */
export type AddressScope = 'unspecified' | 'loopback' | 'private' | 'public';

function v4Scope(b: Uint8Array): AddressScope {
  const [a, c] = [b[0], b[1]];
  if (b.every((x) => x === 0)) return 'unspecified';
  if (a === 127) return 'loopback';
  if (a === 10 || (a === 172 && c >= 16 && c <= 31) || (a === 192 && c === 168)) return 'private';
  // 100.64.0.0/10 carrier-grade NAT, 169.254.0.0/16 link-local: never names in public DNS.
  if ((a === 100 && c >= 64 && c <= 127) || (a === 169 && c === 254)) return 'private';
  return 'public';
}

/** The scope of `address` (IPv4, IPv6, or IPv4-mapped IPv6); `public` for anything that does not parse as either. */
export function addressScope(address: string): AddressScope {
  const v4 = parseIPv4Bytes(address);
  if (v4) return v4Scope(v4);
  const v6 = parseIPv6Bytes(address);
  if (!v6) return 'public';
  if (v6.every((x) => x === 0)) return 'unspecified';
  if (v6.slice(0, 15).every((x) => x === 0) && v6[15] === 1) return 'loopback';
  // ::ffff:a.b.c.d carries an IPv4 address.
  if (v6.slice(0, 10).every((x) => x === 0) && v6[10] === 0xff && v6[11] === 0xff) return v4Scope(v6.slice(12));
  if ((v6[0] & 0xfe) === 0xfc || (v6[0] === 0xfe && (v6[1] & 0xc0) === 0x80)) return 'private';
  return 'public';
}
