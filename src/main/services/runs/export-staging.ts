/**
 * An export is written into a staging folder beside its target and published only when every
 * file is complete and fsynced, so a crash (a SIGKILL mid-export once left `GBPUSD_M1.csv` cut
 * at a line end, indistinguishable from a complete file) leaves either no new export or a
 * complete one:
 *
 * - the target does not exist: the staging folder is renamed onto it, one atomic step;
 * - the target exists (a re-export, or `--out` naming a folder of the user's, even `.`): a folder
 *   cannot be renamed over a non-empty one, and the user's must not be moved. INCOMPLETE_MARKER
 *   is written into it first, each file is then renamed over its old version (each rename is
 *   atomic: every name holds a complete old or new file), and the marker is removed last. After a
 *   crash the marker says the folder mixes two exports and how to finish it.
 *
 * Staging folders are named `.<target name>.export-<pid>-<random>.tmp`, beside a new target or
 * inside an existing one; ones left by a crashed process (its pid no longer alive) are removed
 * the next time that target is exported.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const INCOMPLETE_MARKER = 'INCOMPLETE-EXPORT.txt';
const STAGING = /^\.(.+)\.export-(\d+)-[0-9a-f]{8}\.tmp$/;

export class ExportStaging {
  readonly target: string;
  /** Where the files are written until publish(). */
  readonly dir: string;

  constructor(target: string) {
    this.target = path.resolve(target);
    fs.mkdirSync(path.dirname(this.target), { recursive: true });
    const exists = fs.existsSync(this.target);
    if (exists && !fs.statSync(this.target).isDirectory())
      throw new Error(`cannot export to ${target}: it exists and is not a folder`);
    // Staged inside an existing target (it may be a mount point or a symlink to another disk,
    // and rename cannot cross file systems), else beside it (where it will be created).
    const home = exists ? this.target : path.dirname(this.target);
    const base = path.basename(this.target);
    removeCrashedStagings(home, base);
    const tag = `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
    this.dir = path.join(home, `.${base}.export-${tag}.tmp`);
    fs.mkdirSync(this.dir);
  }

  /**
   * Makes the staged files (names relative to the folder) the export, durably. `afterRename` is
   * the export's crash-test delay, between two files replaced in an existing folder.
   */
  publish(names: readonly string[], afterRename: () => void = () => {}): void {
    fsyncFolder(this.dir);
    if (!fs.existsSync(this.target)) {
      fs.renameSync(this.dir, this.target);
      fsyncFolder(path.dirname(this.target));
      return;
    }
    const marker = path.join(this.target, INCOMPLETE_MARKER);
    fs.writeFileSync(marker, incompleteNote(names));
    fsyncFolder(this.target); // the marker must be on disk before any file is replaced
    for (const name of names) {
      fs.renameSync(path.join(this.dir, name), path.join(this.target, name));
      afterRename();
    }
    fsyncFolder(this.target); // every rename on disk before the marker goes
    fs.rmSync(marker);
    fsyncFolder(this.target);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** Removes the staging folder after a failed export (best effort); the target is untouched. */
  abandon(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** fsync of a folder: without it a power cut can lose a rename already made. */
function fsyncFolder(p: string): void {
  if (process.platform === 'win32') return; // cannot open a folder to fsync; NTFS journals renames
  const fd = fs.openSync(p, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function incompleteNote(names: readonly string[]): string {
  return (
    'An export into this folder was interrupted. The files below may be a mix of the older\n' +
    'export and the newer one (each file is complete). Export again to finish it.\n\n' +
    names.join('\n') +
    '\n'
  );
}

/** Staging folders of this target whose process is gone: only our own names, only folders. */
function removeCrashedStagings(home: string, base: string): void {
  for (const entry of fs.readdirSync(home, { withFileTypes: true })) {
    const m = STAGING.exec(entry.name);
    if (!m || m[1] !== base || !entry.isDirectory() || processAlive(Number(m[2]))) continue;
    fs.rmSync(path.join(home, entry.name), { recursive: true, force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
