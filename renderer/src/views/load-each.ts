// Loading the views' chunks: each on its own, retried, so one that fails hides only its own tab.
import type { ViewDefinition } from '../ui/view-definition';

export interface ViewModule {
  readonly view: ViewDefinition;
}

/** Waits before each new try of a view chunk that failed to load (ms): a busy or flaky link gets three more. */
export const VIEW_RETRY_DELAYS_MS: readonly number[] = [500, 2_000, 8_000];

/**
 * Loads each chunk on its own and calls `add` with its view as it arrives, so one that fails (a chunk or its CSS
 * that did not come) hides only its own tab, and is tried again after each of `delays`. Resolves when every chunk
 * loaded or ran out of tries; `failed` hears of those that did, with the last error.
 */
export async function loadEach(
  loaders: readonly (() => Promise<ViewModule>)[],
  add: (view: ViewDefinition) => void,
  failed: (error: unknown) => void,
  delays: readonly number[] = VIEW_RETRY_DELAYS_MS,
): Promise<void> {
  const one = async (load: () => Promise<ViewModule>): Promise<void> => {
    for (let attempt = 0; ; attempt++) {
      try {
        add((await load()).view);
        return;
      } catch (e) {
        if (attempt >= delays.length) {
          failed(e);
          return;
        }
        await new Promise((r) => setTimeout(r, delays[attempt]));
      }
    }
  };
  await Promise.all(loaders.map(one));
}
