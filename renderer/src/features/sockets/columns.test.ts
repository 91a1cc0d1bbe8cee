// The socket grid's column widths and how much text each column shows whole, and the cell classes made from them.
import { describe, expect, it } from 'vitest';
import { SOCKET_STATES } from '../../../../shared/model/socket';
import { cellClass } from '../../ui/GridRow';
import { COLUMN_FIT, COLUMN_IDS, GRID_TEMPLATE } from './columns';

describe('socket grid columns', () => {
  it('has one track per column, in order', () => {
    const tracks = GRID_TEMPLATE.match(/minmax\([^)]*\)|\d+px/g) ?? [];
    expect(tracks).toHaveLength(COLUMN_IDS.length);
    expect(tracks[COLUMN_IDS.indexOf('localAddress')]).toBe('minmax(130px, 1.3fr)');
    expect(tracks[COLUMN_IDS.indexOf('pid')]).toBe('72px');
  });

  it('fits the widest value of its bounded columns whole', () => {
    // The longest IPv4 address, a protocol with the change mark, any state, a 7-digit pid (Linux's pid_max 4194304).
    expect('255.255.255.255'.length).toBeLessThanOrEqual(COLUMN_FIT.localAddress);
    expect('255.255.255.255'.length).toBeLessThanOrEqual(COLUMN_FIT.remoteAddress);
    expect('tcp6'.length).toBeLessThanOrEqual(COLUMN_FIT.proto);
    for (const state of SOCKET_STATES) expect(state.length).toBeLessThanOrEqual(COLUMN_FIT.state);
    expect('4194304'.length).toBeLessThanOrEqual(COLUMN_FIT.pid);
    expect('65535'.length).toBeLessThanOrEqual(COLUMN_FIT.localPort);
  });

  it('counts at least 0.62 em a character, so a wider text never goes unclipped', () => {
    // 100 px less 16 px of padding, at 12 px x 0.62: 11 characters (11.3).
    expect(COLUMN_FIT.service).toBe(11);
    // The first column also holds the change mark: 60 - 16 - 10.4 px = 4 characters (4.5).
    expect(COLUMN_FIT.proto).toBe(4);
  });
});

describe('cellClass', () => {
  it('leaves text its column fits unclipped, and clips the rest', () => {
    expect(cellClass('http', COLUMN_FIT.service)).toBe('cell fits');
    expect(cellClass('x'.repeat(COLUMN_FIT.service), COLUMN_FIT.service, 'num')).toBe('cell fits num');
    expect(cellClass('x'.repeat(COLUMN_FIT.service + 1), COLUMN_FIT.service)).toBe('cell');
    expect(cellClass('2001:db8::1:2:3:4', COLUMN_FIT.localAddress, 'host')).toBe('cell host');
  });

  it('counts a character outside ASCII as two, so wide glyphs are clipped too', () => {
    // 6 CJK characters are about 12 Latin ones wide: more than the Service column's 11.
    expect(cellClass('数据库服务器', COLUMN_FIT.service)).toBe('cell');
    expect(cellClass('数据库服务', COLUMN_FIT.service)).toBe('cell fits');
    expect(cellClass('≥ 10d 03h', COLUMN_FIT.age)).toBe('cell');
    expect(cellClass('≥ 4d 03h', COLUMN_FIT.age)).toBe('cell fits');
    expect(cellClass('≥ 5s', COLUMN_FIT.age)).toBe('cell fits');
  });

  it('clips a cell whose column gives no bound', () => {
    expect(cellClass('a', undefined)).toBe('cell');
  });
});
