/**
 * `data:import` through the web bridge. A browser cannot name a file on the server: it uploads
 * the file and passes the upload's id. Anything else (a server path such as /etc/passwd) is
 * refused before the backend sees it, so the bridge cannot be used to read the server's files or
 * to echo their first line in a parse error. The uploaded file is deleted when the import ends,
 * whatever the outcome, and the error names the user's file instead of the server's temp path.
 *
 * Electron's `data:import` (a path from the native file dialog or a dropped file) does not come
 * through here.
 */
import type { BackendApi, ResultOf } from '../../shared/contract.ts';
import { nameAsUserKnowsIt, UPLOAD_ID_PREFIX, type UploadStore } from './upload-store.ts';

export const NOT_AN_UPLOAD =
  'data:import: through the web bridge only a file uploaded to this server can be imported ' +
  '(upload it first; each upload can be imported once)';

export async function importUpload(
  backend: BackendApi,
  uploads: UploadStore,
  args: unknown,
): Promise<ResultOf<'data:import'>> {
  const file = (args as { file?: unknown } | null)?.file;
  const upload =
    typeof file === 'string' && file.startsWith(UPLOAD_ID_PREFIX) ? uploads.take(file) : null;
  if (!upload) throw new Error(NOT_AN_UPLOAD);
  try {
    return await backend.invoke('data:import', {
      ...(args as object),
      file: upload.path,
    } as never);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(nameAsUserKnowsIt(message, upload), { cause: err });
  } finally {
    await uploads.discard(upload);
  }
}

/**
 * An event as the browser should see it: `import:progress` of an upload names the upload id the
 * browser passed, not the server path.
 */
export function publicEventPayload(uploads: UploadStore, name: string, payload: unknown): unknown {
  if (name !== 'import:progress') return payload;
  const file = (payload as { file?: unknown } | null)?.file;
  const upload = typeof file === 'string' ? uploads.takenFrom(file) : undefined;
  return upload ? { ...(payload as object), file: upload.id } : payload;
}
