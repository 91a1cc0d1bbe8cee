// Renderer entry: styles, i18n, store wiring, then the React tree.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles/theme.css';
import './styles/app.css';
import './i18n';
import { App } from './App';
import { startApp } from './store/start';

startApp();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
