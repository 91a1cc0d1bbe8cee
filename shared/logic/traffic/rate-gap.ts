// Why a socket has no byte rate, said plainly instead of a 0: UDP, the OS, a socket without counters, first sight.
import type { Socket } from '../../model/socket';

/**
 * Why rates are missing: `udp` (sock_diag has no per-socket byte counters for UDP), `windows` (the TCP table has
 * none; GetPerTcpConnectionEStats would, not read yet), `macos` (libproc gives none per socket), `timeWait` (the
 * kernel keeps no counters for a closed connection), `noCounters` (no tcp_info: the /proc/net fallback, an old
 * kernel, a half-open connection), `firstSight` (a rate needs two refreshes).
 */
export type RateGap = 'udp' | 'windows' | 'macos' | 'timeWait' | 'noCounters' | 'firstSight';

/** The reason `s` shows no sent/received rate on `platform` (process.platform values), or null when it has them. */
export function rateGap(
  s: Pick<Socket, 'proto' | 'state' | 'metrics' | 'sentBytesPerSec' | 'receivedBytesPerSec'>,
  platform: string | null,
): RateGap | null {
  if (s.sentBytesPerSec !== null && s.receivedBytesPerSec !== null) return null;
  if (s.proto === 'udp') return 'udp';
  if (platform === 'win32') return 'windows';
  if (platform === 'darwin') return 'macos';
  if (s.state === 'TIME_WAIT') return 'timeWait';
  if (s.metrics === null || s.metrics.bytesSent === null || s.metrics.bytesReceived === null) return 'noCounters';
  return 'firstSight';
}
