// Desktop notifications for alerts: main listens to core like any front end and shows each raised alert once.
import { Notification, app } from 'electron';
import type { EventPayload } from '../../shared/contract';
import { resolveLanguage } from '../../shared/i18n/index';
import { translate } from '../../shared/i18n/translate';
import type { Alert } from '../../shared/model/alerts';
import type { Core } from '../core/app-core';
import type { Client } from '../core/client';

/** Shows a notification per `alert:raised` (in the language the settings choose), and when it clears. */
export function setupNotifications(core: Core): void {
  if (!Notification.isSupported()) return;
  let language = 'system';
  const show = (alert: Alert, cleared: boolean): void => {
    const lang = resolveLanguage(language, app.getLocale());
    const message = translate(lang, alert.messageKey, alert.params);
    const body = cleared && alert.clearKey ? translate(lang, alert.clearKey, alert.clearParams ?? undefined) : message;
    const title = translate(lang, cleared ? 'alerts.clearedTitle' : 'alerts.raisedTitle', {}, 'netinspect');
    new Notification({ title, body, silent: cleared }).show();
  };
  const client: Client = {
    id: 'main-notifications',
    send: (event, payload) => {
      if (event === 'alert:raised') show(payload as Alert, false);
      else if (event === 'alert:cleared') show(payload as Alert, true);
      else if (event === 'settings:changed') language = (payload as EventPayload<'settings:changed'>).language;
    },
  };
  // Alerts and settings only: the notifier never receives socket deltas.
  core.subscribe(client, ['alert:raised', 'alert:cleared', 'settings:changed']);
  void core.call('settings:get', {}).then((s) => (language = s.language));
}
