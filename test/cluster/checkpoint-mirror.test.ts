/**
 * The checkpoint mirror against a real S3 server: every checkpoint lands as a savepoint under
 * its attempt's key; while the server is down uploads fail, are counted and retried with backoff,
 * the queue stays bounded (older pending savepoints superseded, never the newest), and once the
 * server is back the backoff alone (no drain) gets the rest uploaded.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCheckpointFile } from '../../src/main/services/checkpoints/checkpoint-reader.ts';
import { CheckpointMirror } from '../../src/main/services/cluster/mirror/checkpoint-mirror.ts';
import { storeKeys } from '../../src/main/services/cluster/store/store-keys.ts';
import type { Db } from '../../src/main/services/db/database.ts';
import { freshStore, until, useS3, written, useFinishedRun } from './store-fixture.ts';

const s3 = useS3();
let dir = '';
let runId = '';
let files: string[] = [];
let db: Db;
useFinishedRun((r) => ({ dir, runId, files, db } = r));

function mirrorOf(store: ReturnType<typeof freshStore>, attempt: string, extra = {}) {
  return new CheckpointMirror({ db, dataDir: dir, store, runId, attempt, ...extra });
}

describe('CheckpointMirror', () => {
  it('uploads each checkpoint as a savepoint under its attempt', async () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
    const store = freshStore(s3());
    // Fed back to back, like the end of a fast run: while the store works none is superseded.
    const mirror = mirrorOf(store, 'host-1-0');
    for (const f of files) mirror.onCheckpoint(written(f));
    mirror.onCheckpoint({ ok: false, seq: 99, error: 'disk full', code: 'ENOSPC' });
    const stats = await mirror.drain(30_000);
    expect(stats).toMatchObject({ uploaded: files.length, failed: 0, pending: 0, superseded: 0 });
    const listed = await store.list(storeKeys.checkpoints(store.url, runId));
    expect(listed.map((o) => o.key)).toEqual(
      files.map((f) => storeKeys.checkpoint(store.url, runId, 'host-1-0', path.basename(f))),
    );
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-mirror-'));
    for (const o of listed) {
      const file = path.join(tmp, path.basename(o.key));
      fs.writeFileSync(file, (await store.get(o.key, 1 << 26))!);
      const { data } = readCheckpointFile(file);
      expect(data.meta.trigger).toBe('savepoint');
      expect(data.history).toBe('embedded');
      expect(data.runId).toBe(runId);
    }
    fs.rmSync(tmp, { recursive: true });
    mirror.close();
    store.close();
  });

  it('keeps a bounded queue while the store is down and uploads the rest once it is back', async () => {
    const server = s3();
    const store = freshStore(server);
    const failures: string[] = [];
    const mirror = mirrorOf(store, 'host-2-0', {
      inThread: true, // the fallback for hosts without the build thread, here too
      maxPending: 2,
      retry: { firstMs: 20, maxMs: 100 },
      onFailure: (e: Error) => failures.push(e.message),
    });
    await server.down();
    try {
      for (const f of files) mirror.onCheckpoint(written(f));
      await until(
        () =>
          mirror.stats.failed >= 3 &&
          mirror.stats.pending + mirror.stats.superseded === files.length,
      );
      const down = mirror.stats;
      expect(down.uploaded).toBe(0);
      expect(down.pending).toBe(2);
      expect(down.superseded).toBe(files.length - 2);
      expect(down.lastError).toMatch(/put s3:\/\//);
      expect(failures).toHaveLength(1); // told once per outage, not once per retry
    } finally {
      await server.up();
    }
    await until(() => mirror.stats.pending === 0); // the backoff itself, no drain() to hurry it
    expect(mirror.stats.uploaded).toBe(2);
    const keys = (await store.list(storeKeys.checkpoints(store.url, runId))).map((o) => o.key);
    expect(keys).toHaveLength(2);
    expect(keys).toContain(
      storeKeys.checkpoint(store.url, runId, 'host-2-0', path.basename(files.at(-1)!)),
    );
    mirror.close();
    store.close();
  });

  it('drain gives up after its timeout with the savepoints still pending', async () => {
    const server = s3();
    const store = freshStore(server);
    const mirror = mirrorOf(store, 'host-3-0', { retry: { firstMs: 20, maxMs: 100 } });
    await server.down();
    try {
      mirror.onCheckpoint(written(files[0]));
      mirror.onCheckpoint(written(files[1]));
      await until(() => mirror.stats.failed > 0);
      const stats = await mirror.drain(300);
      expect(stats.pending).toBe(2);
      expect(stats.uploaded).toBe(0);
      expect(stats.failed).toBeGreaterThan(0);
      mirror.close();
      // A put already on its way ends as it will; after that, nothing is tried again (with a
      // 100 ms backoff an open mirror would try a few more times meanwhile).
      const sleep = () => new Promise((r) => setTimeout(r, 300));
      await sleep();
      const failed = mirror.stats.failed;
      await sleep();
      expect(mirror.stats.failed).toBe(failed);
    } finally {
      await server.up();
    }
    store.close();
  });
});
