// What a feature's view.tsx exports to get a tab in the window (the registry in views/ finds them at build time).
import type { ComponentType } from 'react';

/** One top-level view of the window. */
export interface ViewDefinition {
  /** Stable id, kept in the store. */
  readonly id: string;
  /** Tab position, lowest first. */
  readonly order: number;
  /** i18n key of the tab label. */
  readonly labelKey: string;
  readonly Component: ComponentType;
}
