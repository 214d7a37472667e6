/** The BTCK checkpoint file: container codec, file names, durable write steps, typed errors. */
export {
  BTCK_DEFAULT_LEVEL,
  BTCK_FOOTER_BYTES,
  BTCK_HEADER_BYTES,
  BTCK_MAGIC,
  BTCK_MIN_BYTES,
  decodeBtck,
  encodeBtck,
  readBtckFile,
  readBtckHeader,
  verifyBtck,
  withFile,
  type BtckEncodeOptions,
  type BtckHeader,
} from './btck-codec.ts';
export {
  fsyncDirectory,
  quarantine,
  QUARANTINE_EXT,
  removeStrayTemps,
  renameIntoPlace,
  STRAY_TEMP_LIMIT,
  TEMP_EXT,
  tempPathOf,
  writeFileDurably,
  writeTempFile,
  type DurableWriteOptions,
} from './durable-file.ts';
export {
  CorruptCheckpointError,
  UnsupportedCheckpointVersionError,
  type CorruptReason,
} from './errors.ts';
export { CHECKPOINT_EXT, checkpointFileName, parseCheckpointFileName } from './file-name.ts';
