/**
 * `GET /api/export/run/<run-id>.zip` and `/api/export/sweep/<sweep-id>.zip`: a browser cannot
 * open files the server wrote, so the web bridge hands it the export as one zip download. The
 * files are exactly those `runs:export` / `sweeps:export` write (same bytes as `backtestr runs
 * export`); the zip is streamed with fflate, file by file in chunks, so memory stays bounded
 * however large equity.csv is. Entries carry a fixed date: the same export gives the same zip.
 */
import fs from 'node:fs/promises';
import type http from 'node:http';
import path from 'node:path';
import { Zip, ZipDeflate } from 'fflate';
import type { BackendApi } from '../../shared/contract.ts';

export const EXPORT_ROUTE = /^\/api\/export\/(run|sweep)\/([^/]+)\.zip$/;
/** The ids the contract accepts (contract.ts `runId`); anything else never reaches the backend. */
const ID_RE = /^[\w.-]{1,64}$/;
const READ_CHUNK = 256 * 1024;
/** 1980-01-01, the zip format's first date: no wall-clock time in the file. */
const ENTRY_TIME = new Date(1980, 0, 1, 0, 0, 0);

/** A problem the route answers with an HTTP status (the server's error handler sends it). */
export class ExportRouteError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/**
 * The export of a run is rewritten into one folder (`<data-dir>/exports/<id>`) by every request:
 * two downloads of one run at once would read files the other is replacing. One at a time per id.
 */
const busy = new Map<string, Promise<void>>();

export async function sendExportZip(
  backend: BackendApi,
  kind: 'run' | 'sweep',
  id: string,
  res: http.ServerResponse,
): Promise<void> {
  if (!ID_RE.test(id)) throw new ExportRouteError(400, `bad ${kind} id '${id.slice(0, 140)}'`);
  const key = `${kind}:${id}`;
  const before = busy.get(key) ?? Promise.resolve();
  let release = (): void => {};
  const mine = before.then(() => new Promise<void>((r) => (release = r)));
  busy.set(key, mine);
  await before;
  try {
    await zipExport(backend, kind, id, res);
  } finally {
    release();
    if (busy.get(key) === mine) busy.delete(key);
  }
}

async function zipExport(
  backend: BackendApi,
  kind: 'run' | 'sweep',
  id: string,
  res: http.ServerResponse,
): Promise<void> {
  let exported: { dir: string; files: string[] };
  try {
    exported =
      kind === 'run'
        ? await backend.invoke('runs:export', { runId: id })
        : await backend.invoke('sweeps:export', { sweepId: id });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // "no run 'x' …" / "no sweep 'x'": the id names nothing.
    throw new ExportRouteError(message.startsWith(`no ${kind} '`) ? 404 : 409, message);
  }
  const zipName = kind === 'run' ? `${id}.zip` : `sweep-${id}.zip`;
  res.writeHead(200, {
    'content-type': 'application/zip',
    'content-disposition': `attachment; filename="${zipName}"`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  let failed: Error | null = null;
  const zip = new Zip((err, chunk, final) => {
    if (err) failed ??= err;
    else if (!res.destroyed) res.write(chunk);
    if (final && !err) res.end();
  });
  try {
    for (const listed of exported.files) {
      // runs:export lists absolute paths, sweeps:export names inside its folder: resolve both.
      const file = path.resolve(exported.dir, listed);
      const name = path.relative(exported.dir, file).split(path.sep).join('/');
      const entry = new ZipDeflate(name, { level: 6 });
      entry.mtime = ENTRY_TIME; // a property of the entry, not a deflate option; default: now
      zip.add(entry);
      // Fixed-size reads, not a read stream: a stream hands over whatever has buffered, and the
      // compressed bytes depend on where the chunks end; equal exports must give equal zips.
      const fh = await fs.open(file, 'r');
      try {
        for (;;) {
          const buf = new Uint8Array(READ_CHUNK);
          const { bytesRead } = await fh.read(buf, 0, READ_CHUNK, null);
          if (bytesRead === 0) break;
          if (res.destroyed) return; // the browser went away: stop reading
          entry.push(buf.subarray(0, bytesRead), false);
          if (failed) throw failed;
          if (res.writableNeedDrain) await drainOrClose(res);
        }
      } finally {
        await fh.close();
      }
      entry.push(new Uint8Array(0), true);
    }
    zip.end();
    if (failed) throw failed;
  } catch (err) {
    // Headers are out: all that is left is to cut the download short, so the browser says failed.
    zip.terminate();
    res.destroy(err as Error);
  }
}

/** Resolves when the response can take more, or is gone (a closed response never drains). */
function drainOrClose(res: http.ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}
