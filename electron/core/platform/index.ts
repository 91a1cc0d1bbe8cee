// Picks the socket collector for the running OS.
import { AppError } from '../../../shared/model/errors';
import type { SocketCollector } from './collector';
import { createLinuxCollector } from './linux/collector';

/** The collector for `process.platform`; NOT_SUPPORTED where none exists yet. */
export function createCollector(): SocketCollector {
  switch (process.platform) {
    case 'linux':
      return createLinuxCollector();
    default:
      throw new AppError('NOT_SUPPORTED', `No socket collector for ${process.platform} yet.`, {
        platform: process.platform,
      });
  }
}
