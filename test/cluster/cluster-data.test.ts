/**
 * What travels to a worker, against the real local S3 server: the manifest (bounded, validated,
 * errors naming the key and field), the tick chunks (uploaded once), and the worker's workspace
 * (a data folder whose ticks are the submitter's, byte for byte; corrupt chunks refused).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildManifest,
  encodeManifest,
  parseManifest,
  type ClusterManifest,
} from '../../src/main/services/cluster/data/job-manifest.ts';
import { runRequestOf } from '../../src/main/services/cluster/data/manifest-request.ts';
import { shipTicks } from '../../src/main/services/cluster/data/ship-ticks.ts';
import {
  openWorkspace,
  resetWorkspaceRun,
} from '../../src/main/services/cluster/data/workspace.ts';
import { storeKeys } from '../../src/main/services/cluster/store/store-keys.ts';
import {
  configHash,
  fingerprintOf,
} from '../../src/main/services/checkpoints/checkpoint-capture.ts';
import type { Db } from '../../src/main/services/db/database.ts';
import { prepareRun } from '../../src/main/services/runs/run-request.ts';
import { insertRun } from '../../src/main/services/runs/run-store.ts';
import { useDataFolders } from '../checkpoints/lifecycle/shared-data.ts';
import { prepared, storeAt, useS3 } from './cluster-data-fixture.ts';

const freshDir = useDataFolders(6, 4);
const s3 = useS3();
const made: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-worker-'));
  made.push(d);
  return d;
};
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

async function submitted(prefix: string, extra: Record<string, unknown> = {}) {
  const dataDir = freshDir();
  const { db, run, ticksTotal } = await prepared(dataDir, extra);
  const manifest = buildManifest(db, dataDir, run, 'run-1', {
    checkpoints: null,
    sweepJob: false,
    ticksTotal,
  });
  return { dataDir, db, run, manifest, store: storeAt(s3(), prefix) };
}

/** The stored chunks, blobs as sha256 (vitest compares big buffers byte by byte, slowly). */
const chunkRows = (db: Db) =>
  (
    db
      .prepare('SELECT count, first_ts, last_ts, hash, data FROM tick_chunks ORDER BY id')
      .all() as { data: Buffer }[]
  ).map((r) => ({ ...r, data: createHash('sha256').update(r.data).digest('hex') }));

describe('job manifest', () => {
  it('round-trips and refuses what a worker must not trust, naming the key and field', async () => {
    const { manifest, db } = await submitted('m');
    const key = 'p/runs/run-1/job.json';
    expect(parseManifest(encodeManifest(manifest), key)).toEqual(manifest);
    expect(manifest.configHash).toBe(configHash(manifest.config));
    const bad = (edit: (m: ClusterManifest) => void) => {
      const m = structuredClone(manifest);
      edit(m);
      return () => parseManifest(new TextEncoder().encode(JSON.stringify(m)), key);
    };
    expect(bad((m) => (m.symbols[0].chunks[0].hash = '../../etc'))).toThrow(
      /p\/runs\/run-1\/job\.json: invalid manifest: symbols\[0\]\.chunks\[0\]\.hash/,
    );
    expect(bad((m) => (m.runId = '..'))).toThrow(/job\.json.*runId/);
    expect(bad((m) => (m.symbols[0].tickCount += 1))).toThrow(/symbols\[0\]\.tickCount/);
    expect(bad((m) => (m.config.symbols = ['GBPUSD']))).toThrow(/symbols/);
    const huge = new Uint8Array(4 * 1024 * 1024 + 1).fill(32);
    expect(() => parseManifest(huge, key)).toThrow(/job\.json: 4194305 bytes, over/);
    expect(() => parseManifest(new TextEncoder().encode('{'), key)).toThrow(/not a JSON/);
    db.close();
  });
});

describe('tick shipping and the worker workspace', () => {
  it("skips the store for chunks its session already saw there (a sweep's later jobs)", async () => {
    const { db, manifest, store } = await submitted('ship-known');
    const chunks = manifest.symbols[0].chunks.length;
    const known = new Set<string>();
    expect(await shipTicks(db, store, manifest, { known })).toMatchObject({ uploaded: chunks });
    expect(known.size).toBe(chunks);
    // Gone behind the session's back (chunks are never deleted in real use): a session that
    // remembers does not look again; one that does not remember uploads it again.
    const one = [...known][0];
    await store.delete(one);
    expect(await shipTicks(db, store, manifest, { known })).toEqual({
      uploaded: 0,
      skipped: chunks,
      bytes: 0,
    });
    expect(await store.exists(one)).toBe(false);
    expect(await shipTicks(db, store, manifest)).toMatchObject({ uploaded: 1 });
    db.close();
  });

  it('uploads each chunk once, and builds a workspace holding the same ticks', async () => {
    const { db, manifest, store } = await submitted('ship');
    const chunks = manifest.symbols[0].chunks.length;
    expect(chunks).toBeGreaterThan(1);
    const first = await shipTicks(db, store, manifest);
    expect(first).toMatchObject({ uploaded: chunks, skipped: 0 });
    expect(first.bytes).toBe(manifest.symbols[0].chunks.reduce((n, c) => n + c.bytes, 0));
    expect(await shipTicks(db, store, manifest)).toEqual({
      uploaded: 0,
      skipped: chunks,
      bytes: 0,
    });

    const workDir = tmp();
    const ws = await openWorkspace(workDir, store, manifest);
    expect(ws.fetched).toEqual({ chunks, bytes: first.bytes });
    expect(chunkRows(ws.db)).toEqual(chunkRows(db));
    expect(fingerprintOf(ws.db, manifest.config)).toEqual(fingerprintOf(db, manifest.config));
    const there = await prepareRun(ws.db, ws.dataDir, runRequestOf(manifest));
    expect(configHash(there.config)).toBe(manifest.configHash);
    expect(there.runId).toBe('run-1');
    ws.db.close();
    // Opened again: nothing fetched, nothing rewritten.
    const again = await openWorkspace(workDir, store, manifest);
    expect(again.dataDir).toBe(ws.dataDir);
    expect(again.fetched).toEqual({ chunks: 0, bytes: 0 });
    expect(chunkRows(again.db)).toEqual(chunkRows(db));
    again.db.close();
    // A new workspace on this machine reads the cache, not the store.
    fs.rmSync(path.join(workDir, 'ws'), { recursive: true });
    const cached = await openWorkspace(workDir, store, manifest);
    expect(cached.fetched.chunks).toBe(0);
    expect(chunkRows(cached.db)).toEqual(chunkRows(db));
    cached.db.close();
    db.close();
  });

  it('refuses a corrupt chunk object naming its key, and works once it is uploaded again', async () => {
    const { db, manifest, store } = await submitted('corrupt');
    await shipTicks(db, store, manifest);
    const victim = manifest.symbols[0].chunks[1];
    const key = storeKeys.chunk(store.url, victim.hash);
    const good = (await store.get(key, victim.bytes))!;
    const flipped = good.slice();
    flipped[flipped.length - 3] ^= 0x40;
    await store.put(key, flipped);
    const workDir = tmp();
    await expect(openWorkspace(workDir, store, manifest)).rejects.toThrow(
      new RegExp(`tick chunk corrupt/chunks/${victim.hash}: .*the object is corrupt; delete it`),
    );
    expect(fs.existsSync(path.join(workDir, 'chunks', victim.hash))).toBe(false);
    // Another chunk's bytes under this hash: decodes fine, holds other ticks.
    const other = manifest.symbols[0].chunks[0];
    await store.put(key, (await store.get(storeKeys.chunk(store.url, other.hash), other.bytes))!);
    await expect(openWorkspace(workDir, store, manifest)).rejects.toThrow(key);
    await store.put(key, good);
    const ws = await openWorkspace(workDir, store, manifest);
    expect(chunkRows(ws.db)).toEqual(chunkRows(db));
    ws.db.close();
    db.close();
  });

  it('builds one workspace for two jobs opening it at once', async () => {
    const { db, manifest, store } = await submitted('twice');
    await shipTicks(db, store, manifest);
    const workDir = tmp();
    const [a, b] = await Promise.all([
      openWorkspace(workDir, store, manifest),
      openWorkspace(workDir, store, manifest),
    ]);
    expect(a.dataDir).toBe(b.dataDir);
    expect(chunkRows(a.db)).toEqual(chunkRows(db));
    expect(a.db.prepare('SELECT count(*) FROM symbols').pluck().get()).toBe(1);
    a.db.close();
    b.db.close();
    db.close();
  });

  it('replaces a corrupt cached chunk from the store', async () => {
    const { db, manifest, store } = await submitted('cache');
    await shipTicks(db, store, manifest);
    const workDir = tmp();
    (await openWorkspace(workDir, store, manifest)).db.close();
    fs.rmSync(path.join(workDir, 'ws'), { recursive: true });
    const c = manifest.symbols[0].chunks[0];
    const file = path.join(workDir, 'chunks', c.hash);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 1] ^= 1;
    fs.writeFileSync(file, bytes);
    const ws = await openWorkspace(workDir, store, manifest);
    expect(ws.fetched).toEqual({ chunks: 1, bytes: c.bytes });
    expect(chunkRows(ws.db)).toEqual(chunkRows(db));
    ws.db.close();
    db.close();
  });

  it('ships a user strategy by its hash and puts it in the workspace under its name', async () => {
    const dataDirSrc = `export default { name: 'flat', description: 'does nothing', params: [],
      init() {}, onBar() {} };\n`;
    const { db, manifest, store, dataDir } = await (async () => {
      const dir = freshDir();
      fs.mkdirSync(path.join(dir, 'strategies'));
      fs.writeFileSync(path.join(dir, 'strategies', 'flat.mjs'), dataDirSrc);
      const p = await prepared(dir, { strategy: 'flat', paramArgs: [] });
      const m = buildManifest(p.db, dir, p.run, 'run-s', {
        checkpoints: null,
        sweepJob: true,
        ticksTotal: p.ticksTotal,
      });
      return { db: p.db, manifest: m, store: storeAt(s3(), 'strat'), dataDir: dir };
    })();
    expect(manifest.strategy).toMatchObject({ fileName: 'flat.mjs', bytes: dataDirSrc.length });
    const chunks = manifest.symbols[0].chunks.length;
    expect(await shipTicks(db, store, manifest)).toMatchObject({ uploaded: chunks + 1 });
    expect(await shipTicks(db, store, manifest)).toMatchObject({
      uploaded: 0,
      skipped: chunks + 1,
    });
    const ws = await openWorkspace(tmp(), store, manifest);
    expect(fs.readFileSync(path.join(ws.dataDir, 'strategies', 'flat.mjs'), 'utf8')).toBe(
      dataDirSrc,
    );
    // Prepared in the workspace, the job's request gives the submitter's config, file and all.
    const there = await prepareRun(ws.db, ws.dataDir, runRequestOf(manifest));
    expect(there.strategy?.file).toBe(path.join(ws.dataDir, 'strategies', 'flat.mjs'));
    expect(there.config).toEqual(manifest.config);
    expect(configHash(there.config)).toBe(manifest.configHash);
    // The file changed after the manifest named it: not shipped as the job's code.
    fs.appendFileSync(path.join(dataDir, 'strategies', 'flat.mjs'), '// v2\n');
    await expect(shipTicks(db, storeAt(s3(), 'strat2'), manifest)).rejects.toThrow(/changed/);
    ws.db.close();
    db.close();
  });

  it('resetWorkspaceRun removes a stale copy of the run: rows and checkpoint files', async () => {
    const { db, manifest, store } = await submitted('reset');
    await shipTicks(db, store, manifest);
    const ws = await openWorkspace(tmp(), store, manifest);
    insertRun(ws.db, manifest.config, manifest.ticksTotal, null, 'run-1');
    ws.db
      .prepare(
        "INSERT INTO equity (run_id, time, balance, equity, drawdown, drawdown_pct) VALUES ('run-1', 1, 1, 1, 0, 0)",
      )
      .run();
    const ckpts = path.join(ws.dataDir, 'runs', 'run-1', 'checkpoints');
    fs.mkdirSync(ckpts, { recursive: true });
    fs.writeFileSync(path.join(ckpts, 'ckpt-1-5.btck'), 'x');
    resetWorkspaceRun(ws.db, ws.dataDir, 'run-1');
    expect(ws.db.prepare('SELECT count(*) FROM runs').pluck().get()).toBe(0);
    expect(ws.db.prepare('SELECT count(*) FROM equity').pluck().get()).toBe(0);
    expect(fs.existsSync(path.join(ws.dataDir, 'runs', 'run-1'))).toBe(false);
    expect(() => resetWorkspaceRun(ws.db, ws.dataDir, '..')).toThrow(/cannot be part/);
    // Someone changed the workspace's ticks: refused, never run on.
    ws.db.prepare("UPDATE symbols SET content_hash = '0123456789abcdef'").run();
    ws.db.close();
    await expect(
      openWorkspace(path.dirname(path.dirname(ws.dataDir)), store, manifest),
    ).rejects.toThrow(/holds other ticks for EURUSD/);
    db.close();
  });
});
