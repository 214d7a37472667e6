/**
 * A user strategy's source in a workspace's strategies/ folder, under the file name it had on
 * the submitting machine (strategies are found by their name, and the run's config names the
 * file). Fetched from strategies/<sha256>.mjs, bounded by its manifest size, checked against its
 * sha256: a changed object is refused rather than run.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ObjectStore } from '../store/object-store.ts';
import { storeKeys } from '../store/store-keys.ts';
import type { ManifestStrategy } from './job-manifest.ts';
import { WorkspaceError } from './workspace-symbols.ts';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export async function writeStrategy(
  dataDir: string,
  store: ObjectStore,
  s: ManifestStrategy,
): Promise<void> {
  const dir = path.join(dataDir, 'strategies');
  const file = path.join(dir, s.fileName);
  if (fs.existsSync(file) && sha256(fs.readFileSync(file)) === s.sha256) return;
  const key = storeKeys.strategy(store.url, s.sha256);
  const source = await store.get(key, s.bytes);
  if (!source) throw new WorkspaceError(`${key}: the strategy source is not in the store`);
  if (sha256(source) !== s.sha256)
    throw new WorkspaceError(`${key}: the strategy source does not match its sha256`);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dataDir, `.${s.fileName}.${randomBytes(4).toString('hex')}.tmp`);
  fs.writeFileSync(tmp, source);
  fs.renameSync(tmp, file);
}
