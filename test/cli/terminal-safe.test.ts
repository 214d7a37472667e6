import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { terminalSafe } from '../../src/main/cli/terminal-safe.ts';
import { useTempDir } from '../services/temp-dir.ts';
import { cli } from './run-cli.ts';

const tempDir = useTempDir();
const ESC = '\u001b';
const BEL = '\u0007';
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('control characters from user data never reach the terminal raw (issue 8 §10)', () => {
  it('a CSV line that retitles the window and clears the screen is quoted visibly', () => {
    const dir = tempDir();
    const file = path.join(dir, 'evil.csv');
    const evil = `${ESC}]0;pwned${BEL}${ESC}[2J${ESC}[H\u0008\u009b31m`;
    fs.writeFileSync(file, `timestamp,bid,ask\n1704067200000,1.1${evil},1.2\n`);
    const r = cli(dir, ['data', 'import', file, '--symbol', 'EURUSD']);
    expect(r.code).toBe(1);
    expect(r.stderr, 'no raw control character in the error').not.toMatch(RAW_CONTROL);
    expect(r.stderr).toContain(`${file}:2: bid is not a number: "1.1\\u001b]0;pwned\\u0007`);
    expect(r.stderr).toContain('\\u001b[2J\\u001b[H\\u0008\\u009b31m"');
  });

  it('keeps tabs, newlines and ordinary Unicode; escapes C0, DEL, C1 and bidi overrides', () => {
    expect(terminalSafe('a\tb\nc é € 中')).toBe('a\tb\nc é € 中');
    expect(terminalSafe('\u0000\u007f\u0085\u202e')).toBe('\\u0000\\u007f\\u0085\\u202e');
  });

  it('leaves --json output parseable, decoding to the original text', () => {
    const json = JSON.stringify({ name: `x\u009b2J${ESC}y` });
    expect(terminalSafe(json)).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(terminalSafe(json))).toEqual({ name: `x\u009b2J${ESC}y` });
  });
});
