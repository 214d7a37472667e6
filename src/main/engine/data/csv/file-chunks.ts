import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

/** A file read front to back in chunks, never held whole in memory. */
export interface FileChunks {
  readonly size: number;
  /** The next chunk, or null at end of file. */
  next(): Promise<Uint8Array | null>;
  close(): void;
}

export async function openFileChunks(file: string, chunkBytes: number): Promise<FileChunks> {
  const { size } = await stat(file);
  const stream = createReadStream(file, { highWaterMark: chunkBytes });
  const it = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  return {
    size,
    async next() {
      const r = await it.next();
      // A plain Uint8Array view, so the parser's byte loads see one array type.
      return r.done ? null : new Uint8Array(r.value.buffer, r.value.byteOffset, r.value.length);
    },
    close: () => stream.destroy(),
  };
}
