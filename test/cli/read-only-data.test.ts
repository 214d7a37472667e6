/**
 * A data folder that cannot be written (here a read-only bind mount of a real one) must refuse
 * writing commands naming the folder and the reason, and still serve the commands that only
 * read. Needs root to mount; elsewhere the test is skipped and says why.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useReadOnlyMount } from './read-only-mount.ts';
import { cli } from './run-cli.ts';

const { root, data, ro, mounted, mountReadOnly } = useReadOnlyMount('backtestr-readonly-test-');

const json = (dir: string, args: string[]) => {
  const r = cli(dir, [...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
};

describe('a read-only data folder (issue 8 §10)', () => {
  it.skipIf(!mounted)(
    'serves the commands that only read and refuses writes naming the folder (skipped where bind mounts are not allowed)',
    () => {
      expect(cli(data, ['data', 'generate', '--symbol', 'EURUSD', '--days', '1']).code).toBe(0);
      const run = json(data, ['run', '--symbol', 'EURUSD', '--timeframes', 'H1']);
      mountReadOnly();
      const before = fs.readdirSync(ro).sort();

      expect(json(ro, ['data', 'list'])).toEqual(json(data, ['data', 'list']));
      expect(json(ro, ['runs', 'list'])).toEqual(json(data, ['runs', 'list']));
      expect(json(ro, ['checkpoints', 'list', run.runId])).toEqual(
        json(data, ['checkpoints', 'list', run.runId]),
      );
      const outRo = path.join(root, 'out-ro');
      const outRw = path.join(root, 'out-rw');
      expect(cli(ro, ['runs', 'export', run.runId, '--out', outRo]).code).toBe(0);
      expect(cli(data, ['runs', 'export', run.runId, '--out', outRw]).code).toBe(0);
      const h1 = (dir: string) => fs.readFileSync(path.join(dir, 'EURUSD_H1.csv'), 'utf8');
      expect(h1(outRo)).toBe(h1(outRw));
      const gcPreview = (dir: string) => {
        const r = json(dir, ['checkpoints', 'gc', '--dry-run']) as Record<string, unknown>;
        return { usage: r.usageBytes, files: r.files, deleted: r.deleted };
      };
      expect(gcPreview(ro)).toEqual(gcPreview(data));
      expect(json(ro, ['settings', 'checkpoint-budget'])).toMatchObject({ settingBytes: null });

      for (const args of [
        ['data', 'generate', '--symbol', 'X', '--days', '1'],
        ['run', '--symbol', 'EURUSD'],
        ['checkpoints', 'gc'],
        ['settings', 'checkpoint-budget', '1GiB'],
      ]) {
        const r = cli(ro, args);
        expect(r.code, args.join(' ')).toBe(1);
        expect(r.stderr).toContain(`the data folder ${ro} cannot be written`);
        expect(r.stderr).toMatch(/read-only file system \(EROFS\)/);
        expect(r.stderr).not.toMatch(/^backtestr: unable to open database file$/m);
      }
      expect(fs.readdirSync(ro).sort(), 'nothing written into the folder').toEqual(before);

      // The snapshot is refused, before copying, where it would not fit (a 64 KB temp folder).
      const tinyTmp = path.join(root, 'tiny-tmp');
      fs.mkdirSync(tinyTmp);
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', tinyTmp]);
      try {
        const r = cli(ro, ['data', 'list'], { TMPDIR: tinyTmp });
        expect(r.code).toBe(1);
        expect(r.stderr).toContain(`does not fit in ${tinyTmp}`);
        expect(fs.readdirSync(tinyTmp), 'nothing copied').toEqual([]);
      } finally {
        execFileSync('umount', [tinyTmp]);
      }
    },
  );
});
