// The words of an alert: its message, and for a cleared one what ended (the clear message when core gives one).
import type { TFunction } from 'i18next';
import type { Alert } from '../../../../shared/model/alerts';

/** The translated message an alert was raised with. */
export function alertMessage(t: TFunction, alert: Alert): string {
  return t(alert.messageKey, alert.params);
}

/** Core's generic clear key: it says no more than "Cleared.", so the UI names what cleared instead. */
const GENERIC_CLEAR_KEY = 'alerts.cleared.default';

/** Whether core said something specific about the clearing (who took a port back). */
export function hasClearDetail(alert: Alert): boolean {
  return alert.clearKey !== null && alert.clearKey !== GENERIC_CLEAR_KEY;
}

/** The translated note for a cleared alert: "Port 80 is listening again: …", else "Cleared: <message>". */
export function clearedMessage(t: TFunction, alert: Alert): string {
  if (alert.clearKey !== null && hasClearDetail(alert)) return t(alert.clearKey, alert.clearParams ?? {});
  return t('alertUi.clearedNote', { message: alertMessage(t, alert) });
}
