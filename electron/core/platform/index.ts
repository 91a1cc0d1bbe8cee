// Picks the Platform of the running OS; the only switch on process.platform in core.
import { keyedError } from '../../../shared/logic/input-error';
import { AppError } from '../../../shared/model/errors';
import { createDarwinPlatform } from './darwin/index';
import { createLinuxPlatform } from './linux/index';
import type { Platform, PlatformOptions } from './platform';
import { unreadableKernelFacts, unsupportedAdapters } from './unsupported';
import { createWin32Platform } from './win32/index';

/** A platform where nothing but its name is known: every action fails with NOT_SUPPORTED. */
function unsupportedPlatform(os: NodeJS.Platform): Platform {
  const missing = (): never => {
    throw keyedError('actions.unsupportedPlatform', { platform: os }, 'NOT_SUPPORTED');
  };
  return {
    os,
    createSocketCollector: () => {
      throw new AppError('NOT_SUPPORTED', `No socket collector for ${os} yet.`, { platform: os });
    },
    processes: { details: missing, kill: async () => missing() },
    connections: { close: missing },
    adapters: unsupportedAdapters(os, 'adapters.errors.unsupportedPlatform'),
    kernelFacts: unreadableKernelFacts,
    // No per-socket close events or state trace here: closes come from refreshes (observed).
    openSocketEvents: () => null,
    reservedRangeOf: async () => null,
  };
}

let current: Platform | null = null;

/** The Platform of `os` (default: the running OS; created once and shared unless options are given). */
export function createPlatform(os: NodeJS.Platform = process.platform, options?: PlatformOptions): Platform {
  const shared = os === process.platform && options === undefined;
  if (shared && current) return current;
  const o = options ?? {};
  const p =
    os === 'linux'
      ? createLinuxPlatform(o)
      : os === 'win32'
        ? createWin32Platform(o)
        : os === 'darwin'
          ? createDarwinPlatform()
          : unsupportedPlatform(os);
  if (shared) current = p;
  return p;
}
