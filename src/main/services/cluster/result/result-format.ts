/**
 * The content of a result object (`.btres`): what a finished run hands back to its submitter,
 * and the zod schema a reader applies to it — the object comes from the store, so from anyone
 * who can write there.
 */
import { z } from 'zod';
import { count, record } from '../../checkpoints/content/schema-parts.ts';
import { resultRowsSchema, type ResultRows } from './result-tables.ts';

/** A .btres object is never read past this many bytes (get's maxBytes). */
export const MAX_RESULT_BYTES = 1024 * 1024 * 1024;
/**
 * The BTCK version of a result: its own numbering, since its payload is not a checkpoint.
 * 2: trades and equity rows with issue 12's money columns, and the order_rejections table.
 */
export const RESULT_FORMAT_VERSION = 2;

export interface RunResult {
  v: 1;
  kind: 'result';
  runId: string;
  configHash: string;
  status: 'completed' | 'failed';
  error: string | null;
  /** runs.stats as stored: JSON text, so the statistics keep their key order (summary.json). */
  statsJson: string | null;
  /** runs.report as stored (JSON of RunReport); absent in results packed before issue 12. */
  reportJson?: string | null;
  ticksDone: number;
  ticksTotal: number;
  seconds: number;
  /** Bars closed per timeframe, when the packer knew them (RunSummary.bars). */
  barsClosed: Record<string, number> | null;
  /** Stored rows per output table (result-tables.ts). */
  rows: ResultRows;
}

export interface PackExtra {
  barsClosed?: Record<string, number>;
}

export class ResultError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResultError';
  }
}

export const resultSchema = z.strictObject({
  v: z.literal(1),
  kind: z.literal('result'),
  runId: z.string().regex(/^(?!\.{1,2}$)[A-Za-z0-9._-]{1,128}$/),
  configHash: z.string().regex(/^[0-9a-f]{16}$/),
  status: z.enum(['completed', 'failed']),
  error: z
    .string()
    .max(64 * 1024)
    .nullable(),
  statsJson: z
    .string()
    .max(1024 * 1024)
    .nullable(),
  reportJson: z
    .string()
    .max(1024 * 1024)
    .nullable()
    .optional(),
  ticksDone: count,
  ticksTotal: count,
  seconds: z.number().min(0),
  barsClosed: record(count).nullable(),
  rows: resultRowsSchema,
});
