import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeBtck, encodeBtck } from '../../../src/main/services/checkpoints/btck/btck-codec.ts';
import { CHECKPOINT_FORMAT_VERSION } from '../../../src/main/services/checkpoints/checkpoint-data.ts';
import { loadHasher } from '../../../src/main/services/hash.ts';
import { cli } from '../../cli/run-cli.ts';
import { startCli, waitFor } from '../crash/child-cli.ts';
import {
  checkpointFiles,
  CKPT,
  killedRun,
  generateEurusd,
  useDataFolders,
  exportOf,
  runJson,
  runsOf,
  RUN_ARGS,
} from './shared-data.ts';

const folder = useDataFolders();
let reference: Map<string, string>;

beforeAll(() => {
  const ref = folder();
  reference = exportOf(ref, runJson(ref, ['run', ...RUN_ARGS, '--no-checkpoints']).runId);
}, 120_000);

describe('recovery from damaged checkpoints', () => {
  const damage: [string, (b: Buffer) => Buffer][] = [
    ['truncated', (b) => b.subarray(0, Math.floor(b.length * 0.6))],
    [
      'bit flip in the payload',
      (b) => {
        const c = Buffer.from(b);
        c[Math.floor(c.length / 2)] ^= 0x10;
        return c;
      },
    ],
    [
      'bit flip in the footer',
      (b) => {
        const c = Buffer.from(b);
        c[c.length - 3] ^= 0x01;
        return c;
      },
    ],
    ['wrong magic', (b) => Buffer.concat([Buffer.from('XXXX'), b.subarray(4)])],
    ['empty file', () => Buffer.alloc(0)],
  ];

  it.each(damage)(
    '%s: the newest is quarantined, the previous one used, nothing lost',
    async (_name, spoil) => {
      const dir = folder();
      const runId = await killedRun(dir, 3);
      const files = checkpointFiles(dir, runId).filter((f) => f.endsWith('.btck'));
      const newest = files.at(-1)!;
      fs.writeFileSync(newest, spoil(fs.readFileSync(newest)));
      const r = cli(dir, ['resume', runId, '--json', ...CKPT]);
      expect(r.code, r.stderr).toBe(0);
      const summary = JSON.parse(r.stdout);
      expect(summary.quarantined).toEqual([`${newest}.corrupt`]);
      expect(fs.existsSync(`${newest}.corrupt`)).toBe(true);
      expect(summary.resumedFrom.seq).toBeLessThan(
        Number(/^ckpt-(\d+)-/.exec(path.basename(newest))![1]),
      );
      expect(exportOf(dir, runId)).toEqual(reference);
    },
  );

  it('refuses a checkpoint from a newer format with a clear message, touching nothing', async () => {
    const dir = folder();
    const runId = await killedRun(dir, 2);
    const newest = checkpointFiles(dir, runId)
      .filter((f) => f.endsWith('.btck'))
      .at(-1)!;
    // An intact file, as a newer BackTestr would write it.
    await loadHasher();
    const { payload } = decodeBtck(fs.readFileSync(newest), CHECKPOINT_FORMAT_VERSION);
    fs.writeFileSync(
      newest,
      encodeBtck(payload, { version: CHECKPOINT_FORMAT_VERSION + 1, createdAt: Date.now() }),
    );
    const verify = cli(dir, ['checkpoints', 'verify', newest]);
    expect(verify.code).toBe(1);
    const v = CHECKPOINT_FORMAT_VERSION;
    expect(verify.stderr).toContain(
      `written by a newer BackTestr (format ${v + 1}, this version reads up to ${v}); update the app`,
    );
    const resume = cli(dir, ['resume', runId]);
    expect(resume.code).toBe(1);
    expect(resume.stderr).toMatch(/newer BackTestr/);
    expect(fs.existsSync(newest), 'not quarantined: the file is fine, this app is old').toBe(true);
  });
});

describe('runs and their checkpoints over time', () => {
  it('a SIGINT pauses the run (exit 0) and resume completes it identically', async () => {
    const dir = folder();
    const proc = startCli(dir, ['run', ...RUN_ARGS, ...CKPT]);
    const runId = (await waitFor(proc, () => /run (\S+) started/.exec(proc.stderr())?.[1]))!;
    await waitFor(proc, () => (checkpointFiles(dir, runId).length > 0 ? true : undefined));
    proc.child.kill('SIGINT');
    expect((await proc.exited).code).toBe(0);
    expect(proc.stdout()).toMatch(/paused at \d+ ticks/);
    expect(runsOf(dir).find((r) => r.id === runId)!.status).toBe('paused');
    const list = JSON.parse(cli(dir, ['checkpoints', 'list', runId, '--json']).stdout) as {
      trigger: string;
    }[];
    expect(list.at(-1)!.trigger).toBe('shutdown');
    expect(cli(dir, ['resume', runId]).code).toBe(0);
    expect(exportOf(dir, runId)).toEqual(reference);
  });

  it('never lets two processes run one run', async () => {
    const dir = folder();
    const proc = startCli(dir, ['run', ...RUN_ARGS, ...CKPT], {
      BACKTESTR_CKPT_TEST_DELAY_MS: '300',
      BACKTESTR_TEST_THROTTLE_MS: '200', // the run must outlast the second process's start-up
    });
    const runId = (await waitFor(proc, () => /run (\S+) started/.exec(proc.stderr())?.[1]))!;
    await waitFor(proc, () =>
      checkpointFiles(dir, runId).some((f) => f.endsWith('.btck')) ? true : undefined,
    );
    const second = cli(dir, ['resume', runId]);
    const stillRunning = proc.child.exitCode === null;
    proc.child.kill('SIGKILL');
    await proc.exited;
    expect(stillRunning, 'the first process was still running during the second attempt').toBe(
      true,
    );
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/is being run by process \d+/);
  });

  it('resuming an older checkpoint forks a new run and leaves the original intact', () => {
    const dir = folder();
    const { runId } = runJson(dir, ['run', ...RUN_ARGS, ...CKPT, '--keep', '50']);
    const before = exportOf(dir, runId);
    const seqs = (
      JSON.parse(cli(dir, ['checkpoints', 'list', runId, '--json']).stdout) as {
        seq: number;
        status: string;
      }[]
    )
      .filter((c) => c.status === 'valid')
      .map((c) => c.seq);
    expect(seqs.length).toBeGreaterThan(3);
    const fork = runJson(dir, ['resume', runId, '--checkpoint', String(seqs[1]), ...CKPT]);
    expect(fork.runId).not.toBe(runId);
    expect(fork.forkedFrom).toBe(runId);
    const runs = runsOf(dir);
    expect(runs.find((r) => r.id === fork.runId)!.parentRunId).toBe(runId);
    expect(exportOf(dir, fork.runId)).toEqual(before);
    expect(exportOf(dir, runId)).toEqual(before);
    expect(checkpointFiles(dir, fork.runId).length).toBeGreaterThan(0);
  });

  it('refuses to resume when the input data changed since the checkpoint, unless --force', async () => {
    const dir = folder();
    const runId = await killedRun(dir, 2);
    generateEurusd(dir, 6, 5, '--replace');
    const r = cli(dir, ['resume', runId]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/stored ticks of EURUSD changed/);
    expect(cli(dir, ['resume', runId, '--force']).code).toBe(0);
  });
});
