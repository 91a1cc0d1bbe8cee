import { describe, expect, it } from 'vitest';
import { parseHostsFile } from './hosts-file';

describe('parseHostsFile', () => {
  it('maps each address to its first name, skipping comments, blanks and junk', () => {
    const m = parseHostsFile(
      [
        '# comment',
        '127.0.0.1\tlocalhost localhost.localdomain',
        '',
        '::1     ip6-localhost ip6-loopback  # trailing',
        '127.0.0.1 shadowed',
        'fe80:0:0::1 link',
        'garbage-line',
        '10.0.0.5',
      ].join('\r\n'),
    );
    expect([...m]).toEqual([
      ['127.0.0.1', 'localhost'],
      ['::1', 'ip6-localhost'],
      ['fe80::1', 'link'],
    ]);
  });
});
