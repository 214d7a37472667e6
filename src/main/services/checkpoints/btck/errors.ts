/**
 * Typed errors for reading checkpoint files. A reader (resume, the checkpoint list) branches on
 * the class: a corrupt file is quarantined and the next older one tried; a file from a newer app
 * is left alone and the user told to update.
 */

/**
 * Why a file is not a readable checkpoint: first what the entry is (not a regular file, too big,
 * cannot be opened), then in the order verifyBtck checks, then decompression and the payload;
 * 'content' is a checksum-valid payload that fails the content checks (checkpoints/content/).
 */
export type CorruptReason =
  | 'not-a-file'
  | 'unreadable'
  | 'too-large'
  | 'empty'
  | 'truncated'
  | 'magic'
  | 'checksum'
  | 'version'
  | 'decompress'
  | 'mismatch'
  | 'content';

/** The bytes are not an intact checkpoint: torn write, bit rot, or not a BTCK file at all. */
export class CorruptCheckpointError extends Error {
  readonly reason: CorruptReason;
  /** What was found, without the file name (the message has both). */
  readonly detail: string;
  readonly file?: string;
  constructor(reason: CorruptReason, detail: string, file?: string) {
    super(`corrupt checkpoint${file ? ` ${file}` : ''} (${reason}): ${detail}`);
    this.name = 'CorruptCheckpointError';
    this.reason = reason;
    this.detail = detail;
    if (file !== undefined) this.file = file;
  }
}

/** An intact checkpoint written by a newer app: refused, never guessed at. */
export class UnsupportedCheckpointVersionError extends Error {
  readonly version: number;
  readonly supported: number;
  readonly file?: string;
  constructor(version: number, supported: number, file?: string) {
    super(
      `checkpoint${file ? ` ${file}` : ''} was written by a newer BackTestr ` +
        `(format ${version}, this version reads up to ${supported}); update the app`,
    );
    this.name = 'UnsupportedCheckpointVersionError';
    this.version = version;
    this.supported = supported;
    if (file !== undefined) this.file = file;
  }
}
