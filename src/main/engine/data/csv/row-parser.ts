import { POW10 } from '../pow10.ts';
import type { TickBatch } from '../tick-batch.ts';
import {
  MAX_PRICE,
  MAX_TICK_TIME_MS,
  MAX_VOLUME,
  MIN_TICK_TIME_MS,
  plausibleEpochSeconds,
  priceProblem,
  tickTimeProblem,
  volumeProblem,
} from '../tick-limits.ts';
import {
  type CsvLayout,
  ROLE_ASK,
  ROLE_ASK_VOL,
  ROLE_BID,
  ROLE_BID_VOL,
  ROLE_DROPPED_VOL,
  ROLE_PAIR,
  ROLE_TS,
  TIME_SYNTAX_TEXT,
} from './formats.ts';
import {
  COMMA,
  CR,
  cursor,
  ERR_EMPTY,
  ERR_NOT_FINITE,
  fieldEnd,
  LF,
  parseDayFirst,
  parseEpochOrIso,
  parseHistData,
  parseNumber,
  parseTrueFx,
  text,
} from './parse-fields.ts';
import { roundPrice } from './price-digits.ts';
import { TickCsvError } from './tick-csv-error.ts';

const SPACE = 32;
const TAB = 9;
// Row-level failures besides parse-fields' ERR_* codes.
const ERR_PAIR_CHANGED = 10;
const ERR_NO_OFFSET = 11;
const ERR_TRAILING = 12;

const TIME_PARSERS = {
  'epoch-or-iso': parseEpochOrIso,
  'day-first': parseDayFirst,
  histdata: parseHistData,
  truefx: parseTrueFx,
} as const;

/**
 * Turns data lines into ticks in `batch`, validating each as it goes. Lines are parsed straight
 * from the file's bytes; a line must be complete (end in '\n') in the buffer handed to run().
 */
export class RowParser {
  readonly batch: TickBatch;
  /** The 1-based number of the next line to parse. */
  lineNo: number;
  /** Data rows parsed so far. */
  rows = 0;
  readonly #file: string;
  readonly #layout: CsvLayout;
  readonly #roles: Int32Array;
  readonly #parseTime: (buf: Uint8Array, p: number) => number;
  readonly #offsetRequired: boolean;
  /** 10^digits, or 0 to keep prices as written and skip price checks (the digit-inference pass). */
  readonly #scale: number;
  #prevTs = -Infinity;
  #pendingBlank = 0;
  #pair: Uint8Array | null = null;

  constructor(
    file: string,
    layout: CsvLayout,
    digits: number | null,
    batch: TickBatch,
    firstLine: number,
  ) {
    this.#file = file;
    this.#layout = layout;
    this.#roles = Int32Array.from(layout.roles);
    this.#parseTime = TIME_PARSERS[layout.time];
    this.#offsetRequired = layout.offsetRequired;
    this.#scale = digits === null ? 0 : POW10[digits];
    this.batch = batch;
    this.lineNo = firstLine;
  }

  get full(): boolean {
    return this.batch.length >= this.batch.ts.length;
  }

  /** Parses whole lines of buf[p, end) until `end` or a full batch; returns where it stopped. */
  run(buf: Uint8Array, p: number, end: number): number {
    const b = this.batch;
    const cap = b.ts.length;
    while (p < end && b.length < cap) p = this.#line(buf, p);
    return p;
  }

  /**
   * At end of file. A blank line still pending here is the file's last line, which is allowed
   * (a second blank line, or a row after one, has already thrown). No data rows is an error.
   */
  finish(): void {
    if (this.rows === 0) throw this.error(1, 'empty file: no data rows');
  }

  error(line: number, reason: string): TickCsvError {
    return new TickCsvError(this.#file, line, reason);
  }

  #line(buf: Uint8Array, p: number): number {
    const c0 = buf[p];
    if (c0 === LF || c0 === CR || c0 === SPACE || c0 === TAB) {
      const q = blankLineEnd(buf, p);
      if (q >= 0) {
        if (this.#pendingBlank !== 0) throw this.error(this.#pendingBlank, 'blank line');
        this.#pendingBlank = this.lineNo++;
        return q;
      }
    }
    if (this.#pendingBlank !== 0) throw this.error(this.#pendingBlank, 'blank line');

    const roles = this.#roles;
    let ts = NaN;
    let bid = NaN;
    let ask = NaN;
    let bidVol = NaN;
    let askVol = NaN;
    let q = p;
    for (let c = 0; c < roles.length; c++) {
      if (c > 0) {
        if (buf[q] !== COMMA) throw this.#rowError(buf, p, c, ERR_TRAILING);
        q++;
      }
      let v: number;
      switch (roles[c]) {
        case ROLE_TS:
          v = ts = this.#parseTime(buf, q);
          if (this.#offsetRequired && !cursor.hadOffset && v === v) v = fail(ERR_NO_OFFSET);
          break;
        case ROLE_BID:
          v = bid = parseNumber(buf, q);
          break;
        case ROLE_ASK:
          v = ask = parseNumber(buf, q);
          break;
        case ROLE_BID_VOL:
          v = bidVol = parseNumber(buf, q);
          break;
        case ROLE_ASK_VOL:
          v = askVol = parseNumber(buf, q);
          break;
        case ROLE_DROPPED_VOL:
          v = parseNumber(buf, q);
          if (v < 0) throw this.#rowError(buf, p, c, 0);
          break;
        default:
          v = this.#checkPair(buf, q);
      }
      // An empty volume field is a missing volume (NaN); every other failure is an error.
      if (
        v !== v &&
        !(cursor.err === ERR_EMPTY && roles[c] >= ROLE_BID_VOL && roles[c] <= ROLE_DROPPED_VOL)
      ) {
        throw this.#rowError(buf, p, c, cursor.err);
      }
      q = cursor.pos;
    }
    if (buf[q] === CR) q++;
    if (buf[q] !== LF) throw this.#rowError(buf, p, roles.length, ERR_TRAILING);
    if (!(ts >= MIN_TICK_TIME_MS && ts <= MAX_TICK_TIME_MS)) throw this.#timeRangeError(buf, p, ts);

    if (this.#scale !== 0) {
      // The ceiling is checked on the values as written: rounding 1e308 would only say "Infinity".
      if (bid > MAX_PRICE) throw this.#valueError(ROLE_BID, priceProblem(bid)!);
      if (ask > MAX_PRICE) throw this.#valueError(ROLE_ASK, priceProblem(ask)!);
      bid = roundPrice(bid, this.#scale);
      ask = roundPrice(ask, this.#scale);
      if (!(bid > 0)) throw this.#valueError(ROLE_BID, priceProblem(bid)!);
      if (!(ask > 0)) throw this.#valueError(ROLE_ASK, priceProblem(ask)!);
      if (bid > ask) throw this.error(this.lineNo, `bid ${bid} > ask ${ask}`);
    }
    if (ts < this.#prevTs) {
      throw this.error(
        this.lineNo,
        `timestamp goes backwards: ${new Date(ts).toISOString()} after ${new Date(this.#prevTs).toISOString()}`,
      );
    }
    if (bidVol < 0 || bidVol > MAX_VOLUME)
      throw this.#valueError(ROLE_BID_VOL, volumeProblem(bidVol)!);
    if (askVol < 0 || askVol > MAX_VOLUME)
      throw this.#valueError(ROLE_ASK_VOL, volumeProblem(askVol)!);

    const b = this.batch;
    const i = b.length;
    b.ts[i] = ts;
    b.bid[i] = bid;
    b.ask[i] = ask;
    if (b.bidVol !== null) {
      b.bidVol[i] = bidVol;
      b.askVol![i] = askVol;
    }
    b.length = i + 1;
    this.#prevTs = ts;
    this.rows++;
    this.lineNo++;
    return q + 1;
  }

  /** A time outside the supported range, quoting the field as written. */
  #timeRangeError(buf: Uint8Array, lineStart: number, ts: number): TickCsvError {
    const col = this.#layout.roles.indexOf(ROLE_TS);
    let start = lineStart;
    for (let c = 0; c < col; c++) start = buf.indexOf(COMMA, start) + 1;
    const field = text(buf, start, fieldEnd(buf, start));
    let reason = `${this.#layout.names[col]} "${field}" ${tickTimeProblem(ts)}`;
    if (this.#layout.time === 'epoch-or-iso' && /^\d+$/.test(field) && plausibleEpochSeconds(ts))
      reason += ': seconds, not milliseconds?';
    return this.error(this.lineNo, reason);
  }

  #checkPair(buf: Uint8Array, p: number): number {
    const end = fieldEnd(buf, p);
    cursor.pos = end;
    if (end === p) return fail(ERR_EMPTY);
    const pair = this.#pair;
    if (pair === null) {
      this.#pair = buf.slice(p, end);
      return 0;
    }
    if (end - p !== pair.length) return fail(ERR_PAIR_CHANGED);
    for (let i = 0; i < pair.length; i++) if (buf[p + i] !== pair[i]) return fail(ERR_PAIR_CHANGED);
    return 0;
  }

  #valueError(role: number, what: string): TickCsvError {
    return this.error(
      this.lineNo,
      `${this.#layout.names[this.#layout.roles.indexOf(role)]} ${what}`,
    );
  }

  /** The reason a line failed: a wrong field count first, else what is wrong with field `col`. */
  #rowError(buf: Uint8Array, lineStart: number, col: number, err: number): TickCsvError {
    const lineEnd = buf.indexOf(LF, lineStart);
    let fields = 1;
    for (let i = lineStart; i < lineEnd; i++) if (buf[i] === COMMA) fields++;
    const want = this.#roles.length;
    if (fields !== want) return this.error(this.lineNo, `expected ${want} fields, got ${fields}`);
    // With the right count, a field can only have ended early at a '\r' that ends no line.
    if (err === ERR_TRAILING)
      return this.error(this.lineNo, 'stray carriage return inside the line');
    let start = lineStart;
    for (let c = 0; c < col; c++) start = buf.indexOf(COMMA, start) + 1;
    const field = text(buf, start, fieldEnd(buf, start));
    const name = this.#layout.names[col];
    const role = this.#roles[col];
    if (role === ROLE_TS) {
      if (err === ERR_NO_OFFSET)
        return this.error(this.lineNo, `${name} "${field}" has no GMT offset`);
      return this.error(
        this.lineNo,
        `unparseable ${name} "${field}" (expected ${TIME_SYNTAX_TEXT[this.#layout.time]})`,
      );
    }
    if (role === ROLE_PAIR) {
      if (err === ERR_EMPTY) return this.error(this.lineNo, `${name} is empty`);
      return this.error(
        this.lineNo,
        `${name} changed from "${text(this.#pair!, 0, this.#pair!.length)}" to "${field}"`,
      );
    }
    if (err === ERR_EMPTY) return this.error(this.lineNo, `${name} is empty`);
    if (err === ERR_NOT_FINITE)
      return this.error(this.lineNo, `${name} is not a finite number: "${field}"`);
    if (err === 0) return this.error(this.lineNo, `${name} must be >= 0, got ${field}`);
    return this.error(this.lineNo, `${name} is not a number: "${field}"`);
  }
}

function fail(err: number): number {
  cursor.err = err;
  return NaN;
}

/** If the line at p holds only spaces, tabs and '\r', the index after its '\n'; else -1. */
function blankLineEnd(buf: Uint8Array, p: number): number {
  for (;;) {
    const c = buf[p++];
    if (c === LF) return p;
    if (c !== CR && c !== SPACE && c !== TAB) return -1;
  }
}
