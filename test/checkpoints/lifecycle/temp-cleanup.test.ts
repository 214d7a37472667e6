/**
 * Stray-temp cleanup as a user meets it: `resume` opens the run's checkpoints and removes what a
 * crash left half-written — only the writer's own temps, never a user's `*.tmp`, and nothing at
 * all through a checkpoints folder that links out of the data folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkpointFileName } from '../../../src/main/services/checkpoints/btck/file-name.ts';
import { cli } from '../../cli/run-cli.ts';
import { startCli, waitFor } from '../crash/child-cli.ts';
import { checkpointFiles, copyFolder, dataFolder, RUN_ARGS } from './shared-data.ts';

const CKPT = ['--checkpoint-every-ticks', '100000', '--checkpoint-interval', '0'];
let base: string;
const made: string[] = [];

function folder(): string {
  const d = copyFolder(base);
  made.push(d);
  return d;
}

beforeAll(() => {
  base = dataFolder(3);
}, 120_000);
afterAll(() => {
  for (const d of [base, ...made]) fs.rmSync(d, { recursive: true, force: true });
});

/** Starts a run and SIGKILLs it once its first checkpoint file exists; returns the run id. */
async function killedRun(dir: string): Promise<string> {
  const proc = startCli(dir, ['run', ...RUN_ARGS, ...CKPT]);
  const runId = await waitFor(proc, () => /run (\S+) started/.exec(proc.stderr())?.[1]);
  await waitFor(proc, () =>
    checkpointFiles(dir, runId!).some((f) => f.endsWith('.btck')) ? true : undefined,
  );
  proc.child.kill('SIGKILL');
  await proc.exited;
  return runId!;
}

/** A stray temp named as the writer names them, far past any seq this run will reach. */
const OWN_TEMP = `${checkpointFileName(999_999, 0)}.tmp`;

describe('stray-temp cleanup on resume', () => {
  it("removes the writer's stray temp and leaves a user's thesis.tmp", async () => {
    const dir = folder();
    const runId = await killedRun(dir);
    const ckptDir = path.join(dir, 'runs', runId, 'checkpoints');
    fs.writeFileSync(path.join(ckptDir, 'thesis.tmp'), 'my thesis');
    fs.writeFileSync(path.join(ckptDir, OWN_TEMP), 'half-written');
    const r = cli(dir, ['resume', runId, ...CKPT]);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.readFileSync(path.join(ckptDir, 'thesis.tmp'), 'utf8')).toBe('my thesis');
    expect(fs.existsSync(path.join(ckptDir, OWN_TEMP)), 'the stray temp is gone').toBe(false);
  }, 120_000);

  it('touches nothing through a checkpoints folder linked out of the data folder', async () => {
    const dir = folder();
    const runId = await killedRun(dir);
    const ckptDir = path.join(dir, 'runs', runId, 'checkpoints');
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'backtestr-outside-'));
    made.push(outside);
    fs.cpSync(ckptDir, outside, { recursive: true });
    fs.rmSync(ckptDir, { recursive: true });
    fs.symlinkSync(outside, ckptDir);
    fs.writeFileSync(path.join(outside, 'thesis.tmp'), 'my thesis');
    fs.writeFileSync(path.join(outside, OWN_TEMP), 'not in the data folder: not ours to remove');
    const r = cli(dir, ['resume', runId, ...CKPT]);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.readFileSync(path.join(outside, 'thesis.tmp'), 'utf8')).toBe('my thesis');
    expect(fs.existsSync(path.join(outside, OWN_TEMP))).toBe(true);
  }, 120_000);
});
