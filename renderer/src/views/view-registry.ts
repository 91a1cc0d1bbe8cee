// The window's views, found at build time: every feature folder with a `view.tsx` exporting `view` gets a tab.
import type { ViewDefinition } from '../ui/view-definition';

export type { ViewDefinition };

// Vite resolves the glob at build time, so adding a feature's view.tsx needs no edit here or in App.
const modules = import.meta.glob<{ readonly view: ViewDefinition }>('../features/*/view.tsx', { eager: true });

/** Every view, in tab order. */
export const VIEWS: readonly ViewDefinition[] = Object.values(modules)
  .map((m) => m.view)
  .sort((a, b) => a.order - b.order);
