// Control characters made visible, so names from processes and the kernel can never drive the terminal they reach.

/**
 * C0 controls (ESC, BEL, CR, newline ...), DEL, C1 controls (0x9b is an 8-bit CSI some terminals obey) and the
 * bidirectional overrides and isolates that make text read in another order than it is stored.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is this module's purpose.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const CONTROLS_ALL = new RegExp(CONTROLS.source, 'g');
/** The same set without the newline, for whole outputs whose lines are kept. */
// eslint-disable-next-line no-control-regex -- as above.
const CONTROLS_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** What JSON.stringify leaves raw (it escapes C0 itself), plus the line separators some tools split on. */
const JSON_RAW = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same set, to test for: a test allocates nothing, where a replace copies the whole text even with no match. */
const HAS_JSON_RAW = new RegExp(JSON_RAW.source);

function visible(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * `text` with every control character written as `\xNN` (`\u202e` for bidi controls): ESC becomes the four
 * characters `\x1b`. Newlines and tabs too, so one value stays one line or one cell. Backslashes stay as they are
 * (Windows user names hold them): this is for showing text safely, not a reversible encoding.
 */
export function escapeControls(text: string): string {
  return CONTROLS.test(text) ? text.replace(CONTROLS_ALL, visible) : text;
}

/** A whole output of several lines: each line escaped as escapeControls does, the newlines between them kept. */
export function escapeTerminalText(text: string): string {
  return text.replace(CONTROLS_BUT_NEWLINE, visible);
}

/** JSON.stringify, with the characters it leaves raw (DEL, C1, bidi, U+2028/9) as `\uXXXX`: the same JSON value. */
export function jsonText(value: unknown, space?: number): string {
  // These characters only ever occur inside JSON strings, where a \u escape means the same character.
  const text = JSON.stringify(value, null, space);
  return !HAS_JSON_RAW.test(text)
    ? text
    : text.replace(JSON_RAW, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
