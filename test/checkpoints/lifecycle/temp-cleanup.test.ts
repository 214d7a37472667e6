/**
 * Stray-temp cleanup as a user meets it: `resume` opens the run's checkpoints and removes what a
 * crash left half-written — only the writer's own temps, never a user's `*.tmp`, and nothing at
 * all through a checkpoints folder that links out of the data folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { checkpointFileName } from '../../../src/main/services/checkpoints/btck/file-name.ts';
import { cli } from '../../cli/run-cli.ts';
import { CKPT, killedRun, useDataFolders } from './shared-data.ts';

const folder = useDataFolders(3);

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
    onTestFinished(() => fs.rmSync(outside, { recursive: true, force: true }));
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
