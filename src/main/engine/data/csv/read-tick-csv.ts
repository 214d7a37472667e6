import { allocTickBatch, type TickBatch } from '../tick-batch.ts';
import { openFileChunks, type FileChunks } from './file-chunks.ts';
import {
  type CsvLayout,
  detectTickFormat,
  EXPECTED_HEADER,
  fixedLayout,
  hasHeader,
  headerLayout,
  looksLikeHeader,
  splitFields,
  type TickFormat,
} from './formats.ts';
import { LF, text } from './parse-fields.ts';
import { inferPriceDigits } from './price-digits.ts';
import { RowParser } from './row-parser.ts';
import { TickCsvError } from './tick-csv-error.ts';

export interface ReadTickCsvOptions {
  format?: 'auto' | TickFormat;
  /** Ticks per yielded batch (default 65536); the last batch may be shorter. */
  batchSize?: number;
  /**
   * Decimals every price is rounded to (`Math.round(p * 10**d) / 10**d`), which removes float
   * noise such as `1.1370200000000001`. When not given it is inferred from the first 1000 data
   * rows: see price-digits.ts.
   */
  digits?: number;
  /** Called after each chunk of the file is parsed, with the bytes consumed so far. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

const CHUNK_BYTES = 1 << 20;
const INFER_ROWS = 1000;
/** The head must hold the header and the rows the digits are inferred from. */
const HEAD_LINES = INFER_ROWS + 2;
const HEAD_MAX_BYTES = 8 << 20;
const MAX_LINE_BYTES = 1 << 20;

/**
 * Streams a tick CSV file as batches of ticks in file order, validating every row. Memory stays
 * bounded by one chunk and one batch whatever the file's size. The yielded batch object is reused
 * for the next batch: copy what you keep. A malformed row throws a TickCsvError naming its line,
 * after the batches before it have been yielded, so importers should write transactionally.
 */
export async function* readTickCsv(
  file: string,
  opts: ReadTickCsvOptions = {},
): AsyncGenerator<TickBatch> {
  const batchSize = checkOptions(opts);
  const src = await openFileChunks(file, CHUNK_BYTES);
  try {
    const { head, eof } = await readHead(src);
    const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
    const line1End = head.indexOf(LF, bom);
    if (line1End < 0 && !eof)
      throw new TickCsvError(file, 1, `line longer than ${HEAD_MAX_BYTES} bytes`);
    const line1 = text(head, bom, line1End < 0 ? head.length : line1End).replace(/\r$/, '');
    if (line1.trim() === '') {
      const onlyBlank = eof && text(head, bom, head.length).trim() === '';
      throw new TickCsvError(file, 1, onlyBlank ? 'empty file: no data rows' : 'blank line');
    }
    const layout = resolveLayout(file, opts.format ?? 'auto', line1);
    const dataStart = layout.hasHeader ? (line1End < 0 ? head.length : line1End + 1) : bom;
    const firstLine = layout.hasHeader ? 2 : 1;
    const digits = opts.digits ?? inferDigits(file, layout, head, eof, dataStart, firstLine);
    const parser = new RowParser(
      file,
      layout,
      digits,
      allocTickBatch(batchSize, layout.hasVolumes),
      firstLine,
    );

    // Lines are parsed where they lie in each chunk; only a line cut by a chunk boundary is copied.
    let chunk: Uint8Array | null = head;
    let pos = dataStart;
    let carry: Uint8Array | null = null;
    let bytesRead = head.length;
    while (chunk !== null) {
      if (carry !== null) {
        const nl = chunk.indexOf(LF);
        const line: Uint8Array = concat([carry, nl < 0 ? chunk : chunk.subarray(0, nl + 1)]);
        carry = null;
        if (nl < 0) {
          if (line.length > MAX_LINE_BYTES)
            throw parser.error(parser.lineNo, `line longer than ${MAX_LINE_BYTES} bytes`);
          carry = line;
          pos = chunk.length;
        } else {
          yield* parseLines(parser, line, 0, line.length);
          pos = nl + 1;
        }
      }
      const last = chunk.lastIndexOf(LF);
      if (pos <= last) {
        yield* parseLines(parser, chunk, pos, last + 1);
        pos = last + 1;
      }
      if (pos < chunk.length) carry = chunk.slice(pos);
      opts.onProgress?.(bytesRead, src.size);
      chunk = await src.next();
      pos = 0;
      if (chunk !== null) bytesRead += chunk.length;
      else if (carry !== null) chunk = FINAL_NEWLINE; // the last line has no newline: end it
    }
    parser.finish();
    if (parser.batch.length > 0) yield parser.batch;
  } finally {
    src.close();
  }
}

const FINAL_NEWLINE = Uint8Array.of(LF);

/** Parses the whole lines in buf[pos, end), yielding each batch as it fills. */
function* parseLines(
  parser: RowParser,
  buf: Uint8Array,
  pos: number,
  end: number,
): Generator<TickBatch> {
  while (pos < end) {
    pos = parser.run(buf, pos, end);
    if (parser.full) {
      yield parser.batch;
      parser.batch.length = 0; // the consumer is done with it once it asks for more
    }
  }
}

const FORMATS: readonly string[] = ['auto', 'generic', 'dukascopy', 'histdata', 'truefx'];

/** Validates the options (callers over IPC are not type-checked); returns the batch size. */
function checkOptions(opts: ReadTickCsvOptions): number {
  const batchSize = opts.batchSize ?? 65_536;
  if (opts.format !== undefined && !FORMATS.includes(opts.format)) {
    throw new RangeError(`format must be one of ${FORMATS.join(', ')}, got ${String(opts.format)}`);
  }
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  }
  const d = opts.digits;
  if (d !== undefined && !(Number.isInteger(d) && d >= 0 && d <= 15)) {
    throw new RangeError(`digits must be an integer in 0..15, got ${d}`);
  }
  return batchSize;
}

function resolveLayout(file: string, format: 'auto' | TickFormat, line1: string): CsvLayout {
  const fields = splitFields(line1);
  const headerLike = looksLikeHeader(fields);
  let fmt: TickFormat;
  try {
    fmt = format === 'auto' ? detectTickFormat([line1]) : format;
    if (hasHeader(fmt)) {
      if (!headerLike)
        throw new Error(`missing header: ${fmt} files start with ${EXPECTED_HEADER[fmt]}`);
      return headerLayout(fmt as 'generic' | 'dukascopy', fields);
    }
  } catch (e) {
    throw new TickCsvError(file, 1, (e as Error).message);
  }
  if (headerLike)
    throw new TickCsvError(
      file,
      1,
      `unexpected header line "${line1}": ${fmt} files have no header`,
    );
  return fixedLayout(fmt as 'histdata' | 'truefx');
}

/** Digits from the head's first data rows; a malformed row just ends the sample (the main pass reports it). */
function inferDigits(
  file: string,
  layout: CsvLayout,
  head: Uint8Array,
  eof: boolean,
  start: number,
  firstLine: number,
): number {
  const sample = allocTickBatch(INFER_ROWS, false);
  const parser = new RowParser(file, layout, null, sample, firstLine);
  const buf = eof && head[head.length - 1] !== LF ? concat([head, FINAL_NEWLINE]) : head;
  try {
    parser.run(buf, start, buf.lastIndexOf(LF) + 1);
  } catch (e) {
    if (!(e instanceof TickCsvError)) throw e;
  }
  return inferPriceDigits([sample.bid, sample.ask], sample.length);
}

/** The file's first chunks: enough for the header and the digit-inference sample. */
async function readHead(src: FileChunks): Promise<{ head: Uint8Array; eof: boolean }> {
  const parts: Uint8Array[] = [];
  let lines = 0;
  let bytes = 0;
  for (;;) {
    const c = await src.next();
    if (c === null) return { head: concat(parts), eof: true };
    parts.push(c);
    bytes += c.length;
    for (let p = c.indexOf(LF); p >= 0 && lines < HEAD_LINES; p = c.indexOf(LF, p + 1)) lines++;
    if (lines >= HEAD_LINES || bytes >= HEAD_MAX_BYTES) return { head: concat(parts), eof: false };
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
