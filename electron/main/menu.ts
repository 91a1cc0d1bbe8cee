// The native application menu: File (Export report…, Quit), Edit, View, Help; commands reach the renderer as events.
import { app, BrowserWindow, Menu, type MenuItemConstructorOptions } from 'electron';
import type { EventPayload } from '../../shared/contract';
import type { Core } from '../core/app-core';
import { closeRecording, openRecordingDialog } from './recording-dialog';

function sendCommand(command: EventPayload<'app:command'>['command']): void {
  const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  if (win && !win.webContents.isDestroyed()) win.webContents.send('app:command', { command });
}

/** Builds and installs the menu. Labels are the platform's conventional English ones. */
export function setupMenu(core: Core): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        // The renderer binds the same shortcut for browser mode; in Electron the menu gets it first.
        { label: 'Export Report…', accelerator: 'CmdOrCtrl+E', click: () => sendCommand('export-report') },
        { type: 'separator' },
        { label: 'Open Recording…', accelerator: 'CmdOrCtrl+O', click: () => void openRecordingDialog(core) },
        { label: 'Close Recording', click: () => closeRecording(core) },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
      ],
    },
    { role: 'help', submenu: [{ role: 'about' }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
