// Text forms of endpoints as users know them from ss/netstat: 127.0.0.1:80, [::1]:443, 0.0.0.0:*.

/** "addr:port", with IPv6 in brackets and port 0 shown as `*` (a wildcard). */
export function formatEndpoint(address: string, port: number): string {
  const host = address.includes(':') ? `[${address}]` : address;
  return `${host}:${port === 0 ? '*' : port}`;
}
