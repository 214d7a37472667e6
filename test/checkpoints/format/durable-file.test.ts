import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkpointFileName,
  fsyncDirectory,
  quarantine,
  removeStrayTemps,
  renameIntoPlace,
  tempPathOf,
  writeFileDurably,
  writeTempFile,
} from '../../../src/main/services/checkpoints/btck/index.ts';
import { useTempDir } from '../../services/temp-dir.ts';

const tempDir = useTempDir();
const bytes = (n: number, fill = 7): Uint8Array => new Uint8Array(n).fill(fill);

describe('durable write steps', () => {
  it('writeFileDurably leaves exactly the final file, mode 0600, with the bytes given', async () => {
    const dir = tempDir();
    const name = checkpointFileName(1, 100);
    const data = bytes(100_000, 3);
    const final = await writeFileDurably(dir, name, data);
    expect(final).toBe(path.join(dir, name));
    expect(fs.readdirSync(dir), 'no .tmp left behind').toEqual([name]);
    expect(fs.statSync(final).mode & 0o777, 'checkpoints are private to the user').toBe(0o600);
    expect(Buffer.from(fs.readFileSync(final)).equals(Buffer.from(data))).toBe(true);
  });

  it('writeTempFile replaces a stale temp from a crash and still creates it 0600', async () => {
    const dir = tempDir();
    const name = 'x.btck';
    fs.writeFileSync(tempPathOf(dir, name), 'stale and longer than the new content', {
      mode: 0o644,
    });
    const tmp = await writeTempFile(dir, name, bytes(4));
    expect(fs.statSync(tmp).mode & 0o777).toBe(0o600);
    expect([...fs.readFileSync(tmp)]).toEqual([7, 7, 7, 7]);
    await renameIntoPlace(tmp, path.join(dir, name));
    await fsyncDirectory(dir);
    expect(fs.readdirSync(dir)).toEqual([name]);
  });

  it('never replaces an existing file (an earlier checkpoint with that name)', async () => {
    const dir = tempDir();
    const name = checkpointFileName(2, 200);
    fs.writeFileSync(path.join(dir, name), 'earlier');
    await expect(writeFileDurably(dir, name, bytes(10))).rejects.toMatchObject({ code: 'EEXIST' });
    expect(fs.readFileSync(path.join(dir, name), 'utf8')).toBe('earlier');
    expect(fs.readdirSync(dir)).toEqual([name]);
  });

  it('a failure before the rename removes the temp and leaves no final name', async () => {
    const dir = tempDir();
    const name = checkpointFileName(3, 300);
    await expect(
      writeFileDurably(dir, name, bytes(10), {
        beforeRename: () => Promise.reject(new Error('simulated failure before rename')),
      }),
    ).rejects.toThrow('simulated failure before rename');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('a missing directory fails with ENOENT', async () => {
    const dir = path.join(tempDir(), 'missing');
    await expect(writeFileDurably(dir, 'a.btck', bytes(1))).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });
});

describe('quarantine and stray temps', () => {
  it('quarantine renames to .corrupt, then numbered copies, never deleting', () => {
    const dir = tempDir();
    const file = path.join(dir, checkpointFileName(4, 400));
    const moved: string[] = [];
    for (let i = 0; i < 3; i++) {
      fs.writeFileSync(file, `bad ${i}`);
      moved.push(quarantine(file));
    }
    expect(moved.map((f) => path.basename(f))).toEqual([
      'ckpt-000004-000000000400.btck.corrupt',
      'ckpt-000004-000000000400.btck.1.corrupt',
      'ckpt-000004-000000000400.btck.2.corrupt',
    ]);
    expect(moved.map((f) => fs.readFileSync(f, 'utf8'))).toEqual(['bad 0', 'bad 1', 'bad 2']);
    expect(fs.existsSync(file)).toBe(false);
  });

  it("removeStrayTemps removes only the writer's own temps, at most `limit` per call", () => {
    const dir = tempDir();
    const keep = [checkpointFileName(1, 1), 'x.btck.corrupt', 'notes.txt'];
    for (const f of keep) fs.writeFileSync(path.join(dir, f), 'keep');
    fs.mkdirSync(path.join(dir, 'folder.tmp'));
    for (let i = 0; i < 5; i++)
      fs.writeFileSync(path.join(dir, `${checkpointFileName(i, i)}.tmp`), '');
    expect(removeStrayTemps(dir, dir, 3)).toHaveLength(3);
    expect(removeStrayTemps(dir, dir, 3)).toHaveLength(2);
    expect(removeStrayTemps(dir, dir)).toEqual([]);
    expect(fs.readdirSync(dir).sort()).toEqual([...keep, 'folder.tmp'].sort());
    expect(removeStrayTemps(path.join(dir, 'missing'), dir)).toEqual([]);
  });

  it("removeStrayTemps leaves a user's *.tmp files and temp-named links and folders alone", () => {
    const dir = tempDir();
    const outside = tempDir();
    const thesis = path.join(outside, 'thesis.tmp');
    fs.writeFileSync(thesis, 'my thesis');
    const own = `${checkpointFileName(3, 30)}.tmp`;
    fs.writeFileSync(path.join(dir, own), '');
    fs.writeFileSync(path.join(dir, 'thesis.tmp'), 'my thesis');
    fs.writeFileSync(path.join(dir, 'ckpt-3-30.btck.tmp'), 'not a name the writer makes');
    fs.symlinkSync(thesis, path.join(dir, `${checkpointFileName(4, 40)}.tmp`));
    fs.mkdirSync(path.join(dir, `${checkpointFileName(5, 50)}.tmp`));
    expect(removeStrayTemps(dir, dir)).toEqual([path.join(dir, own)]);
    expect(fs.readdirSync(dir).sort()).toEqual(
      [
        'ckpt-3-30.btck.tmp',
        `${checkpointFileName(4, 40)}.tmp`,
        `${checkpointFileName(5, 50)}.tmp`,
        'thesis.tmp',
      ].sort(),
    );
    expect(fs.readFileSync(thesis, 'utf8'), 'a link is removed, never followed').toBe('my thesis');
  });

  it('removeStrayTemps touches nothing through a checkpoints folder linked out of the data folder', () => {
    const dataDir = tempDir();
    const outside = tempDir();
    const stray = path.join(outside, `${checkpointFileName(1, 10)}.tmp`);
    fs.writeFileSync(stray, 'outside the data folder');
    fs.writeFileSync(path.join(outside, 'thesis.tmp'), 'my thesis');
    const linked = path.join(dataDir, 'runs', 'r1', 'checkpoints');
    fs.mkdirSync(path.dirname(linked), { recursive: true });
    fs.symlinkSync(outside, linked);
    expect(removeStrayTemps(linked, dataDir)).toEqual([]);
    expect(fs.readdirSync(outside).sort()).toEqual([path.basename(stray), 'thesis.tmp'].sort());
    // A link that stays inside the data folder is followed as usual.
    const inside = path.join(dataDir, 'elsewhere');
    fs.mkdirSync(inside);
    fs.writeFileSync(path.join(inside, `${checkpointFileName(2, 20)}.tmp`), '');
    const linkedInside = path.join(dataDir, 'runs', 'r2-checkpoints');
    fs.symlinkSync(inside, linkedInside);
    expect(removeStrayTemps(linkedInside, dataDir)).toHaveLength(1);
  });

  it('quarantine renames a symlink itself, never its target', () => {
    const dir = tempDir();
    const target = path.join(tempDir(), 'precious');
    fs.writeFileSync(target, 'precious');
    const link = path.join(dir, checkpointFileName(1, 1));
    fs.symlinkSync(target, link);
    // A dangling link already holds the first quarantine name: it must not be replaced.
    fs.symlinkSync(path.join(dir, 'nowhere'), `${link}.corrupt`);
    const moved = quarantine(link);
    expect(moved).toBe(`${link}.1.corrupt`);
    expect(fs.lstatSync(moved).isSymbolicLink()).toBe(true);
    expect(fs.lstatSync(`${link}.corrupt`).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(target, 'utf8')).toBe('precious');
  });
});
