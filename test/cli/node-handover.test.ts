// bin/backtestr.js on a Node older than 24 hands the command over to the Node 24 that
// `npm install` puts in node_modules (the `node` dev dependency): same output and exit code,
// SIGINT/SIGUSR1 forwarded to the run, a signal death passed on. Needs an older Node on the
// machine (a Debian machine's system Node is 20); skipped, with the reason printed, without one.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor, type RunningCli } from '../checkpoints/crash/child-cli.ts';
import { generateEurusd } from '../checkpoints/lifecycle/shared-data.ts';
import { cli } from './run-cli.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/backtestr.js');

/** A `node` older than 24 on PATH or in the usual places, else null. */
function olderNode(): string | null {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/bin', '/usr/local/bin'];
  for (const dir of dirs.filter(Boolean)) {
    const exe = path.join(dir, process.platform === 'win32' ? 'node.exe' : 'node');
    if (!fs.existsSync(exe)) continue;
    try {
      const major = Number(execFileSync(exe, ['-p', 'process.versions.node.split(".")[0]']));
      if (major < 24) return exe;
    } catch {
      // not runnable: try the next one
    }
  }
  return null;
}

const OLD_NODE = olderNode();
const SKIP_REASON = 'no Node older than 24 on this machine to hand over from';
let dataDir: string;

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backtestr-handover-'));
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** Runs the CLI on the old Node in the background, as `node bin/backtestr.js …` would. */
function startOnOldNode(args: string[], env: NodeJS.ProcessEnv = {}): RunningCli {
  const child = spawn(OLD_NODE!, [BIN, ...args], {
    env: { ...process.env, BACKTESTR_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

function onOldNode(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(OLD_NODE!, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, BACKTESTR_DATA_DIR: dataDir, ...env },
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

describe('bin/backtestr.js on Node older than 24', () => {
  it.runIf(OLD_NODE === null)('is skipped here', (ctx) => {
    console.warn(`test/cli/node-handover.test.ts skipped: ${SKIP_REASON}`);
    ctx.skip(SKIP_REASON);
  });

  describe.runIf(OLD_NODE !== null)(`on ${OLD_NODE}`, () => {
    it('answers as Node 24 does: same output, same exit code', () => {
      for (const args of [['data', 'list'], ['no-such-command'], ['--help']]) {
        const old = onOldNode(args);
        const current = cli(dataDir, args);
        expect({ ...old, signal: undefined }, args.join(' ')).toEqual({
          code: current.code,
          signal: undefined,
          stdout: current.stdout,
          stderr: current.stderr,
        });
      }
    });

    it('forwards SIGUSR1 (checkpoint) and SIGINT (pause, exit 0) to the run', async () => {
      generateEurusd(dataDir, 5, 1, '--replace');
      const proc = startOnOldNode(['run', '--symbol', 'EURUSD', '--checkpoint-interval', '0'], {
        BACKTESTR_TEST_THROTTLE_MS: '200',
      });
      const runId = await waitFor(proc, () => /run (\S+) started/.exec(proc.stderr())?.[1]);
      expect(runId, proc.stderr()).toBeDefined();
      const checkpoints = () =>
        JSON.parse(cli(dataDir, ['checkpoints', 'list', runId!, '--json']).stdout) as unknown[];
      proc.child.kill('SIGUSR1');
      expect(await waitFor(proc, () => (checkpoints().length > 0 ? true : undefined))).toBe(true);
      proc.child.kill('SIGINT');
      expect(await proc.exited, proc.stderr()).toEqual({ code: 0, signal: null });
      expect(proc.stdout()).toMatch(/paused at \d+ ticks/);
      expect(
        proc.stderr().match(/SIGINT: writing a checkpoint/g),
        'SIGINT arrives once',
      ).toHaveLength(1);
    });

    it.runIf(process.platform === 'linux')(
      'dies of the signal its Node 24 child died of',
      async () => {
        const proc = startOnOldNode(['run', '--symbol', 'EURUSD'], {
          BACKTESTR_TEST_THROTTLE_MS: '200',
        });
        await waitFor(proc, () => /run (\S+) started/.exec(proc.stderr())?.[1]);
        const pid = proc.child.pid!;
        const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
        expect(children, 'one Node 24 child').toMatch(/^\d+$/);
        process.kill(Number(children), 'SIGKILL');
        expect(await proc.exited).toEqual({ code: null, signal: 'SIGKILL' });
      },
    );

    it('says how to get Node 24 when there is none to hand over to', () => {
      // As if the handed-over process were still too old: it must not hand over again.
      const r = onOldNode(['data', 'list'], { BACKTESTR_HANDED_OVER_FROM: 'v20.0.0' });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        /backtestr needs Node\.js 24 or newer \(this is v\d+\.[\d.]+\)\. Run `npm install` in /,
      );
    });
  });
});
