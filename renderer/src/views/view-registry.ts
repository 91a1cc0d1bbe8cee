// The window's views, found at build time: every feature folder with a `view.tsx` exporting `view` gets a tab.
// Only the Sockets view is in the first chunk; every other view is a chunk of its own, loaded right after the first
// paint (charts alone are hundreds of kB), and its tab appears when it has loaded.
import { useSyncExternalStore } from 'react';
import type { ViewDefinition } from '../ui/view-definition';
import { loadEach, type ViewModule } from './load-each';

export type { ViewDefinition };

// Vite resolves the globs at build time, so adding a feature's view.tsx needs no edit here or in App.
const first = import.meta.glob<ViewModule>('../features/sockets/view.tsx', { eager: true });
const rest = import.meta.glob<ViewModule>(['../features/*/view.tsx', '!../features/sockets/view.tsx']);

const byOrder = (a: ViewDefinition, b: ViewDefinition): number => a.order - b.order;
let views: readonly ViewDefinition[] = Object.values(first)
  .map((m) => m.view)
  .sort(byOrder);
const listeners = new Set<() => void>();
let loading: Promise<void> | null = null;

/** Loads every other view's chunk (once, each retried on failure); each tab appears when its view is in. */
export function loadViews(): Promise<void> {
  loading ??= loadEach(
    Object.values(rest),
    (view) => {
      views = [...views, view].sort(byOrder);
      for (const l of listeners) l();
    },
    // A view that never loads leaves the others working; the console says which chunk and why.
    (e) => console.error('A view could not be loaded:', e),
  );
  return loading;
}

const subscribe = (l: () => void): (() => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** Every view loaded so far, in tab order (the Sockets view from the start). */
export function useViews(): readonly ViewDefinition[] {
  return useSyncExternalStore(subscribe, () => views);
}
