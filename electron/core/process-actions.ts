// Acting on processes and connections as this process's user: details, kill, close, for the running OS.
import { keyedError } from '../../shared/logic/input-error';
import type { CloseResult, Connection, KillResult, ProcessDetails } from '../../shared/model/actions';
import { createDarwinActions } from './platform/darwin/darwin-actions';
import { createLinuxActions } from './platform/linux/linux-actions';
import { createWin32Actions } from './platform/win32/win32-actions';

/** A validated kill request. */
export interface KillOrder {
  readonly pid: number;
  readonly force: boolean;
  readonly expectStartTime?: number | null;
}

/** What core can do to processes and connections, with the rights it has. */
export interface ProcessActions {
  /** A process's details, without its sockets (core adds those from the live table). ESRCH when gone. */
  details(pid: number): Omit<ProcessDetails, 'sockets'>;
  /** Ends a process; REFUSED / ESRCH / NEEDS_ELEVATION / TIMEOUT as the contract says. */
  kill(order: KillOrder): Promise<Omit<KillResult, 'viaHelper'>>;
  /**
   * Closes one TCP connection, exactly the one at those endpoints; REFUSED for a listener, an unconnected socket or
   * netinspect's own; NOT_SUPPORTED / NEEDS_ELEVATION / ESRCH as the contract says.
   */
  close(connection: Connection): Omit<CloseResult, 'viaHelper'>;
}

/** Who else counts as netinspect itself for the actions' refusals. */
export interface ProcessActionOptions {
  /** Processes (with their descendants) whose connections a close refuses, beside this one: the helper's app. */
  readonly ownPids?: readonly number[];
}

/** The actions for the running OS; on other OSes every action fails with NOT_SUPPORTED. */
export function createProcessActions(options: ProcessActionOptions = {}): ProcessActions {
  switch (process.platform) {
    case 'linux':
      return createLinuxActions({ ownPids: options.ownPids });
    case 'win32':
      return createWin32Actions(options.ownPids);
    case 'darwin':
      return createDarwinActions();
    default: {
      const missing = (): never => {
        throw keyedError('actions.unsupportedPlatform', { platform: process.platform }, 'NOT_SUPPORTED');
      };
      return { details: missing, kill: async () => missing(), close: missing };
    }
  }
}
