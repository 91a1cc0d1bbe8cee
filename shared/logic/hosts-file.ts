// Parsing a hosts file (/etc/hosts, Windows' drivers\etc\hosts): address -> its first name, as getnameinfo answers.
import { parseIPv4Bytes, parseIPv6Bytes } from './ip-parse';
import { formatIPv6 } from './address';

/** Normalises an IPv6 address the way collectors print it (compressed, lower case); IPv4 unchanged. */
function canonical(address: string): string | null {
  if (parseIPv4Bytes(address)) return address;
  const v6 = parseIPv6Bytes(address.replace(/%.*$/, ''));
  return v6 ? formatIPv6(v6) : null;
}

/** address -> first host name listed for it (later lines never override earlier ones, as the resolver reads them). */
export function parseHostsFile(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    const [address, name] = line.split(/\s+/);
    const key = address ? canonical(address) : null;
    if (key && name && !out.has(key)) out.set(key, name);
  }
  return out;
}
