/**
 * A disk that fills up mid-run: the checkpoints folder sits on a tiny tmpfs. Failed writes must
 * leave every earlier checkpoint intact, never a corrupt "latest", and the run goes on to the
 * same results. Needs root to mount; elsewhere the test is skipped and says why.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../../cli/run-cli.ts';
import { checkpointFiles, dataFolder, exportOf, runJson, RUN_ARGS } from './shared-data.ts';

function tryMount(dir: string, size: string): boolean {
  try {
    fs.mkdirSync(dir, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const dir = dataFolder(4);
const runsDir = path.join(dir, 'runs');
const mounted = tryMount(runsDir, '200k');
// A run that records no bars embeds its bar histories in every checkpoint (hundreds of KB), so a
// 200 KiB disk fills after the first few; live-state checkpoints would all fit.
const ARGS = [...RUN_ARGS, '--record', 'trades,equity'];
afterAll(() => {
  if (mounted) execFileSync('umount', [runsDir]);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('checkpoints on a full disk', () => {
  it.skipIf(!mounted)(
    'keep earlier checkpoints valid and the run going (skipped where mounting a tmpfs is not allowed)',
    () => {
      const reference = exportOf(dir, runJson(dir, ['run', ...ARGS, '--no-checkpoints']).runId);
      const run = runJson(dir, [
        'run',
        ...ARGS,
        '--checkpoint-every-ticks',
        '50000',
        '--checkpoint-interval',
        '0',
        '--keep',
        '50',
      ]);
      const ckpt = run.checkpoints as { written: number; failed: number; lastError: string };
      expect(ckpt.failed, 'the disk filled up').toBeGreaterThan(0);
      expect(ckpt.written).toBeGreaterThan(0);
      expect(ckpt.lastError).toMatch(/ENOSPC|no space/i);
      const files = checkpointFiles(dir, run.runId);
      expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
      for (const f of files.filter((f) => f.endsWith('.btck'))) {
        expect(cli(dir, ['checkpoints', 'verify', f]).code, `${f} verifies`).toBe(0);
      }
      expect(exportOf(dir, run.runId)).toEqual(reference);
    },
  );
});
