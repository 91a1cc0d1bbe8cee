// File > Open Recording…: the OS's open dialog, then core opens the file read-only; every window hears
// timeline:status and shows it as `serve --open` does. A file core refuses is explained in a message box.
import { BrowserWindow, app, dialog } from 'electron';
import { resolveLanguage } from '../../shared/i18n/index';
import { translate } from '../../shared/i18n/translate';
import { AppError } from '../../shared/model/errors';
import type { Core } from '../core/app-core';

/** Asks for a recording and opens it; a refusal (not a recording, newer, damaged ...) is shown, nothing changes. */
export async function openRecordingDialog(core: Core): Promise<void> {
  const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const options: Electron.OpenDialogOptions = {
    title: 'Open Recording',
    properties: ['openFile'],
    filters: [
      { name: 'netinspect recordings', extensions: ['sqlite', 'db'] },
      { name: 'All files', extensions: ['*'] },
    ],
  };
  const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  const file = picked.filePaths[0];
  if (picked.canceled || !file) return;
  try {
    core.openRecording(file);
  } catch (e) {
    const settings = await core.call('settings:get', {});
    const lang = resolveLanguage(settings.language, app.getLocale());
    const text = e instanceof Error ? e.message : String(e);
    const message = e instanceof AppError && e.key ? translate(lang, e.key, e.params, text) : text;
    const box = { type: 'error' as const, title: 'netinspect', message };
    if (win) await dialog.showMessageBox(win, box);
    else await dialog.showMessageBox(box);
  }
}

/** File > Close Recording: back to this host's own timeline. */
export function closeRecording(core: Core): void {
  core.openRecording(null);
}
