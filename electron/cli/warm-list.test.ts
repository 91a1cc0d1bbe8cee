// The launcher's fast path for `list`: which arguments it answers from a running netinspect, and which it leaves
// to the whole command (help, errors, and everything only this process can do).
import { describe, expect, it } from 'vitest';
import { tableListRequest, warmListFlags } from './warm-list';

describe('warmListFlags', () => {
  it('takes the flags a running table answers, spelled either way, the last one counting', () => {
    expect(warmListFlags([])).toEqual({});
    expect(warmListFlags(['--json', '--port', '80', '--state=LISTEN,ESTAB'])).toEqual({
      json: true,
      port: '80',
      state: 'LISTEN,ESTAB',
    });
    expect(warmListFlags(['--csv', '--proto', 'tcp', '--port-range=1-1024', '--pid', '7', '--pid', '8'])).toEqual({
      csv: true,
      proto: 'tcp',
      portRange: '1-1024',
      pid: '8',
    });
    // A bad value is passed on: the service parses it with the command's rules, declines, and the command says why.
    expect(warmListFlags(['--port', 'abc'])).toEqual({ port: 'abc' });
  });

  it('leaves everything else to the whole command', () => {
    for (const args of [
      ['--cold'],
      ['--resolve'],
      ['--at', '-10m'],
      ['--db', 'x.sqlite'],
      ['--help'],
      ['-h'],
      ['--port'],
      ['--json', '--csv'],
      ['--jsonx'],
      ['extra'],
      ['--constructor=1'],
    ])
      expect(warmListFlags(args), args.join(' ')).toBeNull();
  });

  it('asks in the language of the locale', () => {
    expect(tableListRequest({ json: true }, { LANG: 'zh_CN.UTF-8' })).toMatchObject({ lang: 'zh-CN', json: true });
    expect(tableListRequest({}, {})).toMatchObject({ lang: 'en', json: false, csv: false, op: 'list' });
  });
});
