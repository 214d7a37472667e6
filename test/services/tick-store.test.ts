import { beforeAll, describe, expect, it } from 'vitest';
import type { TickBatch } from '../../src/main/engine/data/tick-batch.ts';
import { openDatabase } from '../../src/main/services/db/database.ts';
import { loadHasher } from '../../src/main/services/hash.ts';
import {
  countTicks,
  listSymbols,
  openTickSource,
  readSymbol,
} from '../../src/main/services/ticks/tick-store.ts';
import {
  CHUNK_TICKS,
  TickOverlapError,
  TickWriter,
} from '../../src/main/services/ticks/tick-writer.ts';
import { batchOf } from '../mtf/helpers.ts';
import { useTempDir } from './temp-dir.ts';

const tempDir = useTempDir();
beforeAll(loadHasher);

function ramp(n: number, t0: number, step = 1): TickBatch {
  return batchOf(
    Array.from({ length: n }, (_, i) => ({
      t: t0 + Math.floor(i * step),
      bid: 1 + (i % 1000) / 1e5,
      bv: i % 7,
      av: 1,
    })),
  );
}

function readAll(db: ReturnType<typeof openDatabase>, name: string, range = {}): number[][] {
  const out: number[][] = [];
  const src = openTickSource(db, readSymbol(db, name)!, range);
  for (let b = src.next(); b; b = src.next())
    for (let i = 0; i < b.length; i++) out.push([b.ts[i], b.bid[i], b.bidVol ? b.bidVol[i] : -1]);
  return out;
}

describe('tick store', () => {
  it('stores ticks in compressed chunks and reads them back exactly, across chunk boundaries', () => {
    const db = openDatabase(tempDir());
    const n = CHUNK_TICKS * 2 + 123;
    const w = new TickWriter(db, 'EURUSD', true, false);
    w.add(ramp(n, 1_700_000_000_000, 0.5)); // two ticks per millisecond
    w.commit();
    const info = readSymbol(db, 'EURUSD')!;
    expect(info).toMatchObject({ tickCount: n, firstTs: 1_700_000_000_000, hasVolume: true });
    expect(db.prepare('SELECT COUNT(*) FROM tick_chunks').pluck().get()).toBe(3);
    const back = readAll(db, 'EURUSD');
    expect(back).toHaveLength(n);
    const src = ramp(n, 1_700_000_000_000, 0.5);
    for (const i of [0, 1, CHUNK_TICKS - 1, CHUNK_TICKS, n - 1])
      expect(back[i]).toEqual([src.ts[i], src.bid[i], src.bidVol![i]]);
  });

  it('reads a time range [from, to) and skips a resume cursor within it', () => {
    const db = openDatabase(tempDir());
    const w = new TickWriter(db, 'X', false, false);
    w.add(ramp(CHUNK_TICKS + 500, 0));
    w.commit();
    const info = readSymbol(db, 'X')!;
    const range = { from: 100, to: CHUNK_TICKS + 50 };
    expect(countTicks(db, info, range)).toBe(CHUNK_TICKS - 50);
    const all = readAll(db, 'X', range);
    expect(all[0][0]).toBe(100);
    expect(all.at(-1)![0]).toBe(CHUNK_TICKS + 49);
    const resumed = readAll(db, 'X', { ...range, skip: CHUNK_TICKS - 60 });
    expect(resumed.map((r) => r[0])).toEqual(all.slice(CHUNK_TICKS - 60).map((r) => r[0]));
    expect(readAll(db, 'X', { skip: CHUNK_TICKS + 1 })[0][0]).toBe(CHUNK_TICKS + 1);
  });

  it('refuses ticks that overlap stored ones, appends after and prepends before them', () => {
    const db = openDatabase(tempDir());
    const put = (t0: number, n: number, replace = false) => {
      const w = new TickWriter(db, 'S', false, replace);
      try {
        w.add(ramp(n, t0));
        w.commit();
      } catch (e) {
        w.abort();
        throw e;
      }
    };
    put(1000, 10);
    expect(() => put(1009, 5)).toThrow(TickOverlapError); // shares the millisecond 1009
    expect(() => put(990, 20)).toThrow(/overlaps the 10 ticks already stored for S/);
    put(1010, 5); // append
    put(900, 50); // prepend
    expect(readAll(db, 'S').map((r) => r[0])).toEqual([
      ...Array.from({ length: 50 }, (_, i) => 900 + i),
      ...Array.from({ length: 15 }, (_, i) => 1000 + i),
    ]);
    put(5, 3, true); // replace everything
    expect(readSymbol(db, 'S')).toMatchObject({ tickCount: 3, firstTs: 5, lastTs: 7 });
  });

  it('leaves nothing behind when an import is aborted', () => {
    const db = openDatabase(tempDir());
    const w = new TickWriter(db, 'A', false, false);
    w.add(ramp(CHUNK_TICKS + 5, 0));
    w.abort();
    expect(listSymbols(db)).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) FROM tick_chunks').pluck().get()).toBe(0);
  });

  it('gives the same content hash to the same ticks, and a different one to different ticks', () => {
    const hashOf = (bump: number) => {
      const db = openDatabase(tempDir());
      const w = new TickWriter(db, 'H', false, false);
      const b = ramp(1000, 0);
      b.bid[500] += bump;
      w.add(b);
      w.commit();
      return readSymbol(db, 'H')!.contentHash;
    };
    expect(hashOf(0)).toBe(hashOf(0));
    expect(hashOf(0)).not.toBe(hashOf(1e-5));
  });
});
