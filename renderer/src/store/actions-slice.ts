// Process and connection actions: the action dialogs, process details, kill, close, elevation retry, clipboard.
import type { AppErrorData } from '../../../shared/model/errors';
import { formatEndpoint } from '../../../shared/logic/endpoint';
import { host } from '../api';
import type { ActionOutcome, ActionsSlice, AppState, Slice } from './types';

/** Sorts a failed kill or close into what the dialog shows; null means "not the dialog's business: a toast". */
export function outcomeOf(error: AppErrorData): ActionOutcome | null {
  switch (error.code) {
    case 'ESRCH':
      return { kind: 'gone' };
    case 'NEEDS_ELEVATION':
    case 'EPERM':
      return { kind: 'needsElevation', error };
    case 'REFUSED':
    case 'NOT_SUPPORTED':
      return { kind: 'failed', error };
    default:
      return null;
  }
}

/** The name a dialog calls its process by: from its details once loaded, else from the row. */
function processName(s: AppState, pid: number, fallback: string | null): string {
  const d = s.details;
  if (d?.state === 'ready' && d.pid === pid) return d.value.name;
  return fallback ?? s.processes.get(pid)?.name ?? '?';
}

export const createActionsSlice: Slice<ActionsSlice> = (set, get) => {
  // Bumped whenever a dialog opens or closes, so an answer for a dialog that is gone changes nothing.
  let generation = 0;
  // What "Retry as administrator" repeats.
  let retry: (() => Promise<void>) | null = null;

  const loadDetails = async (pid: number, gen: number) => {
    set({ details: { state: 'loading', pid } });
    const r = await host.bridge.invoke('process:details', { pid });
    if (gen !== generation) return;
    set({ details: r.ok ? { state: 'ready', pid, value: r.value } : { state: 'failed', pid, error: r.error } });
  };

  const open = (dialog: NonNullable<ActionsSlice['dialog']>) => {
    generation++;
    retry = null;
    set({ dialog, outcome: { kind: 'idle' } });
    return generation;
  };

  /** Settles a failed action: the dialog explains what it can, anything else becomes a toast. */
  const fail = (error: AppErrorData) => {
    const outcome = outcomeOf(error);
    if (outcome) {
      set({ outcome });
    } else {
      set({ outcome: { kind: 'idle' } });
      get().pushError(error);
    }
  };

  const kill = async (force: boolean) => {
    const s = get();
    const { dialog, details } = s;
    if (dialog?.kind !== 'kill' || details?.state !== 'ready' || details.pid !== dialog.pid) return;
    const gen = generation;
    const name = processName(s, dialog.pid, dialog.name);
    retry = () => kill(force);
    set({ outcome: { kind: 'busy' } });
    // The start time pins the process the user saw: a pid reused since is answered ESRCH, not killed.
    const r = await host.bridge.invoke('process:kill', {
      pid: dialog.pid,
      force,
      expectStartTime: details.value.startTime,
    });
    if (gen !== generation) return;
    if (!r.ok) return fail(r.error);
    get().closeDialog();
    const key = r.value.outcome === 'killed' ? 'actionUi.kill.killed' : 'actionUi.kill.terminated';
    get().pushNotice({ key, params: { name, pid: dialog.pid } });
  };

  const closeConnection = async () => {
    const { dialog } = get();
    if (dialog?.kind !== 'close') return;
    const gen = generation;
    const { family, localAddress, localPort, remoteAddress, remotePort } = dialog.socket;
    retry = closeConnection;
    set({ outcome: { kind: 'busy' } });
    const r = await host.bridge.invoke('socket:close', { family, localAddress, localPort, remoteAddress, remotePort });
    if (gen !== generation) return;
    if (!r.ok) return fail(r.error);
    get().closeDialog();
    get().pushNotice({
      key: 'actionUi.close.done',
      params: { local: formatEndpoint(localAddress, localPort), remote: formatEndpoint(remoteAddress, remotePort) },
    });
  };

  return {
    dialog: null,
    details: null,
    outcome: { kind: 'idle' },

    openKill(pid, name) {
      // From the details dialog, the details already loaded are the ones to confirm against.
      const { details } = get();
      const gen = open({ kind: 'kill', pid, name });
      if (details?.state !== 'ready' || details.pid !== pid) void loadDetails(pid, gen);
    },

    openDetails(pid, name) {
      void loadDetails(pid, open({ kind: 'details', pid, name }));
    },

    openClose(socket) {
      open({ kind: 'close', socket });
      set({ details: null });
    },

    openSocketDetails(socket) {
      open({ kind: 'socket', socket });
      set({ details: null });
    },

    closeDialog() {
      generation++;
      retry = null;
      set({ dialog: null, details: null, outcome: { kind: 'idle' } });
    },

    kill,
    closeConnection,

    async retryElevated() {
      const again = retry;
      if (!again) return;
      const gen = generation;
      set({ outcome: { kind: 'busy' } });
      const error = await get().elevate(false);
      if (gen !== generation) return;
      if (error) set({ outcome: { kind: 'failed', error } });
      else await again();
    },

    async copyText(text) {
      try {
        await navigator.clipboard.writeText(text);
        get().pushNotice({ key: 'actionUi.copy.done', params: { text } });
      } catch (e) {
        // Clipboard access needs a focused window and, in a browser tab, permission.
        const reason = e instanceof Error ? e.message : String(e);
        get().pushError({ code: 'EPERM', key: 'actionUi.copy.failed', message: reason, params: { reason } });
      }
    },
  };
};
