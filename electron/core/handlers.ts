// One handler per contract channel; the type makes a missing or extra handler a compile error.
import type { z } from 'zod';
import type { Channel, Response, channels } from '../../shared/contract';
import type { Client } from './client';
import { hiddenOwnersNote } from '../../shared/logic/owner-note';
import { runPrivileged } from './privileged-ops';
import type { CoreServices } from './services';
import { createAdapterHandlers } from './adapters/adapter-handlers';
import { createToolHandlers } from './tools/tool-handlers';
import { createTimelineHandlers, pastDiagnosis } from './timeline/timeline-handlers';

/** A channel's handler: its validated request in, its response out (thrown AppErrors become Results). */
export type Handler<C extends Channel> = (
  request: z.output<(typeof channels)[C]['request']>,
  client: Client,
) => Promise<Response<C>> | Response<C>;

export type Handlers = { readonly [C in Channel]: Handler<C> };

/** The handlers of every channel, bound to core's services. */
export function createHandlers(s: CoreServices): Handlers {
  return {
    'sockets:snapshot': () => s.monitor.snapshot(),
    'sockets:subscribe': (_req, client) => s.subscribe(client),
    'sockets:unsubscribe': (_req, client) => {
      s.unsubscribe(client);
      return { subscribed: false as const };
    },
    'events:subscribe': (req, client) => {
      // sockets:delta only makes sense with the table it applies to: that is what sockets:subscribe answers.
      const wanted = req.events.filter((e) => e !== 'sockets:delta');
      return { events: s.events.subscribe(client, wanted) };
    },
    'events:unsubscribe': (req, client) => {
      if (req.events.includes('sockets:delta')) s.unsubscribe(client);
      return { events: s.events.unsubscribe(client, req.events) };
    },
    'collector:status': () => s.monitor.status(),
    'collector:set-paused': (req) => s.monitor.setPaused(req.paused),
    'settings:get': () => s.settings.get(),
    'settings:set': (req) => s.setSettings(req),
    'process:details': async (req) => {
      const details = s.platform.processes.details(req.pid);
      const { sockets } = await s.monitor.snapshot();
      // A listener shared with forked workers is each one's socket, not only its first owner's.
      const holds = (x: (typeof sockets)[number]) => x.pid === req.pid || x.owners.some((o) => o.pid === req.pid);
      return { ...details, sockets: sockets.filter(holds) };
    },
    'process:kill': async (req) => {
      const result = await runPrivileged(s.privileged, s.broker, 'process:kill', req);
      // Push the process's sockets leaving the table now, not at the next tick.
      await s.monitor.refreshIfWatched();
      return result;
    },
    'socket:close': async (req) => {
      const result = await runPrivileged(s.privileged, s.broker, 'socket:close', req);
      await s.monitor.refreshIfWatched();
      return result;
    },
    'privilege:status': () => s.broker.status(),
    'privilege:elevate': (req) => s.broker.elevate(req),
    'app:info': () => s.info,
    'stats:series': (req) => s.analytics.history.seriesFor(req.window, req.maxPoints),
    'stats:transitions': (req) => s.analytics.history.transitionsFor(req.window),
    'diagnosis:findings': async (req) => {
      if (req.at !== undefined) return pastDiagnosis(s, req.at);
      const snap = await s.monitor.snapshot();
      return s.analytics.diagnose(snap.sockets, snap.takenAt);
    },
    'watch:list': () => s.analytics.watchList(),
    'watch:add': (req) => s.addWatch(req.port),
    'watch:remove': (req) => s.removeWatch(req.port),
    'alert:log': () => ({ entries: s.analytics.log() }),
    'connections:closed': (req) => {
      const st = s.monitor.status();
      const closedSource = st.kernelSources.find((k) => k.source === 'closedSockets');
      return {
        entries: s.connections.list(req.afterId, req.limit),
        total: s.connections.total,
        source: st.closes,
        fallbackReason: closedSource && !closedSource.on ? (closedSource.reason?.message ?? null) : null,
        lost: closedSource?.lost ?? 0,
        perSecond: s.connections.rate(Date.now()),
      };
    },
    'processes:traffic': async () => {
      await s.monitor.ready();
      const st = s.monitor.status();
      const reason = (n: number): string => hiddenOwnersNote(st.elevated, n)?.key ?? 'owners.hiddenMany';
      const alive = (pid: number): boolean => {
        try {
          s.platform.processes.details(pid);
          return true;
        } catch {
          return false;
        }
      };
      return s.traffic.list(s.monitor.tableView(), alive, reason, st.closes);
    },
    'hosts:resolve': async (req) => {
      const includePrivate = req.includePrivate ?? s.settings.get().resolvePrivateAddresses === true;
      return { names: [...(await s.hostNames.resolve(req.addresses, includePrivate, req.waitMs)).values()] };
    },
    ...createAdapterHandlers(s),
    ...createToolHandlers(s),
    ...createTimelineHandlers(s),
  };
}
