// Acting on processes and connections as this process's user: details, kill, close.
import type { CloseResult, Connection, KillResult, ProcessDetails } from '../../shared/model/actions';
import { AppError } from '../../shared/model/errors';

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
  /** Ends a process; REFUSED / ESRCH / NEEDS_ELEVATION as the contract says. */
  kill(order: KillOrder): Promise<Omit<KillResult, 'viaHelper'>>;
  /** Closes one TCP connection; NOT_SUPPORTED / NEEDS_ELEVATION / ESRCH as the contract says. */
  close(connection: Connection): Omit<CloseResult, 'viaHelper'>;
}

/** The actions for the running OS. */
export function createProcessActions(): ProcessActions {
  const missing = (): never => {
    throw new AppError('NOT_SUPPORTED', 'Process actions are not available in this build yet.');
  };
  return { details: missing, kill: async () => missing(), close: missing };
}
