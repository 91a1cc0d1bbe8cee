// De-duplicates alerts across ticks: a condition raises once, stays active while it holds, and clears when it goes.
import type { Alert } from '../../model/alerts';
import { evaluateConditions, listenerOwners, type ConditionInput } from './alert-conditions';

/** What one tick changed. */
export interface AlertChanges {
  readonly raised: Alert[];
  readonly cleared: Alert[];
}

/** Active alerts and the listener owners of watched ports, carried from tick to tick. */
export class AlertTracker {
  private readonly active = new Map<string, Alert>();
  private owners = new Map<number, string[]>();

  /** Alerts active now, oldest first. */
  list(): Alert[] {
    return [...this.active.values()];
  }

  /** Evaluates one tick: new conditions raise, vanished ones clear; a watched port changing hands raises once. */
  update(input: ConditionInput): AlertChanges {
    const raised: Alert[] = [];
    const cleared: Alert[] = [];
    const owners = listenerOwners(input.sockets, input.watchedPorts);
    // One walk of the table for the watched listeners, shared with the conditions.
    const conditions = evaluateConditions(input, owners);
    const holding = new Set(conditions.map((c) => c.id));
    for (const c of conditions) {
      if (this.active.has(c.id)) continue;
      const alert: Alert = {
        id: c.id,
        kind: c.kind,
        severity: c.severity,
        messageKey: `alerts.${c.kind}`,
        params: c.params,
        raisedAt: input.now,
        clearedAt: null,
        clearKey: null,
        clearParams: null,
      };
      this.active.set(c.id, alert);
      raised.push(alert);
    }
    for (const [id, alert] of this.active) {
      if (holding.has(id)) continue;
      this.active.delete(id);
      const port = alert.kind === 'port-down' ? Number(alert.params.port) : null;
      const taker = port === null ? undefined : owners.get(port)?.join(', ');
      cleared.push({
        ...alert,
        clearedAt: input.now,
        clearKey: taker ? 'alerts.cleared.port-up' : 'alerts.cleared.default',
        clearParams: taker ? { port: port ?? 0, owner: taker } : {},
      });
    }
    for (const [port, now] of owners) {
      const before = this.owners.get(port);
      if (!before || before.length === 0 || now.length === 0 || before.join() === now.join()) continue;
      // One-shot: it is in the log and both events, but never stays active.
      const alert: Alert = {
        id: `port-owner-changed:${port}:${input.now}`,
        kind: 'port-owner-changed',
        severity: 'warning',
        messageKey: 'alerts.port-owner-changed',
        params: { port, before: before.join(', '), owner: now.join(', ') },
        raisedAt: input.now,
        clearedAt: input.now,
        clearKey: null,
        clearParams: null,
      };
      raised.push(alert);
    }
    this.owners = owners;
    return { raised, cleared };
  }
}
