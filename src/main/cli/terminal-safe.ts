/**
 * Text from user data (a CSV line quoted in an error, a file name, a strategy's error message)
 * must not drive the terminal: a raw ESC starts a control sequence that can retitle the window,
 * clear the screen or rewrite what was printed before; a raw CR overwrites the line. Every
 * control character except tab and newline — C0, DEL, C1 (which some terminals obey as 8-bit
 * escapes) and the bidirectional overrides that reorder what is shown — is printed as a visible
 * `\u00XX` escape instead. That form is also a valid JSON string escape, so `--json` output stays
 * parseable and decodes to the original text.
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}
