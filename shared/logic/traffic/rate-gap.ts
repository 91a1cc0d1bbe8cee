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

/**
 * The rate to show (bytes/s): the socket's own, or 0 for one that has counters and was first seen before the
 * refresh at `lastTakenAt` (ms since epoch) yet has no rate: the diff keeps a socket untouched while nothing about
 * it changes, so it has moved no bytes since netinspect first saw it. Null while there is no rate to give.
 */
export function rateShown(
  s: Pick<Socket, 'proto' | 'state' | 'metrics' | 'sentBytesPerSec' | 'receivedBytesPerSec' | 'firstSeen'>,
  which: 'sent' | 'received',
  lastTakenAt: number | null,
): number | null {
  const value = which === 'sent' ? s.sentBytesPerSec : s.receivedBytesPerSec;
  if (value !== null) return value;
  const counted = which === 'sent' ? s.metrics?.bytesSent : s.metrics?.bytesReceived;
  const unchanged = lastTakenAt !== null && s.firstSeen < lastTakenAt;
  return s.proto === 'tcp' && counted !== null && counted !== undefined && unchanged ? 0 : null;
}
