// runs:export { dir }: the Electron folder dialog's pick. The export lands in <dir>/<run-id> with
// the same bytes as the default export; a relative, missing or data-folder path is refused by name.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { completedRun, tempDataDir, useBackends } from './helpers.ts';

const backendIn = useBackends();
const scratch = tempDataDir();

describe('runs:export into a chosen folder', () => {
  it('writes <dir>/<run-id> like the default export and refuses bad folders', async () => {
    const { backend, dataDir, runId } = await completedRun(backendIn, {
      symbols: ['EURUSD'],
      timeframes: ['H1'],
      indicators: [],
      strategy: 'ma-cross',
      params: { timeframe: 'H1', trendTimeframe: 'H1', fast: 3, slow: 8, trendPeriod: 5 },
      checkpoints: { intervalMs: 0, everyTicks: 1_000_000, keep: 1, level: 1 },
    });
    const chosen = scratch();
    const mine = await backend.invoke('runs:export', { runId, dir: chosen });
    expect(mine.dir).toBe(path.join(fs.realpathSync(chosen), runId));
    const usual = await backend.invoke('runs:export', { runId });
    expect(usual.dir).toBe(path.join(dataDir, 'exports', runId));
    expect(mine.files.map((f) => path.basename(f))).toEqual(
      usual.files.map((f) => path.basename(f)),
    );
    for (const f of usual.files) {
      const twin = path.join(mine.dir, path.basename(f));
      expect(fs.readFileSync(twin).equals(fs.readFileSync(f)), path.basename(f)).toBe(true);
    }

    const refused = (dir: string) =>
      backend.invoke('runs:export', { runId, dir }).then(
        () => 'exported',
        (e: Error) => e.message,
      );
    expect(await refused('relative/folder')).toMatch(/'relative\/folder' is not an absolute path/);
    expect(await refused(path.join(chosen, 'missing'))).toMatch(/does not exist/);
    expect(await refused(path.join(dataDir, 'exports'))).toMatch(/inside the data folder/);
    expect(await refused(dataDir)).toMatch(/inside the data folder/);
    const file = path.join(chosen, 'a-file');
    fs.writeFileSync(file, 'x');
    expect(await refused(file)).toMatch(/is not a folder/);
    expect(await backend.invoke('runs:pickFolder'), 'no dialog in the backend').toBeNull();
  });
});
