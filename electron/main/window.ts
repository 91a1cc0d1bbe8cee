// The one main window: sandboxed, isolated, no node, loading the built renderer (or the dev server).
import { app, BrowserWindow, nativeTheme } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PRELOAD_FILE, RENDERER_DIR } from '../core/paths';

/** The URL the renderer is loaded from; IPC accepts requests only from frames at this origin. */
export function rendererUrl(): string {
  // The dev server URL also decides which origin IPC trusts: a packaged app never takes it from the environment.
  const dev = app.isPackaged ? undefined : process.env.NETINSPECT_DEV_URL;
  return dev ?? pathToFileURL(path.join(RENDERER_DIR, 'index.html')).toString();
}

/** True when a frame's URL belongs to our renderer. */
export function isOwnFrameUrl(url: string): boolean {
  const own = new URL(rendererUrl());
  try {
    const u = new URL(url);
    return own.protocol === 'file:' ? u.protocol === 'file:' && u.pathname === own.pathname : u.origin === own.origin;
  } catch {
    return false;
  }
}

/** Creates the main window. */
export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 860,
    minWidth: 800,
    minHeight: 500,
    title: 'netinspect',
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1b1d21' : '#ffffff',
    webPreferences: {
      preload: PRELOAD_FILE,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(rendererUrl());
  return win;
}
