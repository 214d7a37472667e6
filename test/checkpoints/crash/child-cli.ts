import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const BIN = path.resolve(import.meta.dirname, '../../../bin/backtestr.js');

export interface RunningCli {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (null when killed by a signal) once the process is reaped. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the real CLI as a separate process, as a user would, with its own data folder. */
export function startCli(dataDir: string, args: string[], env: NodeJS.ProcessEnv = {}): RunningCli {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, BACKTESTR_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Polls until `check` returns a value, the process exits, or the deadline passes. */
export async function waitFor<T>(
  run: RunningCli,
  check: () => T | undefined,
  timeoutMs = 60_000,
): Promise<T | undefined> {
  let done = false;
  void run.exited.then(() => (done = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const v = check();
    if (v !== undefined) return v;
    if (done) return check();
    await new Promise((r) => setTimeout(r, 5));
  }
  return undefined;
}

export function filesIn(dir: string, suffix: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(suffix)) : [];
}

/** A fixed-seed generator: kill moments are random but the same on every run of the suite. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Whether some connection holds the database's write lock right now (tries it without waiting). */
function writeLocked(dbFile: string): boolean {
  const db = new Database(dbFile, { timeout: 0 });
  try {
    db.exec('BEGIN IMMEDIATE; ROLLBACK');
    return false;
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw e;
  } finally {
    db.close();
  }
}

/**
 * SIGSTOPs the process at a moment it holds no SQLite write lock. A process stopped inside a
 * write transaction blocks every other writer of the folder for as long as it is stopped (that
 * is SQLite's locking, not ours to test), so a stop that lands there is undone and tried again.
 */
export async function stopOutsideWrite(run: RunningCli, dbFile: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    run.child.kill('SIGSTOP');
    await new Promise((r) => setTimeout(r, 20)); // the signal is delivered asynchronously
    if (!writeLocked(dbFile)) return;
    run.child.kill('SIGCONT');
    await new Promise((r) => setTimeout(r, 5 + attempt));
  }
  throw new Error('the process held the write lock at every stop');
}
