import fs from 'node:fs';
import { encodePlain } from '../../../src/main/engine/persist/plain-codec.ts';
import { decodePlain } from '../../../src/main/engine/persist/plain-decode.ts';
import { decodeBtck, encodeBtck } from '../../../src/main/services/checkpoints/btck/btck-codec.ts';
import { CHECKPOINT_FORMAT_VERSION } from '../../../src/main/services/checkpoints/checkpoint-data.ts';
import { migrateCheckpoint } from '../../../src/main/services/checkpoints/checkpoint-migrations.ts';
import { loadHasher } from '../../../src/main/services/hash.ts';

// The decoded payload as a hostile editor sees it: any field may be replaced by anything.
export type Payload = any;

/** The decoded payload of a real checkpoint file, migrated to the current format as a reader does. */
export async function payloadOf(file: string): Promise<Payload> {
  await loadHasher();
  const { header, payload } = decodeBtck(fs.readFileSync(file), CHECKPOINT_FORMAT_VERSION);
  return migrateCheckpoint(header.version, decodePlain(payload));
}

/**
 * Rewrites a real checkpoint file the way an attacker with the format description would: decode,
 * alter (`alter` edits in place, or returns a replacement payload), re-encode with the same header
 * and a valid checksum footer, so only the content checks stand between it and a resume.
 */
export async function rewriteCheckpoint(
  file: string,
  alter: (d: Payload) => unknown,
  to: string = file,
): Promise<void> {
  await loadHasher();
  const { header, payload } = decodeBtck(fs.readFileSync(file), CHECKPOINT_FORMAT_VERSION);
  const data = decodePlain(payload);
  const replaced = alter(data);
  const bytes = encodeBtck(encodePlain(replaced === undefined ? data : replaced), header);
  if (to !== file) fs.rmSync(file);
  fs.writeFileSync(to, bytes);
}
