// Picks the socket collector for the running OS.
import { AppError } from '../../../shared/model/errors';
import type { SocketCollector } from './collector';
import { createDarwinCollector } from './darwin/collector';
import { createLinuxCollector } from './linux/collector';
import { createWin32Collector } from './win32/collector';

/** The collector for `process.platform`; NOT_SUPPORTED where none exists. */
export function createCollector(): SocketCollector {
  switch (process.platform) {
    case 'linux':
      return createLinuxCollector();
    case 'win32':
      return createWin32Collector();
    case 'darwin':
      return createDarwinCollector();
    default:
      throw new AppError('NOT_SUPPORTED', `No socket collector for ${process.platform} yet.`, {
        platform: process.platform,
      });
  }
}
