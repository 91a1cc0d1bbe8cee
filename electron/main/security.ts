// App-wide hardening: no new windows, no navigation away, no permission grants, CSP on every response.
import { app, session, type WebContents } from 'electron';

/** The CSP of the window (the same policy as renderer/index.html's meta tag). */
export const WINDOW_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'";

function harden(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (e) => e.preventDefault());
  contents.on('will-redirect', (e) => e.preventDefault());
  contents.on('will-attach-webview', (e) => e.preventDefault());
}

/** Applies the hardening to every web contents and the default session. */
export function setupSecurity(): void {
  app.on('web-contents-created', (_e, contents) => harden(contents));
  app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_wc, _perm, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [WINDOW_CSP] } });
    });
  });
}
