// The privileged helper as core sees it: its state, starting it once, and running privileged operations in it.
import type { PRIVILEGED_CHANNELS, Request, Response } from '../../../shared/contract';
import { AppError } from '../../../shared/model/errors';
import type { PrivilegeStatus } from '../../../shared/model/privilege';
import { isElevated } from './elevation';

/** A channel the helper accepts. */
export type PrivilegedChannel = (typeof PRIVILEGED_CHANNELS)[number];

/** Starts, talks to and stops the privileged helper. */
export interface PrivilegeBroker {
  status(): PrivilegeStatus;
  /** Starts the helper through the OS elevation prompt unless it runs already; answers the new status. */
  elevate(request: { readonly collector: boolean }): Promise<PrivilegeStatus>;
  /** True when the helper is up and serving. */
  readonly available: boolean;
  /** Runs a privileged channel in the helper, which validates it again. */
  run<C extends PrivilegedChannel>(channel: C, request: Request<C>): Promise<Response<C>>;
  /** Calls `listener` whenever the status changes; returns the function that stops it. */
  onStatus(listener: (s: PrivilegeStatus) => void): () => void;
  dispose(): void;
}

/** The broker for this process. */
export function createPrivilegeBroker(): PrivilegeBroker {
  const status = (): PrivilegeStatus => ({
    elevated: isElevated(),
    helper: 'none',
    canElevate: false,
    cannotElevateReason: 'privilege.notAvailable',
    collectorElevated: false,
  });
  return {
    status,
    elevate: async () => {
      throw new AppError('NOT_SUPPORTED', 'Elevation is not available in this build yet.');
    },
    available: false,
    run: async () => {
      throw new AppError('NEEDS_ELEVATION', 'The privileged helper is not running.');
    },
    onStatus: () => () => {},
    dispose: () => {},
  };
}
