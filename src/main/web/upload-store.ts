/**
 * The web bridge's uploads: files a browser sent for `data:import`, kept in one folder this
 * server owns (`<parent>/backtestr-uploads-<pid>-<random>/`), each under an opaque id.
 *
 * Why a store rather than a path in the reply: through the bridge `data:import` must read only
 * what the user uploaded (never an arbitrary server path such as /etc/passwd), an upload must not
 * outlive its import, and errors must name the file as the user knows it, not the server's temp
 * path. The file on disk has a random name; the user's name lives only here.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { sweepStaleUploadFolders, UPLOAD_FOLDER_PREFIX } from './upload-sweep.ts';

/** What `data:import { file }` takes through the bridge: `upload:<random>`. */
export const UPLOAD_ID_PREFIX = 'upload:';

export interface Upload {
  /** `upload:<random>`, what the browser passes as `data:import { file }`. */
  id: string;
  /** The user's file name (sanitised), used in errors instead of the server path. */
  name: string;
  /** Where the bytes are on the server: inside the store's folder, under a random name. */
  path: string;
}

/** Folders of stores open in this process: a sweep must not take a sibling server's folder. */
export const LIVE_UPLOAD_FOLDERS = new Set<string>();

export class UploadStore {
  private readonly ready = new Map<string, Upload>();
  /**
   * Every upload taken for import, by server path; kept until close (a few bytes each) because a
   * worker backend's last `import:progress` may arrive after the import's answer.
   */
  private readonly taken = new Map<string, Upload>();

  readonly folder: string;

  private constructor(folder: string) {
    this.folder = folder;
  }

  /** Sweeps what crashed servers left in `parent`, then creates this server's own folder. */
  static async open(parent: string): Promise<UploadStore> {
    await sweepStaleUploadFolders(parent, LIVE_UPLOAD_FOLDERS);
    const folder = await fs.mkdtemp(path.join(parent, `${UPLOAD_FOLDER_PREFIX}${process.pid}-`));
    await fs.chmod(folder, 0o700);
    LIVE_UPLOAD_FOLDERS.add(folder);
    return new UploadStore(folder);
  }

  /** A new upload's id and file; not importable until `publish`. */
  reserve(name: string): Upload {
    const random = randomBytes(18).toString('base64url');
    return {
      id: `${UPLOAD_ID_PREFIX}${random}`,
      name,
      path: path.join(this.folder, `${randomBytes(12).toString('hex')}.csv`),
    };
  }

  /** The upload arrived completely: it can now be imported, once. */
  publish(upload: Upload): void {
    this.ready.set(upload.id, upload);
  }

  /**
   * The upload behind an id, taken out of the store so that a second import of it fails: its
   * file is deleted when that import ends. Null for anything that is not a pending upload id.
   */
  take(id: string): Upload | null {
    const upload = this.ready.get(id);
    if (!upload) return null;
    this.ready.delete(id);
    this.taken.set(upload.path, upload);
    return upload;
  }

  /** The upload imported from `file` (a server path in a backend event), if any. */
  takenFrom(file: string): Upload | undefined {
    return this.taken.get(file);
  }

  /** Deletes an upload's file (after its import, success or failure, or a failed upload). */
  async discard(upload: Upload): Promise<void> {
    this.ready.delete(upload.id);
    await fs.rm(upload.path, { force: true });
  }

  /** Deletes the folder and every upload in it (server close). */
  async close(): Promise<void> {
    this.ready.clear();
    this.taken.clear();
    await fs.rm(this.folder, { recursive: true, force: true });
    LIVE_UPLOAD_FOLDERS.delete(this.folder);
  }
}

/** `text` with every mention of the upload's server path replaced by the user's file name. */
export function nameAsUserKnowsIt(text: string, upload: Upload): string {
  return text.split(upload.path).join(upload.name);
}
