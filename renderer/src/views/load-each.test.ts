// loadEach: each view chunk on its own, a failing one retried, one that never loads hiding only its own tab.
import { describe, expect, it } from 'vitest';
import type { ViewDefinition } from '../ui/view-definition';
import { loadEach } from './load-each';

const view = (id: string) => ({ view: { id, order: 1 } as unknown as ViewDefinition });

describe('loadEach', () => {
  it('adds the views that load, retries one that failed, and reports one that never loads', async () => {
    let flaky = 0;
    const added: string[] = [];
    const failures: unknown[] = [];
    await loadEach(
      [
        async () => view('charts'),
        async () => {
          // Its CSS did not come the first time (vite:preloadError), then it did.
          if (flaky++ === 0) throw new Error('Unable to preload CSS for /assets/view.css');
          return view('connections');
        },
        async () => {
          throw new Error('chunk gone');
        },
      ],
      (v) => added.push(v.id),
      (e) => failures.push(e),
      [1, 1],
    );
    expect(added.sort()).toEqual(['charts', 'connections']);
    expect(flaky).toBe(2);
    expect(failures).toHaveLength(1);
    expect(String(failures[0])).toContain('chunk gone');
  });
});
