/**
 * The servers a cluster needs, started on this machine on 127.0.0.1 — for the tests and
 * `npm run cluster:demo`, never for users (they point BackTestr at their own Redis and S3):
 *   - Redis: Debian's `redis-server` (.ci/run installs it), no persistence, in a temp folder.
 *   - S3: the npm package s3rver (an S3 protocol server on the file system), in a child process
 *     so that a test can kill it ("the store is unreachable") and start it again on the same
 *     port and folder (`restart`), with its objects intact.
 * Each returns the URL and environment to hand to BackTestr processes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface LocalServer {
  port: number;
  stop(): Promise<void>;
}

export interface LocalRedis extends LocalServer {
  url: string;
}

export interface LocalS3 extends LocalServer {
  /** The bucket created at start (the store URL is s3://<bucket>/<prefix>). */
  bucket: string;
  /** AWS_* variables that point the SDK at this server. */
  env: Record<string, string>;
  /** Kills the server: the store is unreachable until `up` (objects stay on disk). */
  down(): Promise<void>;
  /** Starts it again on the same port and folder. */
  up(): Promise<void>;
  /** Where it keeps objects: <dir>/<bucket>/<key>._S3rver_object */
  dir: string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => (s.end(), resolve(true)));
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} did not listen on 127.0.0.1:${port} within 20 s`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

export async function startRedis(): Promise<LocalRedis> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-redis-'));
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
    ],
    { stdio: 'ignore' },
  );
  child.on('error', () => {}); // ENOENT shows as the exit below
  await waitForPort(port, child, 'redis-server (install it: apt-get install redis-server)');
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      await stopChild(child);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const S3RVER_BIN = createRequire(import.meta.url).resolve('s3rver/bin/s3rver.js');

export async function startS3(bucket = 'backtestr'): Promise<LocalS3> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-s3-'));
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn(
      process.execPath,
      [
        S3RVER_BIN,
        '-d',
        dir,
        '-a',
        '127.0.0.1',
        '-p',
        String(port),
        '-s',
        '--configure-bucket',
        bucket,
      ],
      { stdio: 'ignore' },
    );
    await waitForPort(port, child, 's3rver');
  };
  await start();
  return {
    port,
    bucket,
    dir,
    env: {
      AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
    },
    down: async () => {
      if (child) await stopChild(child);
    },
    up: start,
    stop: async () => {
      if (child) await stopChild(child);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
