// bin/compile-cache.js: the CLI keeps Node's compiled code in the user's cache folder, so a
// command does not compile (and type-strip) every source again in each of its threads.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateEurusd } from '../checkpoints/lifecycle/shared-data.ts';
import { useTempDir } from '../services/temp-dir.ts';
import { cli } from './run-cli.ts';

const tempDir = useTempDir();

/** Files in the cache folder, whatever Node's layout inside it. */
function cachedFiles(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  return fs.readdirSync(dir, { recursive: true }).filter((f) => {
    return fs.statSync(path.join(dir, String(f))).isFile();
  }).length;
}

describe('compile cache', () => {
  it('fills the user cache folder, from the run worker threads too', () => {
    const data = tempDir();
    const cacheHome = tempDir();
    const env = { XDG_CACHE_HOME: cacheHome, NODE_COMPILE_CACHE: '' };
    const cache = path.join(cacheHome, 'backtestr', 'compile-cache');
    generateEurusd(data, 1, 3);

    const list = cli(data, ['runs', 'list'], env);
    expect(list.code, list.stderr).toBe(0);
    const afterList = cachedFiles(cache);
    expect(afterList, 'the CLI thread cached its modules').toBeGreaterThan(0);

    const args = ['run', '--symbol', 'EURUSD', '--timeframes', 'M1', '--json'];
    const run = cli(data, args, env);
    expect(run.code, run.stderr).toBe(0);
    // `runs list` already loaded every module of the CLI thread; what `run` adds was compiled in
    // the threads it starts (run worker, heartbeat, checkpoint writer).
    const afterRun = cachedFiles(cache);
    expect(afterRun).toBeGreaterThan(afterList);

    const again = cli(data, args, env);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).ticks).toBe(JSON.parse(run.stdout).ticks);
  });
});
