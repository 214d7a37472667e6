/**
 * A finished run's output as one object, `runs/<run>/results/<attempt>.btres`: status, error,
 * statistics, progress and every stored output row. A BTCK container (checksummed, zstd,
 * bounded on read) holding a plain-encoded payload with kind 'result', so a checkpoint passed
 * off as a result (or the reverse) is refused by its content. The submitter adopts it into its
 * own data folder, fenced by its claim, so its run equals the worker's byte for byte.
 */
import { decodePlain } from '../../../engine/persist/plain-decode.ts';
import { encodePlain } from '../../../engine/persist/plain-codec.ts';
import { decodeBtck, encodeBtck } from '../../checkpoints/btck/btck-codec.ts';
import { configHash } from '../../checkpoints/checkpoint-capture.ts';
import { schemaProblems } from '../../checkpoints/content/problem-text.ts';
import type { Db } from '../../db/database.ts';
import type { RunConfig } from '../../runs/run-config.ts';
import { fencedWrite, type RunClaim } from '../../runs/run-fence.ts';
import {
  RESULT_FORMAT_VERSION,
  ResultError,
  resultSchema,
  type PackExtra,
  type RunResult,
} from './result-format.ts';
import { dumpRows, replaceRows } from './result-tables.ts';

export {
  MAX_RESULT_BYTES,
  RESULT_FORMAT_VERSION,
  ResultError,
  type PackExtra,
  type RunResult,
} from './result-format.ts';

interface RunRow {
  status: string;
  config: string;
  error: string | null;
  stats: string | null;
  report: string | null;
  ticksDone: number;
  ticksTotal: number;
  seconds: number;
}

function runRow(db: Db, runId: string): RunRow | undefined {
  return db
    .prepare(
      `SELECT status, config, error, stats, report, ticks_done AS ticksDone, ticks_total AS ticksTotal,
         seconds FROM runs WHERE id = ?`,
    )
    .get(runId) as RunRow | undefined;
}

/** The finished run `runId` as result bytes. Needs the hasher loaded (await loadHasher()). */
export function packResult(db: Db, runId: string, extra: PackExtra = {}): Uint8Array {
  // One read transaction: the rows and the run row are of the same moment.
  const result = db.transaction((): RunResult => {
    const run = runRow(db, runId);
    if (!run) throw new ResultError(`no run ${runId} to pack`);
    if (run.status !== 'completed' && run.status !== 'failed')
      throw new ResultError(`run ${runId} is ${run.status}, not finished: nothing to pack`);
    return {
      v: 1,
      kind: 'result',
      runId,
      configHash: configHash(JSON.parse(run.config) as RunConfig),
      status: run.status,
      error: run.error,
      statsJson: run.stats,
      reportJson: run.report,
      ticksDone: run.ticksDone,
      ticksTotal: run.ticksTotal,
      seconds: run.seconds,
      barsClosed: extra.barsClosed ?? null,
      rows: dumpRows(db, runId),
    };
  })();
  return encodeBtck(encodePlain(result), {
    version: RESULT_FORMAT_VERSION,
    createdAt: Date.now(),
  });
}

/** Validates a .btres object's bytes; errors name the key. Needs the hasher loaded. */
export function readResult(bytes: Uint8Array, key: string): RunResult {
  let value: unknown;
  try {
    value = decodePlain(decodeBtck(bytes, RESULT_FORMAT_VERSION).payload);
  } catch (e) {
    throw new ResultError(`result ${key} is damaged: ${(e as Error).message}`);
  }
  const r = resultSchema.safeParse(value);
  if (!r.success)
    throw new ResultError(
      `result ${key} is not a valid run result: ${schemaProblems(value, r.error).join('; ')}`,
    );
  const result = r.data as RunResult;
  if (result.statsJson !== null) {
    try {
      JSON.parse(result.statsJson);
    } catch {
      throw new ResultError(`result ${key}: statsJson is not JSON`);
    }
  }
  if (result.reportJson) {
    try {
      JSON.parse(result.reportJson);
    } catch {
      throw new ResultError(`result ${key}: reportJson is not JSON`);
    }
  }
  return result;
}

/**
 * Writes the result into the run `claim` owns and completes (or fails) it, in one fenced
 * transaction. Refuses a result for another run or another config. A run already finished is
 * left alone (adopting twice changes nothing): returns false then, true when it adopted.
 */
export function adoptResult(db: Db, claim: RunClaim, result: RunResult): boolean {
  if (result.runId !== claim.runId)
    throw new ResultError(`the result is of run ${result.runId}, not of run ${claim.runId}`);
  return fencedWrite(db, claim, () => {
    const run = runRow(db, claim.runId)!; // the claim's check found it
    if (configHash(JSON.parse(run.config) as RunConfig) !== result.configHash)
      throw new ResultError(
        `the result of run ${claim.runId} was computed for another config (hash ${result.configHash})`,
      );
    if (run.status === 'completed' || run.status === 'failed') return false;
    replaceRows(db, claim.runId, result.rows);
    db.prepare(
      `UPDATE runs SET status = ?, error = ?, stats = ?, report = ?, ticks_done = ?,
         ticks_total = ?, seconds = ?, finished_at = ? WHERE id = ?`,
    ).run(
      result.status,
      result.error,
      result.statsJson,
      result.reportJson ?? null,
      result.ticksDone,
      result.ticksTotal,
      result.seconds,
      Date.now(),
      claim.runId,
    );
    return true;
  });
}
