// Renderer entry: styles, i18n, store wiring, then the React tree.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles/theme.css';
import './styles/app.css';
import './i18n';
import { App } from './App';
import { host } from './api';
import { startApp } from './store/start';

/**
 * In browser mode the first render waits for the WebSocket to open (or fail), up to this long (ms): the app's
 * first requests, queued until then, go out before the tree's first render takes the main thread (some 100 ms),
 * so the server makes the table while the page renders instead of after.
 */
const FIRST_RENDER_WAIT_MS = 250;

function render(): void {
  const root = document.getElementById('root');
  if (!root) return;
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

startApp();
if (host.kind !== 'browser') render();
else {
  // Both fire later than this block: the connection's events and the timer.
  let pending = true;
  const first = (): void => {
    if (!pending) return;
    pending = false;
    clearTimeout(timer);
    off();
    render();
  };
  const timer = setTimeout(first, FIRST_RENDER_WAIT_MS);
  const off = host.onConnection((state) => {
    if (state !== 'connecting') first();
  });
}
