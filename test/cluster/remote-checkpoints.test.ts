/**
 * fetchNewestCheckpoint against a real S3 server: the savepoint with the most ticks over every
 * attempt wins; a damaged object, a checkpoint that is not a savepoint and one of another run are
 * each moved to quarantine/ with the reason and the next older one is taken; keys that are not
 * checkpoints are left alone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckpointMirror } from '../../src/main/services/cluster/mirror/checkpoint-mirror.ts';
import { fetchNewestCheckpoint } from '../../src/main/services/cluster/store/remote-checkpoints.ts';
import { storeKeys } from '../../src/main/services/cluster/store/store-keys.ts';
import type { Db } from '../../src/main/services/db/database.ts';
import { freshStore, useS3, written, useFinishedRun } from './store-fixture.ts';

const s3 = useS3();
let dir = '';
let runId = '';
let files: string[] = [];
let db: Db;
useFinishedRun((r) => ({ dir, runId, files, db } = r));

describe('fetchNewestCheckpoint', () => {
  it('takes the most ticks over all attempts, quarantining what fails a check', async () => {
    const store = freshStore(s3());
    const url = store.url;
    // Attempt a mirrored all but the last two checkpoints, attempt b the one before the last.
    const [older, middle, newest] = [files.slice(0, -2), files.at(-2)!, files.at(-1)!];
    for (const [attempt, list] of [
      ['a-1-0', older],
      ['b-2-1', [middle]],
    ] as const) {
      const m = new CheckpointMirror({ db, dataDir: dir, store, runId, attempt });
      for (const f of list) m.onCheckpoint(written(f));
      expect((await m.drain(30_000)).uploaded).toBe(list.length);
      m.close();
    }
    const name = (f: string) => path.basename(f);
    // Newest of all: the raw local checkpoint (not a savepoint), then a damaged copy of b's.
    await store.put(
      storeKeys.checkpoint(url, runId, 'c-3-0', name(newest)),
      fs.readFileSync(newest),
    );
    const bKey = storeKeys.checkpoint(url, runId, 'b-2-1', name(middle));
    const good = (await store.get(bKey, 1 << 26))!;
    const bad = Uint8Array.from(good);
    bad[bad.length >> 1] ^= 0xff;
    await store.put(storeKeys.checkpoint(url, runId, 'a-1-9', name(middle)), bad);
    // Not checkpoints: left alone.
    const notes = `${storeKeys.checkpoints(url, runId)}a-1-0/notes.txt`;
    await store.put(notes, new TextEncoder().encode('hello'));

    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-fetch-'));
    const r = await fetchNewestCheckpoint(store, runId, tmp);
    // Equal ticks: b's and d's copies of `middle`; both are tried, the damaged one (its key sorts first) quarantined.
    expect(r.quarantined.map((q) => q.key).sort()).toEqual(
      [
        storeKeys.checkpoint(url, runId, 'c-3-0', name(newest)),
        storeKeys.checkpoint(url, runId, 'a-1-9', name(middle)),
      ].sort(),
    );
    expect(r.quarantined.find((q) => q.key.includes('c-3-0'))!.reason).toMatch(/not a savepoint/);
    expect(r.quarantined.find((q) => q.key.includes('a-1-9'))!.reason).toMatch(/corrupt/);
    expect(r.checkpoint).toMatchObject({ key: bKey, attempt: 'b-2-1' });
    expect(fs.readFileSync(r.checkpoint!.file)).toEqual(Buffer.from(good));
    expect(fs.readdirSync(tmp)).toEqual([path.basename(r.checkpoint!.file)]);
    const keys = (await store.list(storeKeys.run(url, runId))).map((o) => o.key);
    expect(keys).toContain(storeKeys.quarantine(url, runId, 'c-3-0', name(newest)));
    expect(keys).toContain(storeKeys.quarantine(url, runId, 'a-1-9', name(middle)));
    expect(keys).toContain(notes);
    expect(keys).not.toContain(storeKeys.checkpoint(url, runId, 'c-3-0', name(newest)));

    // Asked for another run, nothing of this one is taken.
    const other = await fetchNewestCheckpoint(store, 'no-such-run', tmp);
    expect(other).toMatchObject({ checkpoint: null, quarantined: [] });
    fs.rmSync(tmp, { recursive: true });
    store.close();
  });

  it('refuses to guess when the store is unreachable', async () => {
    const server = s3();
    const store = freshStore(server);
    await server.down();
    try {
      await expect(fetchNewestCheckpoint(store, runId, os.tmpdir())).rejects.toThrow(/list s3:/);
    } finally {
      await server.up();
    }
    store.close();
  });
});
