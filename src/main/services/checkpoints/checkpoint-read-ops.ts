/**
 * What the checkpoint browser asks of checkpoint files — verify, inspect, diff — as plain
 * requests and structured-cloneable answers, so they can run in a throwaway worker
 * (isolated-read.ts): a file that still manages to exhaust memory kills that worker, not the
 * backend serving the app or the web bridge.
 */
import { CorruptCheckpointError, UnsupportedCheckpointVersionError } from './btck/errors.ts';
import { readCheckpointFile, type CheckpointFile } from './checkpoint-reader.ts';
import {
  diffCheckpoints,
  inspectCheckpoint,
  type DiffReport,
  type InspectReport,
} from './report/index.ts';

export type ReadRequest =
  | { op: 'verify'; file: string }
  | { op: 'inspect'; file: string }
  | { op: 'diff'; a: string; b: string };

export interface VerifyAnswer {
  ok: boolean;
  message: string;
}

export type ReadAnswer<R extends ReadRequest> = R extends { op: 'verify' }
  ? VerifyAnswer
  : R extends { op: 'inspect' }
    ? InspectReport
    : DiffReport;

/** Damage and newer formats are answers (ok: false), not errors: that is what verify is for. */
function verify(file: string): VerifyAnswer {
  let c: CheckpointFile;
  try {
    c = readCheckpointFile(file);
  } catch (err) {
    if (err instanceof CorruptCheckpointError || err instanceof UnsupportedCheckpointVersionError)
      return { ok: false, message: err.message };
    throw err;
  }
  return {
    ok: true,
    message:
      `${file}: OK (format ${c.header.version}, run ${c.data.runId}, seq ${c.data.seq}, ` +
      `${c.data.ticks} ticks, ${c.fileBytes} bytes)`,
  };
}

function inspect(file: string): InspectReport {
  const c = readCheckpointFile(file);
  const { path, fileBytes, payloadBytes, header } = c;
  return inspectCheckpoint(c.data, { path, fileBytes, payloadBytes, header });
}

/** Runs one request in this thread. The hasher must be loaded. */
export function runReadRequest<R extends ReadRequest>(req: R): ReadAnswer<R> {
  switch (req.op) {
    case 'verify':
      return verify(req.file) as ReadAnswer<R>;
    case 'inspect':
      return inspect(req.file) as ReadAnswer<R>;
    case 'diff':
      return diffCheckpoints(
        readCheckpointFile(req.a).data,
        readCheckpointFile(req.b).data,
      ) as ReadAnswer<R>;
  }
}
