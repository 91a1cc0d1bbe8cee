// Human formatting of socket numbers: bytes, durations, round-trip times; locale-free so tables stay aligned.

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** Formats a byte count (bytes) with binary units: `0 B`, `1.5 KiB`, `12 MiB`. Null gives ''. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes) || bytes < 0) return '';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${value} B`;
  const digits = value < 10 ? 1 : 0;
  return `${value.toFixed(digits)} ${BYTE_UNITS[unit]}`;
}

/** Formats sent and received bytes as `↑1.2 KiB ↓3 MiB`; '' when neither is known. */
export function formatTraffic(sent: number | null, received: number | null): string {
  if (sent === null && received === null) return '';
  return `↑${formatBytes(sent ?? 0)} ↓${formatBytes(received ?? 0)}`;
}

/** Formats a duration (ms) compactly with its two largest units: `45s`, `3m 07s`, `2h 05m`, `4d 03h`. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (d > 0) return `${d}d ${pad(h)}h`;
  if (h > 0) return `${h}h ${pad(m)}m`;
  if (m > 0) return `${m}m ${pad(s)}s`;
  return `${s}s`;
}

/**
 * Formats a state age from `since` (ms since epoch) at `now`: as is when `exact` (a kernel clock or a traced
 * transition), `≥ 12s` when it is a lower bound (first seen by polling: the socket may have been in its state
 * before netinspect looked), '' when unknown.
 */
export function formatAge(since: number | null, exact: boolean, now: number): string {
  if (since === null) return '';
  const text = formatDuration(now - since);
  return exact ? text : `≥ ${text}`;
}

/** Formats a round-trip time (ms) with precision that suits its size: `<0.01`, `0.04`, `1.3`, `120`; null gives ''. */
export function formatRtt(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return '';
  // Loopback RTTs are a few microseconds: say "under", not a misleading 0.00.
  if (ms < 0.005) return '<0.01';
  if (ms < 1) return ms.toFixed(2);
  if (ms < 100) return ms.toFixed(1);
  return ms.toFixed(0);
}

/** One number format per locale: making one costs far more than formatting (`toLocaleString` makes one a call). */
const countFormats = new Map<string, Intl.NumberFormat>();

/** Formats a count with thousands separators of `locale` (BCP 47): `50,005` / `50,005`. */
export function formatCount(n: number, locale: string): string {
  let f = countFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale);
    countFormats.set(locale, f);
  }
  return f.format(n);
}

/** Shows an unspecified or wildcard address (`0.0.0.0`, `::`) as `*`, like `ss`, so real peers stand out. */
export function formatAddress(address: string): string {
  return address === '0.0.0.0' || address === '::' ? '*' : address;
}

/** Shows port 0 (no peer yet) as `*`. */
export function formatPort(port: number): string {
  return port === 0 ? '*' : String(port);
}

/** The protocol as `ss` and `netstat` name it: tcp, udp, tcp6, udp6. */
export function formatProto(s: { readonly proto: string; readonly family: 4 | 6 }): string {
  return s.family === 6 ? `${s.proto}6` : s.proto;
}
