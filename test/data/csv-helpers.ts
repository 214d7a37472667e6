import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import {
  readTickCsv,
  TickCsvError,
  type ReadTickCsvOptions,
} from '../../src/main/engine/data/csv/index.ts';

export const FIXTURES = join(import.meta.dirname, '../fixtures/csv');

/** A temp directory for one test file's CSVs; call cleanup() in afterAll. */
export function tempCsvDir(): {
  write(name: string, content: string | Uint8Array): string;
  cleanup(): void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'backtestr-csv-'));
  return {
    write(name, content) {
      const file = join(dir, name);
      writeFileSync(file, content);
      return file;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface ReadResult {
  ts: number[];
  bid: number[];
  ask: number[];
  bidVol: number[] | null;
  askVol: number[] | null;
  /** Length of every yielded batch, in order. */
  batches: number[];
}

/** Reads a whole file, copying every batch (the reader reuses its batch object). */
export async function readAll(file: string, opts?: ReadTickCsvOptions): Promise<ReadResult> {
  const r: ReadResult = { ts: [], bid: [], ask: [], bidVol: null, askVol: null, batches: [] };
  for await (const b of readTickCsv(file, opts)) {
    r.batches.push(b.length);
    for (let i = 0; i < b.length; i++) {
      r.ts.push(b.ts[i]);
      r.bid.push(b.bid[i]);
      r.ask.push(b.ask[i]);
      if (b.bidVol && b.askVol) {
        (r.bidVol ??= []).push(b.bidVol[i]);
        (r.askVol ??= []).push(b.askVol[i]);
      }
    }
  }
  return r;
}

/** Expects reading `file` to fail with a TickCsvError at `line` whose reason matches. */
export async function expectCsvError(
  file: string,
  line: number,
  reason: RegExp,
  opts?: ReadTickCsvOptions,
): Promise<TickCsvError> {
  const err = await readAll(file, opts).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `reading ${file} should fail at line ${line}`).toBeInstanceOf(TickCsvError);
  const e = err as TickCsvError;
  expect({ file: e.file, line: e.line }).toEqual({ file, line });
  expect(e.reason).toMatch(reason);
  expect(e.message).toBe(`${file}:${line}: ${e.reason}`);
  return e;
}

export const iso = (t: number): string => new Date(t).toISOString();
