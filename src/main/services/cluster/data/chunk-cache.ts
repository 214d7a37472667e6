/**
 * A worker's tick chunk cache, `workDir/chunks/<hash>`: each chunk is downloaded once per
 * machine, whichever job needs it. A file appears only by rename, so a crash leaves no torn
 * chunk under a hash name; and every chunk is verified against its hash before it is cached
 * (and again when a workspace reads it), so a corrupt object in the store never becomes ticks.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ObjectStore } from '../store/object-store.ts';
import { storeKeys } from '../store/store-keys.ts';
import { ChunkMismatchError, verifyChunk } from './chunk-verify.ts';
import type { ManifestChunk } from './job-manifest.ts';

export function chunkCacheDir(workDir: string): string {
  return path.join(workDir, 'chunks');
}

export function cachedChunkPath(workDir: string, hash: string): string {
  return path.join(chunkCacheDir(workDir), hash);
}

/** Reads a cached chunk and verifies it; null when it is not cached or was bad (deleted now). */
export function readCachedChunk(workDir: string, c: ManifestChunk): Uint8Array | null {
  const file = cachedChunkPath(workDir, c.hash);
  let bytes: Uint8Array;
  try {
    // Size first: a cache file is never read past the size the manifest gives.
    if (fs.statSync(file).size !== c.bytes) throw new ChunkMismatchError(file, 'wrong size');
    bytes = fs.readFileSync(file);
    verifyChunk(bytes, c, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    if (!(e instanceof ChunkMismatchError)) throw e;
    fs.rmSync(file, { force: true });
    return null;
  }
  return bytes;
}

/**
 * Makes sure chunk `c` is in the cache: downloads it (bounded by its manifest size), verifies
 * it and renames it into place. Returns the bytes downloaded (0 when it was cached already).
 * A chunk object that is missing or fails its hash is refused, naming its key.
 */
export async function ensureChunk(
  workDir: string,
  store: ObjectStore,
  c: ManifestChunk,
): Promise<number> {
  if (readCachedChunk(workDir, c)) return 0;
  const key = storeKeys.chunk(store.url, c.hash);
  const bytes = await store.get(key, c.bytes);
  if (!bytes) throw new ChunkMismatchError(key, 'is not in the store (was the run submitted?)');
  try {
    verifyChunk(bytes, c, key);
  } catch (e) {
    // A submitter skips chunks the store has: a bad object stays until someone removes it.
    throw new ChunkMismatchError(
      key,
      `${(e as ChunkMismatchError).message.replace(`tick chunk ${key}: `, '')} — the object is ` +
        'corrupt; delete it and submit the run again (the submitter uploads missing chunks)',
    );
  }
  const dir = chunkCacheDir(workDir);
  fs.mkdirSync(dir, { recursive: true });
  // A name of its own per writer: two jobs of this worker may fetch the same chunk at once.
  const tmp = path.join(dir, `.${c.hash}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, cachedChunkPath(workDir, c.hash));
  return bytes.length;
}
