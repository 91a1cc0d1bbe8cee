// The words of an alert: its message, and for a cleared one what ended (the clear message when core gives one).
import type { TFunction } from 'i18next';
import type { Alert } from '../../../../shared/model/alerts';

/** The translated message an alert was raised with. */
export function alertMessage(t: TFunction, alert: Alert): string {
  return t(alert.messageKey, alert.params);
}

/** The translated note for a cleared alert: "Port 80 is listening again: …", else "Cleared: <message>". */
export function clearedMessage(t: TFunction, alert: Alert): string {
  if (alert.clearKey) return t(alert.clearKey, alert.clearParams ?? {});
  return t('alertUi.clearedNote', { message: alertMessage(t, alert) });
}
