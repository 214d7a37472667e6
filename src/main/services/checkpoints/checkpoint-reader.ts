import { decodePlain } from '../../engine/persist/plain-decode.ts';
import { decodeBtck, withFile } from './btck/btck-codec.ts';
import { CorruptCheckpointError } from './btck/errors.ts';
import { readRegularFile } from './btck/regular-file.ts';
import { CHECKPOINT_FORMAT_VERSION, type CheckpointData } from './checkpoint-data.ts';
import { migrateCheckpoint } from './checkpoint-migrations.ts';
import { validateCheckpointContent } from './content/validate-checkpoint.ts';

export interface CheckpointFile {
  path: string;
  fileBytes: number;
  payloadBytes: number;
  header: { version: number; createdAt: number };
  data: CheckpointData;
}

/**
/**
 * Reads and checks one checkpoint file: what the entry is (a regular file, size-capped), the
 * container (length, magic, checksum, version, bounded decompression), then the payload's
 * plain-data decoding, then migrations from older formats, then the content checks
 * (content/validate-checkpoint.ts). Any damage is a
 * CorruptCheckpointError naming the file; a newer format is UnsupportedCheckpointVersionError.
 * Synchronous: recovery wants the few milliseconds, and nothing else runs meanwhile.
 */
export function readCheckpointFile(file: string): CheckpointFile {
  let bytes, decoded;
  try {
    // Only a regular file within the size cap is read: a symlink, FIFO, device or directory
    // under a checkpoint's name is refused as corrupt (btck/regular-file.ts).
    bytes = readRegularFile(file);
    decoded = decodeBtck(bytes, CHECKPOINT_FORMAT_VERSION);
  } catch (err) {
    throw withFile(err, file);
  }
  let data: CheckpointData;
  try {
    data = migrateCheckpoint(decoded.header.version, decodePlain(decoded.payload));
  } catch (err) {
    throw new CorruptCheckpointError(
      'mismatch',
      `payload does not decode: ${(err as Error).message}`,
      file,
    );
  }
  // A checksum proves the bytes are intact, not that they make sense: check the content.
  data = validateCheckpointContent(data, file);
  return {
    path: file,
    fileBytes: bytes.length,
    payloadBytes: decoded.payload.length,
    header: decoded.header,
    data,
  };
}
