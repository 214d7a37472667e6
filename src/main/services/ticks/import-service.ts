import fs from 'node:fs';
import { detectTickFormat, readTickCsv, type TickFormat } from '../../engine/data/csv/index.ts';
import type { Db } from '../db/database.ts';
import { loadHasher } from '../hash.ts';
import { checkSymbolName } from './symbol-name.ts';
import { readSymbol, type SymbolInfo } from './tick-store.ts';
import { TickOverlapError, TickWriter } from './tick-writer.ts';

export interface ImportRequest {
  file: string;
  symbol: string;
  format?: 'auto' | TickFormat;
  replace?: boolean;
  digits?: number;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

export interface ImportResult {
  symbol: SymbolInfo;
  format: TickFormat;
  imported: number;
}

/** Formats whose files start with a header line: their first tick is on line 2. */
const HAS_HEADER: Readonly<Record<TickFormat, boolean>> = {
  generic: true,
  dukascopy: true,
  histdata: false,
  truefx: false,
};

function headLines(file: string): string[] {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    return buf
      .subarray(0, n)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .slice(0, 20);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Imports a tick CSV for one symbol, all or nothing: ticks go into one SQLite transaction that
 * is committed only after the last line was read and checked. Any bad line, or a tick that
 * overlaps the symbol's stored ticks, rolls everything back and names `file:line`.
 */
export async function importTickCsv(db: Db, req: ImportRequest): Promise<ImportResult> {
  checkSymbolName(req.symbol);
  if (!fs.existsSync(req.file)) throw new Error(`${req.file}: no such file`);
  await loadHasher();
  const format =
    !req.format || req.format === 'auto' ? detectTickFormat(headLines(req.file)) : req.format;
  let writer: TickWriter | undefined;
  try {
    for await (const batch of readTickCsv(req.file, {
      format,
      digits: req.digits,
      onProgress: req.onProgress,
    })) {
      writer ??= new TickWriter(db, req.symbol, batch.bidVol !== null, req.replace ?? false);
      writer.add(batch);
    }
    if (!writer) throw new Error(`${req.file}:1: the file holds no ticks`);
    const imported = writer.count;
    writer.commit();
    return { symbol: readSymbol(db, req.symbol)!, format, imported };
  } catch (err) {
    writer?.abort();
    if (err instanceof TickOverlapError) {
      const line = err.tickIndex + (HAS_HEADER[format] ? 2 : 1);
      throw new Error(`${req.file}:${line}: ${err.message}`, { cause: err });
    }
    throw err;
  }
}
