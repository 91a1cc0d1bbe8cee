// Windows' dynamic and excluded port ranges, read through netsh (no IP Helper function exposes them).
import { execFile } from 'node:child_process';
import { AppError } from '../../../../shared/model/errors';
import {
  parseDynamicPortRange,
  parseExcludedPortRanges,
  type DynamicPortRange,
  type ExcludedPortRange,
} from './netsh-port-ranges';

/** Reservations of one protocol and family: where ephemeral ports come from, and what no one may bind. */
export interface PortReservations {
  readonly dynamic: DynamicPortRange | null;
  readonly excluded: readonly ExcludedPortRange[];
}

/** netsh answers in well under a second; a hung one must not stall a caller. */
const NETSH_TIMEOUT_MS = 10_000;

function netsh(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('netsh', args, { timeout: NETSH_TIMEOUT_MS, windowsHide: true }, (err, stdout) => {
      if (err) reject(new AppError('INTERNAL', `netsh ${args.join(' ')} failed: ${err.message}`));
      else resolve(stdout);
    });
  });
}

/**
 * Reads the dynamic port range and the excluded port ranges of `proto` over IPv`family` (`netsh int ipv4 show
 * dynamicport tcp`, `netsh int ipv4 show excludedportrange protocol=tcp`). Windows only.
 */
export async function readPortReservations(proto: 'tcp' | 'udp', family: 4 | 6 = 4): Promise<PortReservations> {
  if (process.platform !== 'win32') {
    throw new AppError('NOT_SUPPORTED', 'Port reservations are a Windows feature.', { platform: process.platform });
  }
  const ip = family === 4 ? 'ipv4' : 'ipv6';
  const [dynamicText, excludedText] = await Promise.all([
    netsh(['int', ip, 'show', 'dynamicport', proto]),
    netsh(['int', ip, 'show', 'excludedportrange', `protocol=${proto}`]),
  ]);
  return { dynamic: parseDynamicPortRange(dynamicText), excluded: parseExcludedPortRanges(excludedText) };
}
