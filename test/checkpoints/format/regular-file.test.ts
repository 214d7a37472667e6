import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeBtck } from '../../../src/main/services/checkpoints/btck/btck-codec.ts';
import { CorruptCheckpointError } from '../../../src/main/services/checkpoints/btck/errors.ts';
import { checkpointFileName } from '../../../src/main/services/checkpoints/btck/file-name.ts';
import { readRegularFile } from '../../../src/main/services/checkpoints/btck/regular-file.ts';
import { readCheckpointFile } from '../../../src/main/services/checkpoints/checkpoint-reader.ts';
import { loadHasher } from '../../../src/main/services/hash.ts';
import { useTempDir } from '../../services/temp-dir.ts';

const tempDir = useTempDir();
const posix = process.platform !== 'win32';

beforeAll(() => loadHasher());

/** The reason and message readCheckpointFile refuses `file` with (it must refuse). */
function refusal(file: string): { reason: string; message: string } {
  try {
    readCheckpointFile(file);
  } catch (e) {
    expect(e, String(e)).toBeInstanceOf(CorruptCheckpointError);
    return { reason: (e as CorruptCheckpointError).reason, message: (e as Error).message };
  }
  throw new Error(`${file} was read as a checkpoint`);
}

function named(dir: string): string {
  return path.join(dir, checkpointFileName(1, 100));
}

describe('only regular files are read as checkpoints', () => {
  it('reads a regular file exactly', () => {
    const file = named(tempDir());
    const bytes = encodeBtck(new Uint8Array([1, 2, 3]), { version: 1, createdAt: 5 });
    fs.writeFileSync(file, bytes);
    expect([...readRegularFile(file)]).toEqual([...bytes]);
  });

  it.runIf(posix)('refuses a symlink to an endless device without reading it', () => {
    for (const device of ['/dev/zero', '/dev/urandom']) {
      const file = named(tempDir());
      fs.symlinkSync(device, file);
      const r = refusal(file);
      expect(r.reason).toBe('not-a-file');
      expect(r.message).toContain(file);
      expect(r.message).toMatch(/symbolic link/);
    }
  });

  it.runIf(posix)('refuses a symlink even to a valid checkpoint', () => {
    const dir = tempDir();
    const real = path.join(dir, 'elsewhere.btck');
    fs.writeFileSync(real, encodeBtck(new Uint8Array([1]), { version: 1, createdAt: 5 }));
    fs.symlinkSync(real, named(dir));
    expect(refusal(named(dir)).reason).toBe('not-a-file');
  });

  it.runIf(posix)('refuses a FIFO without blocking on it', () => {
    const file = named(tempDir());
    execFileSync('mkfifo', [file]);
    const r = refusal(file); // a blocking open or read here would hang the test (no writer)
    expect(r.reason).toBe('not-a-file');
    expect(r.message).toMatch(/FIFO/);
  });

  it('refuses a directory and a dangling symlink as corrupt, not with a raw EISDIR/ENOENT', () => {
    const dir = tempDir();
    fs.mkdirSync(named(dir));
    expect(refusal(named(dir))).toMatchObject({ reason: 'not-a-file' });
    if (posix) {
      const other = tempDir();
      fs.symlinkSync(path.join(other, 'gone.btck'), named(other));
      expect(refusal(named(other))).toMatchObject({ reason: 'not-a-file' });
    }
  });

  it('refuses a file over the size cap before reading it', () => {
    const file = named(tempDir());
    fs.writeFileSync(file, new Uint8Array(4096));
    expect(() => readRegularFile(file, 4095)).toThrow(/4096 bytes, more than the 4095/);
    expect(readRegularFile(file, 4096)).toHaveLength(4096);
  });

  it('a missing file is unreadable, named, typed', () => {
    const r = refusal(path.join(tempDir(), 'ckpt-000009-000000000009.btck'));
    expect(r.reason).toBe('unreadable');
    expect(r.message).toMatch(/ENOENT/);
  });
});
