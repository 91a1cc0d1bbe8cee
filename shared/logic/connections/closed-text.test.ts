// Text forms of closed connections: table cells, durations that are lower bounds, and why bytes are unknown.
import { describe, expect, it } from 'vitest';
import { TCP_STATES } from '../../model/socket';
import { closedConnection } from '../../test-support/closed-connections';
import {
  CLOSED_FOLLOW_WIDTHS,
  CLOSED_TEXT_HEADER,
  closedDurationText,
  closedStateText,
  closedTextCells,
  unknownBytesReason,
} from './closed-text';

describe('closed connection text', () => {
  it('shows a traced duration as is, an observed one as a lower bound, and none when never seen open', () => {
    expect(closedDurationText(closedConnection({ durationMs: 2_500, openedAtSource: 'trace' }))).toBe('2s');
    expect(closedDurationText(closedConnection({ durationMs: 65_000, openedAtSource: 'observed' }))).toBe('≥ 1m 05s');
    expect(closedDurationText(closedConnection({ durationMs: null, openedAt: null }))).toBeNull();
  });

  it('marks a final state only a refresh saw, and no state the kernel or the trace gave', () => {
    const c = closedConnection;
    expect(closedStateText(c({ finalState: 'ESTABLISHED', finalStateSource: 'observed' }))).toBe('ESTABLISHED*');
    expect(closedStateText(c({ finalState: 'LAST_ACK', finalStateSource: 'trace' }))).toBe('LAST_ACK');
    expect(closedStateText(c({ finalState: 'TIME_WAIT', finalStateSource: 'kernel' }))).toBe('TIME_WAIT');
    expect(closedTextCells(c({ finalState: 'FIN_WAIT_1', finalStateSource: 'observed' }))[4]).toBe('FIN_WAIT_1*');
    // The follow mode's column holds the longest state with its mark.
    expect(Math.max(...TCP_STATES.map((state) => state.length + 1))).toBeLessThanOrEqual(CLOSED_FOLLOW_WIDTHS[4]);
  });

  it('says why a byte count is unknown, and nothing when it is known', () => {
    const c = closedConnection;
    expect(unknownBytesReason(c(), 'sent')).toBeNull();
    expect(unknownBytesReason(c({ proto: 'udp', bytesSent: null }), 'sent')).toBe('connections.why.udp');
    expect(unknownBytesReason(c({ failedConnect: true, bytesSent: null }), 'sent')).toBe(
      'connections.why.neverConnected',
    );
    expect(unknownBytesReason(c({ closedAtSource: 'observed', bytesReceived: null }), 'received')).toBe(
      'connections.why.notPolled',
    );
    expect(unknownBytesReason(c({ bytesReceived: null }), 'received')).toBe('connections.why.finUnknown');
    expect(unknownBytesReason(c({ bytesSent: null, bytesReceived: null }), 'sent')).toBe('connections.why.noTcpInfo');
  });

  it('fills every column, in header order, with - for unknown values', () => {
    const cells = closedTextCells(
      closedConnection({ family: 6, localAddress: '::1', remoteAddress: '::1', rttMs: null, pid: null }),
    );
    expect(cells).toHaveLength(CLOSED_TEXT_HEADER.length);
    expect(CLOSED_FOLLOW_WIDTHS).toHaveLength(CLOSED_TEXT_HEADER.length);
    expect(cells[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3}$/);
    expect(cells.slice(1)).toEqual([
      'tcp6',
      '[::1]:40000',
      '[::1]:8080',
      'TIME_WAIT',
      '2s',
      '1000',
      '1000',
      '-',
      '0',
      '-',
      '',
    ]);
    expect(closedTextCells(closedConnection({ failedConnect: true })).at(-1)).toBe('FAILED');
  });
});
