/**
 * BackTestr processes of a cluster on this machine, for the demo and the bench: the real CLI
 * (`bin/backtestr.js`) in child processes, each with its own data folder, as on separate
 * machines. A worker's stderr (one line per job event) is kept so a caller can show or read it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const BIN = path.resolve(import.meta.dirname, '../../bin/backtestr.js');

export interface CliProcess {
  child: ChildProcess;
  pid: number;
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `backtestr ARGS` with BACKTESTR_DATA_DIR = dataDir and the given extra environment. */
export function spawnCli(dataDir: string, args: string[], env: Record<string, string>): CliProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env, BACKTESTR_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, pid: child.pid!, stdout: () => out, stderr: () => err, exited };
}

/** Runs `backtestr ARGS` to its end; throws with its stderr when it fails. */
export function runCli(dataDir: string, args: string[], env: Record<string, string> = {}): string {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env, BACKTESTR_DATA_DIR: dataDir },
  });
  if (r.status !== 0)
    throw new Error(`backtestr ${args.slice(0, 2).join(' ')} failed: ${r.stderr || r.error}`);
  return r.stdout;
}

export interface WorkerSettings {
  redisUrl: string;
  storeUrl: string;
  /** AWS_* for the store, plus anything else the worker should see. */
  env: Record<string, string>;
  /** Short BullMQ lock/stall settings so a killed worker's job moves on in seconds. */
  lockMs: number;
  stallMs: number;
  concurrency?: number;
}

/** `backtestr worker …` with its own data folder (its work dir and chunk cache live there). */
export function startWorker(dataDir: string, s: WorkerSettings): CliProcess {
  return spawnCli(
    dataDir,
    [
      'worker',
      '--redis',
      s.redisUrl,
      '--store',
      s.storeUrl,
      '--concurrency',
      String(s.concurrency ?? 1),
      '--lock-ms',
      String(s.lockMs),
      '--stall-ms',
      String(s.stallMs),
    ],
    s.env,
  );
}

/** SIGTERM (a worker gives its jobs back), then SIGKILL if it is still there after `graceMs`. */
export async function stopProcess(p: CliProcess, graceMs = 5000): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill('SIGTERM');
  const timer = setTimeout(() => p.child.kill('SIGKILL'), graceMs);
  await p.exited;
  clearTimeout(timer);
}
