// Electron main: lifecycle only; every concern is a setupX() called in order.
import path from 'node:path';
import { app, BrowserWindow } from 'electron';
import { createCore, type Core } from '../core/app-core';
import { APP_VERSION } from '../core/version';
import { spawnUtilityWorker } from './collector-process';
import { setupIpc } from './ipc';
import { setupMenu } from './menu';
import { setupNotifications } from './notifications';
import { setupSecurity } from './security';
import { createMainWindow } from './window';

let core: Core | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  setupSecurity();
  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.whenReady().then(() => {
    core = createCore({
      configDir: app.getPath('userData'),
      host: 'electron',
      collector: spawnUtilityWorker,
      version: APP_VERSION,
      locale: app.getLocale(),
      // The app records while it runs (the Record setting), beside its settings.
      timeline: { record: path.join(app.getPath('userData'), 'timeline.sqlite') },
    });
    setupIpc(core);
    setupNotifications(core);
    setupMenu(core);
    createMainWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => core?.dispose());
}
