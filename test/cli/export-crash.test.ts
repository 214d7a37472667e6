import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { INCOMPLETE_MARKER } from '../../src/main/services/runs/export-staging.ts';
import { startCli, waitFor } from '../checkpoints/crash/child-cli.ts';
import { useTempDir } from '../services/temp-dir.ts';
import { cli } from './run-cli.ts';

const tempDir = useTempDir();
/** Each exported file (and each file replaced) is followed by this pause: kills land between. */
const SLOW = { BACKTESTR_EXPORT_TEST_DELAY_MS: '300' };
const STRATEGY = ['--strategy', 'ma-cross', '--param', 'timeframe=M1', '--param', 'fast=3'].concat([
  '--param',
  'trendTimeframe=M5',
  '--param',
  'trendPeriod=3',
]);

/** Name → text of the exported files in `dir`, leaving out crashed staging folders. */
function exported(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  if (!fs.existsSync(dir)) return files;
  for (const name of fs.readdirSync(dir).sort()) {
    if (name.startsWith('.') && name.endsWith('.tmp')) continue; // a staging folder
    files.set(name, fs.readFileSync(path.join(dir, name), 'utf8'));
  }
  return files;
}

/** Files in `out` plus files in staging folders beside it or inside it. */
function filesWritten(out: string): number {
  let n = 0;
  for (const home of [path.dirname(out), out].filter((d) => fs.existsSync(d))) {
    for (const e of fs.readdirSync(home, { withFileTypes: true })) {
      const full = path.join(home, e.name);
      if (e.isDirectory() && e.name.includes('.export-')) n += fs.readdirSync(full).length;
      else if (home === out && e.isFile()) n++;
    }
  }
  return n;
}

describe('runs export is atomic under SIGKILL (issue 8 §8)', () => {
  // One data folder: two runs with different params, and their complete reference exports.
  let data: string;
  let runA: string;
  let runB: string;
  let refA: Map<string, string>;
  let refB: Map<string, string>;

  const exportTo = (runId: string, out: string) =>
    cli(data, ['runs', 'export', runId, '--out', out]);

  /** Starts a slowed export and SIGKILLs it once `ready()` holds, `thenMs` later. */
  async function killExportWhen(runId: string, out: string, ready: () => boolean, thenMs = 0) {
    const child = startCli(data, ['runs', 'export', runId, '--out', out], SLOW);
    await waitFor(child, () => (ready() ? true : undefined));
    if (thenMs > 0) await new Promise((r) => setTimeout(r, thenMs));
    child.child.kill('SIGKILL');
    return (await child.exited).signal;
  }

  beforeAll(() => {
    data = fs.mkdtempSync(path.join(path.dirname(tempDir()), 'backtestr-export-crash-'));
    const gen = ['data', 'generate', '--symbol', 'EURUSD', '--days', '1', '--seed', '5'];
    expect(cli(data, gen).code).toBe(0);
    const run = (slow: string) => {
      const args = ['run', '--symbol', 'EURUSD', '--timeframes', 'M1,M5,H1', ...STRATEGY];
      const r = cli(data, [...args, '--param', `slow=${slow}`, '--no-checkpoints', '--json']);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout).runId as string;
    };
    runA = run('5');
    runB = run('8');
    const ref = (id: string) => {
      const out = path.join(data, `ref-${id}`);
      expect(exportTo(id, out).code).toBe(0);
      return exported(out);
    };
    refA = ref(runA);
    refB = ref(runB);
    return () => fs.rmSync(data, { recursive: true, force: true });
  });

  it('a killed export into a new folder leaves no folder or the complete export', async () => {
    expect([...refA.keys()]).toEqual([
      'EURUSD_H1.csv',
      'EURUSD_M1.csv',
      'EURUSD_M5.csv',
      'equity.csv',
      'rejections.csv',
      'summary.json',
      'trades.csv',
    ]);
    const dir = tempDir();
    for (const afterFiles of [1, 3, 5]) {
      const out = path.join(dir, `new-${afterFiles}`);
      const killed = await killExportWhen(runA, out, () => filesWritten(out) >= afterFiles);
      expect(killed).toBe('SIGKILL');
      const left = exported(out);
      if (left.size > 0) expect(left, `killed after ${afterFiles} files`).toEqual(refA);
      else expect(fs.existsSync(out), 'no half-made folder either').toBe(false);
      // The next export of the same target removes the crashed staging folder and succeeds.
      expect(exportTo(runA, out).code).toBe(0);
      expect(exported(out)).toEqual(refA);
      expect(fs.readdirSync(dir).filter((n) => n.includes('.export-'))).toEqual([]);
    }
  });

  it('a killed re-export over an older one leaves each file whole, and marks a mix', async () => {
    const dir = tempDir();
    // Killed while staging (nothing replaced yet), then twice while files are being replaced.
    for (const [stage, thenMs] of [
      ['staging', 0],
      ['replacing', 150],
      ['replacing', 750],
    ] as const) {
      const out = path.join(dir, `again-${stage}-${thenMs}`);
      expect(exportTo(runA, out).code).toBe(0);
      const ready =
        stage === 'staging'
          ? () => filesWritten(out) >= refA.size + 2
          : () => fs.existsSync(path.join(out, INCOMPLETE_MARKER));
      expect(await killExportWhen(runB, out, ready, thenMs)).toBe('SIGKILL');
      const left = exported(out);
      const marked = left.delete(INCOMPLETE_MARKER);
      for (const [name, text] of left)
        expect([refA.get(name), refB.get(name)], `${name} is one whole version`).toContain(text);
      const mixed = [...left].some(([n, t]) => t !== refA.get(n));
      if (!marked) expect([refA, refB], 'unmarked means one complete export').toContainEqual(left);
      // The whole replace takes 6 × 300 ms after the marker appears: a kill within it finds it.
      if (stage === 'replacing') expect(marked, 'killed mid-replace: marked').toBe(true);
      if (stage === 'staging') expect(mixed, 'killed while staging: old export intact').toBe(false);
      expect(exportTo(runB, out).code).toBe(0);
      expect(exported(out), 'exporting again finishes it').toEqual(refB);
    }
  });
});
