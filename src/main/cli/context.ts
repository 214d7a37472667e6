import type { Writable } from 'node:stream';
import type { Db } from '../services/db/database.ts';
import { openDatabaseForReading, openWritableDatabase } from '../services/db/read-only-open.ts';
import { terminalSafe } from './terminal-safe.ts';

export interface CliIo {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
}

/** What every command gets: where the data lives and where to write. The database opens on first use. */
export class CliContext {
  readonly dataDir: string;
  readonly io: CliIo;
  /** The command only reads: it works on a data folder that cannot be written. */
  readonly readOnly: boolean;
  #db: Db | undefined;

  constructor(dataDir: string, io: CliIo, readOnly = false) {
    this.dataDir = dataDir;
    this.io = io;
    this.readOnly = readOnly;
  }

  get db(): Db {
    this.#db ??= this.readOnly
      ? openDatabaseForReading(this.dataDir)
      : openWritableDatabase(this.dataDir);
    return this.#db;
  }

  /** A line of output; control characters from user data are made visible (terminal-safe.ts). */
  out(line: string): void {
    this.io.stdout.write(terminalSafe(line) + '\n');
  }

  /** A line of diagnostics on stderr, made terminal-safe like out(). */
  err(line: string): void {
    this.io.stderr.write(terminalSafe(line) + '\n');
  }

  close(): void {
    this.#db?.close();
  }
}
