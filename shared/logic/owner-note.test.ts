// The hidden-owner note says what is true for who runs netinspect, with the right number.
import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/translate';
import { hiddenOwnersNote } from './owner-note';

const say = (elevated: boolean, n: number, lang: 'en' | 'zh-CN' = 'en') => {
  const note = hiddenOwnersNote(elevated, n);
  return note ? translate(lang, note.key, note.params) : null;
};

describe('hiddenOwnersNote', () => {
  it('says nothing when every owner was found', () => {
    expect(hiddenOwnersNote(false, 0)).toBeNull();
    expect(hiddenOwnersNote(true, 0)).toBeNull();
  });

  it('unelevated: the owners are hidden, run as root / Show all owners', () => {
    expect(say(false, 3)).toMatch(/^Owners of 3 sockets are hidden: netinspect runs without administrator rights; run/);
    expect(say(false, 3)).toContain('Show all owners');
    expect(say(false, 1)).toMatch(/^The owner of 1 socket is hidden:/);
  });

  it('elevated: never tells root to run as root; names other PID namespaces and ownerless sockets', () => {
    for (const n of [1, 7]) {
      const text = say(true, n) ?? '';
      expect(text).not.toMatch(/run (it |netinspect )?as root/);
      expect(text).toMatch(/even with administrator rights/);
      expect(text).toContain('another PID namespace');
      expect(text).toMatch(/no process/);
    }
    expect(say(true, 1)).toMatch(/^The owner of 1 socket could not be seen/);
    expect(say(true, 7)).toMatch(/^Owners of 7 sockets could not be seen/);
  });

  it('has a message in Chinese for each case', () => {
    for (const [e, n] of [
      [false, 1],
      [false, 2],
      [true, 1],
      [true, 2],
    ] as const) {
      expect(say(e, n, 'zh-CN')).toContain(String(n));
      expect(say(e, n, 'zh-CN')).not.toBe(say(e, n, 'en'));
    }
  });
});
