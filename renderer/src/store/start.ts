// Wires host events to store actions and loads the first state; called once at startup.
import { host } from '../api';
import { useStore } from './index';

/** Interval of the clock that ages rows and expires highlights (ms). */
const SWEEP_MS = 500;

/** Pushed events the window listens to (sockets:delta comes with sockets:subscribe; scan:progress with a scan). */
const EVENTS = [
  'collector:status',
  'settings:changed',
  'privilege:status',
  'alert:raised',
  'alert:cleared',
  'hosts:resolved',
  'timeline:status',
] as const;

function subscribeEvents(): void {
  void host.bridge.invoke('events:subscribe', { events: [...EVENTS] });
}

/** Subscribes to everything the UI shows. */
export function startApp(): void {
  const s = useStore.getState();
  host.bridge.on('sockets:delta', (d) => useStore.getState().receiveDelta(d));
  host.bridge.on('collector:status', (st) => useStore.getState().setStatus(st));
  host.bridge.on('settings:changed', (st) => useStore.getState().receiveSettings(st));
  host.bridge.on('privilege:status', (st) => useStore.getState().receivePrivilege(st));
  host.bridge.on('alert:raised', (a) => useStore.getState().receiveAlert('raised', a));
  host.bridge.on('alert:cleared', (a) => useStore.getState().receiveAlert('cleared', a));
  host.bridge.on('hosts:resolved', (r) => useStore.getState().receiveHostNames(r.names));
  // Names for the table's addresses once resolving turns on, or when a whole new table arrives while it is on (a
  // subscribe or resubscribe; deltas change the table in place, and core pushes names for their new addresses).
  useStore.subscribe((now, before) => {
    const on = now.settings?.resolveAddresses === true;
    const wasOn = before.settings?.resolveAddresses === true;
    const privateChanged = now.settings?.resolvePrivateAddresses !== before.settings?.resolvePrivateAddresses;
    if (on && (!wasOn || privateChanged || now.table !== before.table)) void now.resolveTableAddresses();
  });
  host.bridge.on('timeline:status', (st) => useStore.getState().receiveTimelineStatus(st));
  host.bridge.on('app:command', (c) => {
    if (c.command === 'export-report') useStore.getState().openExport();
  });
  host.onConnection((state, reconnected) => {
    const store = useStore.getState();
    store.setConnection(state);
    // The server forgets subscriptions with the connection: ask again for everything.
    if (reconnected) {
      subscribeEvents();
      void store.subscribe();
      void store.loadStatus();
      void store.loadSettings();
      void store.loadPrivilege();
      void store.loadTimeline();
    }
  });
  setInterval(() => useStore.getState().sweep(Date.now()), SWEEP_MS);
  subscribeEvents();
  void s.loadSettings();
  void s.loadStatus();
  void s.loadPrivilege();
  void s.loadTimeline();
  void s.subscribe();
  void s.loadServices();
}
