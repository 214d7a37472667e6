/**
 * A data folder that cannot be written (a read-only mount, a folder without write permission)
 * must fail writing commands with its path and the reason, not SQLite's bare "unable to open
 * database file", and must still serve commands that only read.
 *
 * SQLite cannot open a WAL-mode database read-only in such a folder: it needs to create the -shm
 * file beside it, and the `immutable` URI parameter that would avoid that is compiled out of
 * better-sqlite3. So readers get a private snapshot: the database (and its -wal, which may hold
 * committed transactions) copied to a temp folder that is removed when the database is closed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { databasePath, migrate, openDatabase, type Db } from './database.ts';

export class DataDirNotWritableError extends Error {
  readonly dataDir: string;
  constructor(dataDir: string, reason: string) {
    super(
      `the data folder ${dataDir} cannot be written: ${reason}. Commands that only read ` +
        `(data list, data spec SYMBOL [--json], runs list, runs export --out elsewhere, checkpoints list/inspect/diff, ` +
        `checkpoints gc --dry-run, settings NAME, strategies list) still work; choose another folder with --data-dir to write`,
    );
    this.name = 'DataDirNotWritableError';
    this.dataDir = dataDir;
  }
}

/** Why the data folder (or its database) cannot be written, or null when it can. */
export function notWritableReason(dataDir: string): string | null {
  for (const p of [dataDir, databasePath(dataDir)]) {
    try {
      fs.accessSync(p, fs.constants.W_OK);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') continue; // created on first use, if the parent allows
      if (code === 'EROFS') return `${p} is on a read-only file system (EROFS)`;
      if (code === 'EACCES' || code === 'EPERM') return `permission denied for ${p} (${code})`;
      return `${p}: ${(e as Error).message}`;
    }
  }
  return null;
}

/** openDatabase, but a folder that cannot be written is refused saying where and why. */
export function openWritableDatabase(dataDir: string): Db {
  const reason = notWritableReason(dataDir);
  if (reason !== null) throw new DataDirNotWritableError(dataDir, reason);
  try {
    return openDatabase(dataDir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_CANTOPEN')
      throw new DataDirNotWritableError(dataDir, (e as Error).message);
    throw e;
  }
}

/**
 * The database for a command that only reads: the real one when the folder is writable, else a
 * snapshot (see above), or an empty in-memory one when the folder has no database yet.
 */
export function openDatabaseForReading(dataDir: string): Db {
  const reason = notWritableReason(dataDir);
  if (reason === null) return openDatabase(dataDir);
  const file = databasePath(dataDir);
  if (!fs.existsSync(file)) {
    const empty = new Database(':memory:');
    migrate(empty);
    return empty;
  }
  checkRoomForSnapshot(dataDir, file, reason);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'backtestr-readonly-'));
  try {
    const copy = path.join(tmp, path.basename(file));
    fs.copyFileSync(file, copy);
    if (fs.existsSync(file + '-wal')) fs.copyFileSync(file + '-wal', copy + '-wal');
    const db = new Database(copy);
    migrate(db);
    const close = db.close.bind(db);
    db.close = () => {
      close();
      fs.rmSync(tmp, { recursive: true, force: true });
      return db;
    };
    return db;
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

/** A snapshot that would fill the temp folder is refused before a byte is copied. */
function checkRoomForSnapshot(dataDir: string, file: string, reason: string): void {
  let size = 0;
  for (const f of [file, file + '-wal'])
    size += fs.statSync(f, { throwIfNoEntry: false })?.size ?? 0;
  const tmp = fs.statfsSync(os.tmpdir());
  const free = tmp.bavail * tmp.bsize;
  if (size * 2 > free)
    throw new Error(
      `the data folder ${dataDir} cannot be written (${reason}), and the snapshot of its ` +
        `database (${size} bytes) that reading it needs does not fit in ${os.tmpdir()} ` +
        `(${free} bytes free): free space there or point TMPDIR elsewhere`,
    );
}
