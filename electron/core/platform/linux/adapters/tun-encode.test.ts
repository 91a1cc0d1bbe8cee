import { describe, expect, it } from 'vitest';
import { createFlags, decodeIfreqName, encodeIfreq, parseTunSysfs, reattachFlags } from './tun-encode';
import { fdinfoInterface } from './tun-holders';
import { parseIdTable, resolveId } from './user-db';
import { classifyLink } from './link-kind';
import type { LinkRecord } from './rtnetlink-decode';

describe('TUN/TAP ioctl encoding (linux/if_tun.h)', () => {
  it('lays out ifreq: NUL-terminated name in 16 bytes, host-order short flags at 16, 40 bytes', () => {
    const b = encodeIfreq('tap0', createFlags('tap'));
    expect(b.length).toBe(40);
    expect(Array.from(b.subarray(0, 5))).toEqual([0x74, 0x61, 0x70, 0x30, 0]);
    expect(new DataView(b.buffer).getUint16(16, true)).toBe(0x9002); // IFF_TAP | IFF_NO_PI | IFF_TUN_EXCL
    expect(decodeIfreqName(b)).toBe('tap0');
    expect(createFlags('tun')).toBe(0x9001);
  });
  it('refuses names the kernel would cut', () => {
    expect(() => encodeIfreq('a234567890123456', 1)).toThrow(RangeError);
    expect(() => encodeIfreq('', 1)).toThrow(RangeError);
  });
  it('reattaches with the mode and feature bits, never EXCL or PERSIST', () => {
    expect(reattachFlags(0x1802)).toBe(0x1002);
    expect(reattachFlags(0x0901)).toBe(0x0101);
  });
  it('reads sysfs tun_flags, owner and group', () => {
    expect(parseTunSysfs('0x1802\n', '65534\n', '-1\n')).toEqual({
      mode: 'tap',
      persist: true,
      flags: 0x1802,
      owner: 65534,
      group: null,
    });
    expect(parseTunSysfs('0x1001', '-1', '100')?.mode).toBe('tun');
    expect(parseTunSysfs('garbage', '-1', '-1')).toBeNull();
  });
});

describe('holders, users, kinds', () => {
  it('finds the interface of a /dev/net/tun fdinfo', () => {
    expect(fdinfoInterface('pos:\t0\nflags:\t02\nmnt_id:\t25\nino:\t1\niff:\ttap0\n')).toBe('tap0');
    expect(fdinfoInterface('pos:\t0\nflags:\t02\n')).toBeNull();
  });
  it('maps names and ids both ways, first entry winning', () => {
    const t = parseIdTable(
      'root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534::/:/bin/false\nbad line\ntoor:x:0:0::/:\n',
    );
    expect(resolveId(t, 'nobody')).toBe(65534);
    expect(resolveId(t, '1234')).toBe(1234);
    expect(resolveId(t, 'ghost')).toBeNull();
    expect(t.byId.get(0)).toBe('root');
  });
  it('classifies links', () => {
    const link = (over: Partial<LinkRecord>): LinkRecord => ({
      index: 1,
      name: 'x',
      linkType: 1,
      flags: 0,
      mac: null,
      mtu: 1500,
      operState: 'up',
      infoKind: null,
      rxBytes: 0,
      txBytes: 0,
      ...over,
    });
    const tap = { mode: 'tap' as const, persist: true, flags: 0x1802, owner: null, group: null };
    expect(classifyLink(link({ flags: 0x8, linkType: 772 }), null, false)).toBe('loopback');
    expect(classifyLink(link({ infoKind: 'tun' }), tap, false)).toBe('tap');
    expect(classifyLink(link({ infoKind: 'veth' }), null, false)).toBe('veth');
    expect(classifyLink(link({ infoKind: 'bridge' }), null, false)).toBe('bridge');
    expect(classifyLink(link({ infoKind: 'ifb' }), null, false)).toBe('virtual');
    expect(classifyLink(link({}), null, true)).toBe('physical');
    expect(classifyLink(link({}), null, false)).toBe('other');
  });
});
