/**
 * Checkpoint files as untrusted input, end to end through the real CLI: each hostile entry below
 * has a checkpoint's name (and, where it has bytes, a valid xxHash64 footer). `checkpoints verify`
 * must answer a clear error (exit 1, no crash, no hang), and `resume` must quarantine every one of
 * them and fall back to the newest real checkpoint, with results identical to an uninterrupted run.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeBtck } from '../../../src/main/services/checkpoints/btck/btck-codec.ts';
import {
  checkpointFileName,
  parseCheckpointFileName,
} from '../../../src/main/services/checkpoints/btck/file-name.ts';
import { loadHasher } from '../../../src/main/services/hash.ts';
import { cli } from '../../cli/run-cli.ts';
import {
  btckAroundFrame,
  hugeArrayPayload,
  nestedArraysPayload,
  zeroStreamFrame,
} from '../format/hostile.ts';
import {
  checkpointFiles,
  CKPT,
  exportOf,
  killedRun,
  runJson,
  RUN_ARGS,
  useDataFolders,
} from './shared-data.ts';

const GiB = 1024n * 1024n * 1024n;
const folder = useDataFolders();
let reference: Map<string, string>;

beforeAll(async () => {
  await loadHasher();
  const ref = folder();
  reference = exportOf(ref, runJson(ref, ['run', ...RUN_ARGS, '--no-checkpoints']).runId);
}, 120_000);

/** Each maker puts a hostile entry at `file` (a checkpoint's name). */
const HOSTILE: [string, (file: string) => void][] = [
  [
    '12 KB payload declaring a 400 M-item array',
    (f) => fs.writeFileSync(f, encodeBtck(hugeArrayPayload(12 * 1024, 400_000_000), V1)),
  ],
  [
    'nested arrays each declaring every byte left',
    (f) => fs.writeFileSync(f, encodeBtck(nestedArraysPayload(12 * 1024), V1)),
  ],
  [
    'zstd frame declaring 8 GiB',
    (f) => fs.writeFileSync(f, btckAroundFrame(zeroStreamFrame(1, 8n * GiB))),
  ],
  [
    '128 KB zstd frame streaming 4 GiB',
    (f) => fs.writeFileSync(f, btckAroundFrame(zeroStreamFrame(32 * 1024))),
  ],
  ['symlink to /dev/zero', (f) => fs.symlinkSync('/dev/zero', f)],
  ['symlink to /dev/urandom', (f) => fs.symlinkSync('/dev/urandom', f)],
  ['FIFO', (f) => execFileSync('mkfifo', [f])],
  ['directory', (f) => fs.mkdirSync(f)],
  ['dangling symlink', (f) => fs.symlinkSync(path.join(path.dirname(f), 'gone'), f)],
];
const V1 = { version: 1, createdAt: 1_700_000_000_000 };

/** Puts every hostile entry after the run's newest real checkpoint; returns their paths. */
function plantHostile(dir: string, runId: string): string[] {
  const real = checkpointFiles(dir, runId).filter((f) => f.endsWith('.btck'));
  const newest = parseCheckpointFileName(path.basename(real.at(-1)!))!;
  const ckptDir = path.dirname(real.at(-1)!);
  return HOSTILE.map(([, make], i) => {
    const file = path.join(ckptDir, checkpointFileName(newest.seq + 1 + i, newest.ticks + 1 + i));
    make(file);
    return file;
  });
}

describe.runIf(process.platform !== 'win32')('hostile checkpoint entries', () => {
  it('checkpoints verify answers each with a clear error, exit 1, no crash or hang', async () => {
    const dir = folder();
    const runId = await killedRun(dir, 2);
    const files = plantHostile(dir, runId);
    for (const [i, file] of files.entries()) {
      const r = cli(dir, ['checkpoints', 'verify', file]);
      expect(r.code, `${HOSTILE[i]![0]}: ${r.stderr}`).toBe(1);
      expect(r.stderr, HOSTILE[i]![0]).toMatch(/corrupt checkpoint .*ckpt-\d+-\d+\.btck \(/);
      expect(r.stderr, HOSTILE[i]![0]).not.toMatch(/heap|FATAL|EISDIR|ENOENT/);
    }
  }, 120_000);

  it('resume quarantines every one and falls back to the newest real checkpoint, results identical', async () => {
    const dir = folder();
    const runId = await killedRun(dir, 2);
    const real = checkpointFiles(dir, runId).filter((f) => f.endsWith('.btck'));
    const newestReal = parseCheckpointFileName(path.basename(real.at(-1)!))!;
    const files = plantHostile(dir, runId);
    const r = cli(dir, ['resume', runId, '--json', ...CKPT]);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.resumedFrom.seq).toBe(newestReal.seq);
    expect([...summary.quarantined].sort()).toEqual(files.map((f) => `${f}.corrupt`).sort());
    for (const f of files) {
      expect(fs.lstatSync(f, { throwIfNoEntry: false }), `${f} moved aside`).toBeUndefined();
    }
    // The symlinks were renamed, never followed: still links, pointing where they did.
    expect(fs.readlinkSync(`${files[4]}.corrupt`)).toBe('/dev/zero');
    expect(exportOf(dir, runId)).toEqual(reference);
  }, 180_000);
});
