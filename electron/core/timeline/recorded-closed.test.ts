// Recorded closes as the timeline answers them: numbered per answer, and honest about what older recordings lack.
import { describe, expect, it } from 'vitest';
import { closedConnection } from '../../../shared/test-support/closed-connections';
import { recordedClosed } from './timeline-handlers';

describe('recordedClosed', () => {
  it('keeps a recorded close as it was, with the id of this answer', () => {
    const recorded = closedConnection({ id: 917, finalState: 'LAST_ACK', finalStateSource: 'trace' });
    expect(recordedClosed(JSON.parse(JSON.stringify(recorded)) as object, 3)).toEqual({ ...recorded, id: 3 });
  });

  it('gives a close recorded before final states had a source the weakest one, never a kernel fact', () => {
    const { finalStateSource: _, ...older } = closedConnection({ finalState: 'ESTABLISHED' });
    expect(recordedClosed(older, 1)).toMatchObject({ finalState: 'ESTABLISHED', finalStateSource: 'observed' });
  });
});
