// Alerts in core: evaluated per tick, de-duplicated, pushed as alert:raised / alert:cleared, and logged (bounded).
import { ALERT_LOG_SIZE, type Alert } from '../../../shared/model/alerts';
import { AlertTracker, type AlertChanges } from '../../../shared/logic/alerts/alert-tracker';
import type { ConditionInput } from '../../../shared/logic/alerts/alert-conditions';

/** Where raised and cleared alerts go. */
export type AlertSink = (event: 'alert:raised' | 'alert:cleared', alert: Alert) => void;

/** The alert state of one core (or one `netinspect watch`). */
export class AlertCenter {
  private readonly tracker = new AlertTracker();
  private readonly log: Alert[] = [];

  constructor(private readonly sink: AlertSink) {}

  /** Alerts active now. */
  active(): Alert[] {
    return this.tracker.list();
  }

  /** The log, newest last (at most ALERT_LOG_SIZE entries: ~300 B each, ~150 KB). */
  entries(): Alert[] {
    return [...this.log];
  }

  /** Evaluates one tick and pushes what changed. */
  update(input: ConditionInput): AlertChanges {
    const changes = this.tracker.update(input);
    for (const a of changes.raised) this.append(a, 'alert:raised');
    for (const a of changes.cleared) this.append(a, 'alert:cleared');
    return changes;
  }

  private append(alert: Alert, event: 'alert:raised' | 'alert:cleared'): void {
    this.log.push(alert);
    if (this.log.length > ALERT_LOG_SIZE) this.log.splice(0, this.log.length - ALERT_LOG_SIZE);
    this.sink(event, alert);
  }
}
