/**
 * Byte-level parsers for one CSV field: numbers and the vendors' timestamp syntaxes. They read
 * ASCII bytes straight from the file's chunk, allocate nothing on the fast path, and report the
 * field's end through `cursor` (a field ends at ',', '\r' or '\n'; the caller checks which).
 *
 * Every parser returns NaN when the field is malformed and then sets `cursor.err`.
 */

import { POW10 } from '../pow10.ts';

export const LF = 10;
export const CR = 13;
export const COMMA = 44;
const DOT = 46;
const MINUS = 45;
const PLUS = 43;
const SPACE = 32;
const COLON = 58;

/** Where the last parsed field ended, and why it failed when it returned NaN. */
export const cursor = { pos: 0, err: 0, hadOffset: false };
export const ERR_SYNTAX = 1;
export const ERR_NOT_FINITE = 2;
export const ERR_EMPTY = 3;

const DAY_MS = 86_400_000;
const NUMBER_SYNTAX = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NOT_FINITE = /^[+-]?(nan|inf|infinity)$/i;
const utf8 = new TextDecoder();

function isDelimiter(c: number): boolean {
  return c === COMMA || c === LF || c === CR;
}

/** Index of the field's end (the next ',', '\r' or '\n'), or buf.length. */
export function fieldEnd(buf: Uint8Array, p: number): number {
  while (p < buf.length && !isDelimiter(buf[p])) p++;
  return p;
}

export function text(buf: Uint8Array, start: number, end: number): string {
  return utf8.decode(buf.subarray(start, end));
}

/**
 * A decimal number. Up to 15 significant digits it is computed as mantissa / 10^fractionDigits:
 * both are exact doubles, so the correctly rounded quotient is exactly what Number() would give.
 * Anything else (more digits, exponents, '+') goes through Number() after a strict syntax check.
 */
export function parseNumber(buf: Uint8Array, p: number): number {
  const start = p;
  let c = buf[p];
  const neg = c === MINUS;
  if (neg) c = buf[++p];
  let mant = 0;
  let digits = 0;
  let frac = 0;
  while (c >= 48 && c <= 57) {
    mant = mant * 10 + (c - 48);
    digits++;
    c = buf[++p];
  }
  if (c === DOT) {
    c = buf[++p];
    while (c >= 48 && c <= 57) {
      mant = mant * 10 + (c - 48);
      digits++;
      frac++;
      c = buf[++p];
    }
  }
  if (digits > 0 && digits <= 15 && (p >= buf.length || isDelimiter(c))) {
    cursor.pos = p;
    const v = mant / POW10[frac];
    return neg ? -v : v;
  }
  return parseNumberSlow(buf, start);
}

function parseNumberSlow(buf: Uint8Array, start: number): number {
  const end = fieldEnd(buf, start);
  cursor.pos = end;
  if (end === start) return fail(ERR_EMPTY);
  const s = text(buf, start, end);
  if (NUMBER_SYNTAX.test(s)) {
    const v = Number(s);
    return Number.isFinite(v) ? v : fail(ERR_NOT_FINITE);
  }
  return fail(NOT_FINITE.test(s) ? ERR_NOT_FINITE : ERR_SYNTAX);
}

function fail(err: number): number {
  cursor.err = err;
  return NaN;
}

/** `n` decimal digits at p as an integer, or -1 if any is not a digit. */
function digitsAt(buf: Uint8Array, p: number, n: number): number {
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = buf[p + i];
    if (c < 48 || c > 57 || p + i >= buf.length) return -1;
    v = v * 10 + (c - 48);
  }
  return v;
}

/** Days from 1970-01-01 to y-m-d (proleptic Gregorian; Howard Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Epoch ms of a wall-clock time, or NaN when a part is out of range. */
function epochMs(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
): number {
  if (
    y < 0 ||
    mo < 1 ||
    mo > 12 ||
    d < 1 ||
    d > daysInMonth(y, mo) ||
    h < 0 ||
    h > 23 ||
    mi < 0 ||
    mi > 59
  ) {
    return NaN;
  }
  if (s < 0 || s > 59 || ms < 0) return NaN;
  return daysFromCivil(y, mo, d) * DAY_MS + ((h * 60 + mi) * 60 + s) * 1000 + ms;
}

/**
 * Where each part of a wall-clock time sits, as offsets from the field's start: year (4 digits),
 * month, day, hour, minute, second (2 digits each).
 */
const ISO_AT = [0, 5, 8, 11, 14, 17]; // 2024-01-02T03:04:05
const DAY_FIRST_AT = [6, 3, 0, 11, 14, 17]; // 02.01.2024 03:04:05
const HISTDATA_AT = [0, 4, 6, 9, 11, 13]; // 20240102 030405
const TRUEFX_AT = [0, 4, 6, 9, 12, 15]; // 20240102 03:04:05

/** Epoch ms (as if UTC) of the wall-clock digits laid out as `at` says, or NaN. */
function wallClock(buf: Uint8Array, p: number, at: readonly number[], ms: number): number {
  return epochMs(
    digitsAt(buf, p + at[0], 4),
    digitsAt(buf, p + at[1], 2),
    digitsAt(buf, p + at[2], 2),
    digitsAt(buf, p + at[3], 2),
    digitsAt(buf, p + at[4], 2),
    digitsAt(buf, p + at[5], 2),
    ms,
  );
}

/** Milliseconds from an optional fraction `.f…` (1–9 digits, truncated to ms) at p; sets cursor.pos. */
function fractionMs(buf: Uint8Array, p: number, sep: number): number {
  cursor.pos = p;
  if (buf[p] !== sep) return 0;
  let ms = 0;
  let n = 0;
  p++;
  while (p < buf.length && buf[p] >= 48 && buf[p] <= 57) {
    if (n < 3) ms = ms * 10 + (buf[p] - 48);
    n++;
    p++;
  }
  if (n === 0 || n > 9) return -1;
  for (let k = n; k < 3; k++) ms *= 10;
  cursor.pos = p;
  return ms;
}

/**
 * A UTC offset at p in minutes east of UTC: `Z`, `±HH`, `±HHMM` or `±HH:MM`; sets cursor.pos.
 * Returns NaN if malformed.
 */
function offsetMinutes(buf: Uint8Array, p: number): number {
  const c = buf[p];
  if (c === 90 || c === 122) {
    cursor.pos = p + 1;
    return 0;
  }
  if (c !== PLUS && c !== MINUS) return NaN;
  const sign = c === MINUS ? -1 : 1;
  const h = digitsAt(buf, p + 1, 2);
  let m = 0;
  let q = p + 3;
  if (buf[q] === COLON) {
    m = digitsAt(buf, q + 1, 2);
    q += 3;
  } else if (q < buf.length && buf[q] >= 48 && buf[q] <= 57) {
    m = digitsAt(buf, q, 2);
    q += 2;
  }
  if (h < 0 || h > 23 || m < 0 || m > 59) return NaN;
  cursor.pos = q;
  return sign * (h * 60 + m);
}

function done(buf: Uint8Array, ms: number): number {
  const p = cursor.pos;
  if (Number.isNaN(ms) || (p < buf.length && !isDelimiter(buf[p]))) return fail(ERR_SYNTAX);
  return ms;
}

/** Epoch milliseconds written as an integer, or ISO-8601 (UTC unless it carries an offset). */
export function parseEpochOrIso(buf: Uint8Array, p: number): number {
  if (buf[p + 4] === MINUS) return parseIso(buf, p);
  let v = 0;
  let n = 0;
  let c = buf[p];
  while (c >= 48 && c <= 57 && n < 16) {
    v = v * 10 + (c - 48);
    n++;
    c = buf[p + n];
  }
  cursor.pos = p + n;
  // The range (and the seconds-for-milliseconds hint) is checked by the row, as for every syntax.
  return done(buf, n === 0 ? NaN : v);
}

/** `YYYY-MM-DD[T ]HH:MM:SS[.fff][Z|±HH:MM|±HHMM]`; no offset means UTC. */
function parseIso(buf: Uint8Array, p: number): number {
  const sepT = buf[p + 10];
  if (buf[p + 7] !== MINUS || (sepT !== 84 && sepT !== 116 && sepT !== SPACE))
    return fail(ERR_SYNTAX);
  if (buf[p + 13] !== COLON || buf[p + 16] !== COLON) return fail(ERR_SYNTAX);
  const ms = fractionMs(buf, p + 19, DOT);
  let t = wallClock(buf, p, ISO_AT, ms);
  const q = cursor.pos;
  if (q < buf.length && !isDelimiter(buf[q])) t -= offsetMinutes(buf, q) * 60_000;
  return done(buf, t);
}

/**
 * Dukascopy export: `dd.MM.yyyy HH:mm:ss.SSS` (day first), optionally followed by ` GMT+hhmm`,
 * which is applied. cursor.hadOffset tells whether the row carried one.
 */
export function parseDayFirst(buf: Uint8Array, p: number): number {
  cursor.hadOffset = false;
  if (buf[p + 2] !== DOT || buf[p + 5] !== DOT || buf[p + 10] !== SPACE) return fail(ERR_SYNTAX);
  if (buf[p + 13] !== COLON || buf[p + 16] !== COLON) return fail(ERR_SYNTAX);
  const ms = fractionMs(buf, p + 19, DOT);
  let t = wallClock(buf, p, DAY_FIRST_AT, ms);
  const q = cursor.pos;
  if (buf[q] === SPACE && buf[q + 1] === 71 && buf[q + 2] === 77 && buf[q + 3] === 84) {
    t -= offsetMinutes(buf, q + 4) * 60_000; // "GMT"
    cursor.hadOffset = true;
  }
  return done(buf, t);
}

/** HistData ticks: `YYYYMMDD HHMMSSNNN` (or `HHMMSS`) in EST, a fixed UTC−5 all year. */
export function parseHistData(buf: Uint8Array, p: number): number {
  if (buf[p + 8] !== SPACE) return fail(ERR_SYNTAX);
  const withMs = p + 18 <= buf.length && !isDelimiter(buf[p + 15]);
  const ms = withMs ? digitsAt(buf, p + 15, 3) : 0;
  cursor.pos = p + (withMs ? 18 : 15);
  const t = wallClock(buf, p, HISTDATA_AT, ms);
  return done(buf, t + 5 * 3_600_000);
}

/** TrueFX: `YYYYMMDD HH:MM:SS[.mmm]`, UTC. */
export function parseTrueFx(buf: Uint8Array, p: number): number {
  if (buf[p + 8] !== SPACE || buf[p + 11] !== COLON || buf[p + 14] !== COLON)
    return fail(ERR_SYNTAX);
  const ms = fractionMs(buf, p + 17, DOT);
  const t = wallClock(buf, p, TRUEFX_AT, ms);
  return done(buf, t);
}
