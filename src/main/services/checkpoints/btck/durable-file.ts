/**
 * Durable file steps, one small function each, in the order a checkpoint goes to disk:
 *
 *   writeTempFile → renameIntoPlace → fsyncDirectory        (composed by writeFileDurably)
 *
 * and the two bounded clean-ups a reader needs: quarantine (a bad file) and removeStrayTemps (what
 * a crash left half-written). Each comment names the crash the step prevents.
 */
import fs from 'node:fs';
import { access, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { parseCheckpointFileName } from './file-name.ts';

export const TEMP_EXT = '.tmp';
export const QUARANTINE_EXT = '.corrupt';
/** Most quarantined copies of one name (`x.corrupt`, `x.1.corrupt` …) before giving up. */
const MAX_QUARANTINE_COPIES = 1000;
/** Most stray temps removed by one removeStrayTemps call. */
export const STRAY_TEMP_LIMIT = 64;

export function tempPathOf(dir: string, name: string): string {
  return path.join(dir, name + TEMP_EXT);
}

/**
 * Writes NAME.tmp (mode 0600: checkpoints hold the user's strategy state), all of it, fsyncs and
 * closes it. The final name only ever appears by rename, so a crash mid-write cannot leave a torn
 * file under it; and without the fsync a power cut after the rename can leave the final name
 * pointing at a zero-length or partial file (the data was still in the page cache).
 */
export async function writeTempFile(dir: string, name: string, bytes: Uint8Array): Promise<string> {
  const tmp = tempPathOf(dir, name);
  // A temp left by an earlier crash: remove it so `wx` creates the file and the mode is ours.
  await rm(tmp, { force: true });
  const fh = await open(tmp, 'wx', 0o600);
  try {
    await fh.writeFile(bytes);
    await fh.sync();
  } catch (e) {
    await fh.close().catch(() => {});
    throw e;
  }
  await fh.close();
  return tmp;
}

/**
 * Atomically gives the complete temp file its final name. After a crash the directory holds
 * either no final file (and a stray temp) or the whole file, never part of it.
 */
export async function renameIntoPlace(tmp: string, final: string): Promise<void> {
  await rename(tmp, final);
}

/**
 * fsyncs the directory, else a crash can lose the rename: the file's data is on disk but the
 * directory entry naming it is not, and after the reboot the checkpoint is gone (or only the
 * temp is there). Windows cannot open a directory for fsync; NTFS journals the rename itself.
 */
export async function fsyncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Refuses to replace an existing file: names are unique per checkpoint seq, and a rename over an
 * earlier checkpoint would destroy it if this write then turned out bad.
 */
async function refuseToReplace(final: string): Promise<void> {
  try {
    await access(final);
  } catch {
    return;
  }
  const e: NodeJS.ErrnoException = new Error(`${final} already exists; not replacing it`);
  e.code = 'EEXIST';
  throw e;
}

export interface DurableWriteOptions {
  /** Runs after the temp is durable and before the rename (the writer's crash-test delay). */
  beforeRename?: () => Promise<void>;
  /** Gives the temp its final name instead of renameIntoPlace (the writer's fenced rename). */
  rename?: (tmp: string, final: string) => void | Promise<void>;
}

/**
 * Writes `dir/name` so that after a crash at any point it either does not exist or is complete
 * and durable. On failure no file has the final name and the temp is removed (best effort).
 */
export async function writeFileDurably(
  dir: string,
  name: string,
  bytes: Uint8Array,
  opts: DurableWriteOptions = {},
): Promise<string> {
  const final = path.join(dir, name);
  await refuseToReplace(final);
  const tmp = tempPathOf(dir, name);
  try {
    await writeTempFile(dir, name, bytes);
    await opts.beforeRename?.();
    await (opts.rename ?? renameIntoPlace)(tmp, final);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => {});
    throw e;
  }
  try {
    await fsyncDirectory(dir);
  } catch (e) {
    // The rename may not survive a crash: report failure and leave no final name, so what the
    // caller believes (not written) is what the disk will say after a reboot too.
    await rm(final, { force: true }).catch(() => {});
    throw e;
  }
  return final;
}

/**
 * Moves a bad file out of the way as `<file>.corrupt` (then `<file>.1.corrupt`, …), never deleting
 * it: it is evidence (disk fault, bug) and maybe salvageable. Renamed so the next scan does not
 * trip on it again. Not fsynced: if a crash loses the rename, the file is found bad and
 * quarantined again. Returns the new path.
 *
 * The entry itself is renamed, whatever it is: a symlink is moved, never followed (its target,
 * maybe outside the data folder, is untouched); a directory or FIFO under a checkpoint's name is
 * moved aside the same way, so the next resume does not trip on it again.
 */
export function quarantine(file: string): string {
  for (let n = 0; n < MAX_QUARANTINE_COPIES; n++) {
    const target = n === 0 ? file + QUARANTINE_EXT : `${file}.${n}${QUARANTINE_EXT}`;
    // lstat, not exists: a dangling symlink named like the target is taken, not replaced.
    if (fs.lstatSync(target, { throwIfNoEntry: false })) continue;
    fs.renameSync(file, target);
    return target;
  }
  throw new Error(`cannot quarantine ${file}: ${MAX_QUARANTINE_COPIES} quarantined copies exist`);
}

/** A temp name this writer produces: `<checkpoint file name>.tmp`, nothing else. */
export function isOwnTempName(name: string): boolean {
  return (
    name.endsWith(TEMP_EXT) && parseCheckpointFileName(name.slice(0, -TEMP_EXT.length)) !== null
  );
}

/** `dir` resolved through every symlink, if that lies inside `root` (also resolved); else null. */
function realDirInside(dir: string, root: string): string | null {
  try {
    const real = fs.realpathSync(dir);
    const realRoot = fs.realpathSync(root);
    const rel = path.relative(realRoot, real);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel)) ? real : null;
  } catch {
    return null;
  }
}

/**
 * Removes the temps a crash left between writeTempFile and renameIntoPlace, at most `limit` per
 * call, best effort. Only what the writer itself names (`ckpt-<seq>-<ticks>.btck.tmp`) and only
 * regular files: a user's `thesis.tmp` in the folder is not ours. Only inside `dataDir`: a
 * checkpoints folder that is (or lies under) a symlink leading out of the data folder is left
 * alone entirely. Call it only while no write into `dir` is in flight (when a run is opened or
 * resumed): a temp being written right now looks the same as one left by a crash.
 */
export function removeStrayTemps(dir: string, dataDir: string, limit = STRAY_TEMP_LIMIT): string[] {
  const real = realDirInside(dir, dataDir);
  if (real === null) return [];
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(real, { withFileTypes: true });
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries) {
    if (removed.length >= limit) break;
    // Dirent types come from lstat-like data: a symlink is never isFile(), so never followed.
    if (!entry.isFile() || !isOwnTempName(entry.name)) continue;
    try {
      // The resolved folder, so a folder swapped for a symlink after the check is not followed.
      fs.unlinkSync(path.join(real, entry.name));
      removed.push(path.join(dir, entry.name));
    } catch {
      // Gone already or not ours to remove: leave it for the next call.
    }
  }
  return removed;
}
