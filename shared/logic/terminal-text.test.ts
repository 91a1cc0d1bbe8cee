// Control characters made visible: C0, DEL, C1 and bidi controls, in cells, whole outputs and JSON.
import { describe, expect, it } from 'vitest';
import { escapeControls, escapeTerminalText, jsonText } from './terminal-text';

describe('escapeControls', () => {
  it('shows a name that would clear the screen and retitle the terminal as visible text', () => {
    expect(escapeControls('\x1b[2J\x1b]0;PWN\x07')).toBe('\\x1b[2J\\x1b]0;PWN\\x07');
  });

  it('escapes every C0 control, DEL and every C1 control, newline and tab included', () => {
    for (let c = 0; c < 0x20; c++) expect(escapeControls(String.fromCharCode(c))).toMatch(/^\\x[0-9a-f]{2}$/);
    expect(escapeControls('a\x7fb')).toBe('a\\x7fb');
    // 0x9b is CSI in 8-bit form: some terminals act on it as they do on ESC [.
    expect(escapeControls('\u009b2J')).toBe('\\x9b2J');
    expect(escapeControls('\u0085')).toBe('\\x85');
    expect(escapeControls('one\ntwo\tthree\r')).toBe('one\\x0atwo\\x09three\\x0d');
  });

  it('escapes the bidirectional overrides that make text read in another order than it is', () => {
    expect(escapeControls('evil\u202etxt.exe')).toBe('evil\\u202etxt.exe');
    expect(escapeControls('\u2066x\u2069')).toBe('\\u2066x\\u2069');
  });

  it('leaves printable text alone, non-ASCII and backslashes included', () => {
    for (const s of ['nginx', 'NT AUTHORITY\\SYSTEM', '浏览器', 'café', '[::1]:443', '']) {
      expect(escapeControls(s)).toBe(s);
    }
  });
});

describe('escapeTerminalText', () => {
  it('keeps the line structure of a whole output and escapes everything else', () => {
    expect(escapeTerminalText('a\x1b[2J\nb\x07\n')).toBe('a\\x1b[2J\nb\\x07\n');
    expect(escapeTerminalText('a\r\nb')).toBe('a\\x0d\nb');
  });
});

describe('jsonText', () => {
  it('is JSON of the same value with DEL, C1 and bidi controls written as \\u escapes', () => {
    const value = { name: 'x\u009b2J\x7f\u202e\x1b', n: -1 };
    const text = jsonText(value);
    // eslint-disable-next-line no-control-regex -- the test looks for raw control characters.
    expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(text).toContain('\\u009b');
    expect(JSON.parse(text)).toEqual(value);
  });
});
