import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const START = path.resolve(import.meta.dirname, '../src/main/web/start.ts');

export interface WebBackend {
  url: string;
  process: ChildProcess;
  /** SIGKILL: the crash a power cut or an OOM kill would be. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts `npm run web`'s server (without the build step) for a data folder, on a random port or
 * on `port` (a restart where open pages expect it; the token is the data folder's, so it matches).
 */
export async function startWebBackend(
  dataDir: string,
  env: NodeJS.ProcessEnv = {},
  port = 0,
): Promise<WebBackend> {
  const child = spawn(process.execPath, [START, '--data-dir', dataDir, '--port', String(port)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /BackTestr web UI: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearInterval(timer);
        resolve(m[1]);
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`web backend exited: ${err}`));
      }
    }, 20);
  });
  return {
    url,
    process: child,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
