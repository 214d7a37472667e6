/**
 * One writer per run, and a budget pass that owns no run: `checkpoints gc` from another process,
 * with a budget of 0 bytes, over and over while a run is writing checkpoints. The run never loses
 * its newest checkpoint, finishes normally, and its export is byte-identical to the same run
 * without any gc beside it; the rows of the files gc took read 'gc'.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../cli/run-cli.ts';
import { startCli } from '../crash/child-cli.ts';
import { copyFolder, exportOf, useDataFolders } from '../lifecycle/shared-data.ts';

const folder = useDataFolders(4, 21);
const RUN = ['run', '--symbol', 'EURUSD', '--timeframes', 'M1,M5,H1', '--indicators', 'ema(20)'];
const CKPT = ['--checkpoint-every-ticks', '2000', '--checkpoint-interval', '0', '--keep', '3'];

function btckFiles(dir: string, runId: string): string[] {
  const d = path.join(dir, 'runs', runId, 'checkpoints');
  return fs.existsSync(d) ? fs.readdirSync(d).filter((f) => f.endsWith('.btck')) : [];
}

describe('checkpoints gc beside the process that owns a run', () => {
  it('never takes the running run its newest checkpoint, nor disturbs its output', async () => {
    const dir = folder();
    const reference = copyFolder(dir);
    try {
      expect(cli(dir, ['settings', 'checkpoint-budget', '0']).code).toBe(0);
      const owner = startCli(dir, [...RUN, ...CKPT, '--json']);
      let ended = false;
      void owner.exited.then(() => (ended = true));
      let runId: string | undefined;
      let passes = 0;
      let collected = 0;
      while (!ended) {
        runId ??= /run (\S+) started/.exec(owner.stderr())?.[1];
        const before = runId ? btckFiles(dir, runId).length : 0;
        // A process of its own, awaited: the loop must let the owner's exit event through.
        const gc = startCli(dir, ['checkpoints', 'gc', '--json']);
        expect((await gc.exited).code, gc.stderr()).toBe(0);
        passes++;
        const report = JSON.parse(gc.stdout()) as { deleted: { runId: string }[] };
        collected += report.deleted.filter((f) => f.runId === runId).length;
        if (runId && before > 0 && !ended) {
          // Its owner may have retired older ones meanwhile, never all of them.
          expect(
            btckFiles(dir, runId).length,
            `pass ${passes}: the run keeps a checkpoint`,
          ).toBeGreaterThan(0);
        }
      }
      const end = await owner.exited;
      expect(end.code, owner.stderr()).toBe(0);
      const result = JSON.parse(owner.stdout()) as { runId: string; status: string };
      expect(result.status).toBe('completed');
      expect(passes, 'gc ran while the run did').toBeGreaterThan(1);

      const db = new Database(path.join(dir, 'backtestr.db'), { readonly: true });
      const gcRows = (
        db
          .prepare("SELECT COUNT(*) AS n FROM checkpoints WHERE run_id = ? AND status = 'gc'")
          .get(result.runId) as { n: number }
      ).n;
      db.close();
      expect(gcRows, "rows of files gc deleted read 'gc'").toBeGreaterThan(0);
      // How many the other process took (the owner's own budget passes race it for them).
      console.log(`gc beside owner: ${passes} passes took ${collected} of the run's checkpoints`);

      const straight = cli(reference, [...RUN, ...CKPT, '--json']);
      expect(straight.code, straight.stderr).toBe(0);
      const straightId = (JSON.parse(straight.stdout) as { runId: string }).runId;
      expect(exportOf(dir, result.runId)).toEqual(exportOf(reference, straightId));
    } finally {
      fs.rmSync(reference, { recursive: true, force: true });
    }
  }, 600_000);
});
