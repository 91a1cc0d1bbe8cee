// A reload of a browser-mode tab: the page took its token out of the URL, so the refusal page offers it back.
import { TOKEN_PARAM, TOKEN_STORAGE_KEY } from '../../shared/bridge';

/** Path of the script the refusal page runs; it carries no secret, so it is served without the token. */
export const RESUME_PATH = '/resume-session.js';

/**
 * Runs on the 403 page: when this tab's sessionStorage holds the token the app put there (same origin only), it
 * asks for the page again with it. The token is removed first, so a stale one (serve restarted with a new token)
 * ends on this page instead of looping; the app stores it again once it loaded.
 */
export const RESUME_SCRIPT = `'use strict';
try {
  var t = sessionStorage.getItem(${JSON.stringify(TOKEN_STORAGE_KEY)});
  sessionStorage.removeItem(${JSON.stringify(TOKEN_STORAGE_KEY)});
  if (t) location.replace('/?' + ${JSON.stringify(TOKEN_PARAM)} + '=' + encodeURIComponent(t) + location.hash);
} catch (e) {}
`;

/** The 403 page for a browser: the refusal, and the script that resumes a reloaded tab's session. */
export function refusalPage(message: string): string {
  const text = message.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>netinspect</title><script src="${RESUME_PATH}"></script></head><body><p>${text}</p></body></html>\n`;
}
