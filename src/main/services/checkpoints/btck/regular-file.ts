/**
 * Reads a checkpoint file's bytes, trusting nothing about what the name points at. A
 * `ckpt-*.btck` may be a symlink to /dev/zero (endless), a FIFO (a blocking read that ignores
 * SIGINT/SIGTERM), a directory, a dangling link or simply huge. So: open the entry itself without
 * following a final symlink and without blocking, fstat the open handle (no check-then-open race
 * on the path), accept only a regular file within the size cap, and read exactly that many bytes.
 * Everything else is a CorruptCheckpointError, which a resume quarantines before falling back.
 */
import fs from 'node:fs';
import { CorruptCheckpointError } from './errors.ts';
import { MAX_FILE_BYTES } from './limits.ts';

// O_NOFOLLOW and O_NONBLOCK do not exist on Windows (0 there); symlinks and FIFOs are rare there,
// and the fstat check below still refuses anything that is not a regular file.
const OPEN_FLAGS =
  fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0);

function kindOf(st: fs.Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

function openEntry(file: string): number {
  try {
    return fs.openSync(file, OPEN_FLAGS);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // ELOOP: the name is a symlink (O_NOFOLLOW), dangling or not; checkpoints are never links.
    if (code === 'ELOOP') throw new CorruptCheckpointError('not-a-file', 'is a symbolic link');
    if (code === 'EISDIR') throw new CorruptCheckpointError('not-a-file', 'is a directory');
    throw new CorruptCheckpointError('unreadable', `cannot open it: ${(e as Error).message}`);
  }
}

/** The whole content of the regular file `file`, at most `maxBytes` long. */
export function readRegularFile(file: string, maxBytes: number = MAX_FILE_BYTES): Uint8Array {
  const fd = openEntry(file);
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new CorruptCheckpointError('not-a-file', `is ${kindOf(st)}`);
    if (st.size > maxBytes) {
      throw new CorruptCheckpointError(
        'too-large',
        `${st.size} bytes, more than the ${maxBytes} a checkpoint file may have`,
      );
    }
    const bytes = new Uint8Array(st.size);
    let done = 0;
    while (done < bytes.length) {
      const n = fs.readSync(fd, bytes, done, bytes.length - done, done);
      if (n === 0) break; // shrank while we read: the checksum will say it is truncated
      done += n;
    }
    return done === bytes.length ? bytes : bytes.subarray(0, done);
  } catch (e) {
    if (e instanceof CorruptCheckpointError) throw e;
    throw new CorruptCheckpointError('unreadable', `cannot read it: ${(e as Error).message}`);
  } finally {
    fs.closeSync(fd);
  }
}
