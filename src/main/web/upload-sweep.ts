/**
 * Removes upload folders that web bridge servers left behind when they crashed (SIGKILL, power
 * cut): a server deletes its own folder when it closes, so a folder whose owner is gone is
 * garbage. Without this sweep every crash left the uploaded CSV files in the temp dir for good.
 *
 * Folder names are `backtestr-uploads-<pid>-<random>`; the owner is gone when no process has
 * that pid. A pid that is ours (reused after a container restart, say) is stale unless one of
 * this process's live stores holds the folder. Only real directories with our prefix are touched:
 * a symlink or a file with such a name is left alone.
 */
import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

export const UPLOAD_FOLDER_PREFIX = 'backtestr-uploads-';
const FOLDER_NAME = /^backtestr-uploads-(\d+)-[A-Za-z0-9]+$/;

/** Deletes stale upload folders in `parent`; returns the paths it removed. */
export async function sweepStaleUploadFolders(
  parent: string,
  live: ReadonlySet<string>,
): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(parent, { withFileTypes: true });
  } catch {
    return []; // no parent yet: nothing to sweep (mkdtemp will say what is wrong with it)
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const m = FOLDER_NAME.exec(entry.name);
    if (!m || !entry.isDirectory()) continue;
    const folder = path.join(parent, entry.name);
    if (live.has(folder) || isAlive(Number(m[1]))) continue;
    await fs.rm(folder, { recursive: true, force: true });
    removed.push(folder);
  }
  return removed;
}

/** Whether a process with this pid exists (ours counts as gone: see the header comment). */
function isAlive(pid: number): boolean {
  if (pid === process.pid || !Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
