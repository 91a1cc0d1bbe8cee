// The privileged helper as core sees it: its state, starting it once, and running privileged operations in it.
import type { Request, Response } from '../../../shared/contract';
import type { PrivilegeStatus } from '../../../shared/model/privilege';
import type { SpawnWorker } from '../collector/host';
import { createHelperBroker, type HelperBrokerOptions } from './helper-broker';
import { sudoPromptLauncher } from './launcher';
import type { PrivilegedChannel } from '../privileged-ops';

/** Starts, talks to and stops the privileged helper. */
export interface PrivilegeBroker {
  status(): PrivilegeStatus;
  /** Starts the helper through the OS elevation prompt unless it runs already; answers the new status. */
  elevate(request: { readonly collector: boolean }): Promise<PrivilegeStatus>;
  /** True when the helper is up and serving. */
  readonly available: boolean;
  /** Runs a privileged channel in the helper, which validates it again. */
  run<C extends PrivilegedChannel>(channel: C, request: Request<C>): Promise<Response<C>>;
  /**
   * While the collector is elevated ("Show all owners"), a spawn function whose worker runs as root in the helper;
   * null otherwise (the collector runs with the app's rights).
   */
  collectorSpawner(): SpawnWorker | null;
  /** Calls `listener` whenever the status changes; returns the function that stops it. */
  onStatus(listener: (s: PrivilegeStatus) => void): () => void;
  dispose(): void;
}

export type BrokerOptions = Omit<HelperBrokerOptions, 'launcher'> & Partial<Pick<HelperBrokerOptions, 'launcher'>>;

/** The broker for this process: the helper is started through @vscode/sudo-prompt unless a launcher is given. */
export function createPrivilegeBroker(options: BrokerOptions): PrivilegeBroker {
  return createHelperBroker({ ...options, launcher: options.launcher ?? sudoPromptLauncher() });
}
