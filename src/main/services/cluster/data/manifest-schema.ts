/**
 * The zod schema of job.json. A manifest comes from the object store, so from anyone who can
 * write there: every id that becomes a key segment or a file name is held to a strict alphabet,
 * every list is bounded, and the numbers that size what the worker allocates are checked
 * against each other (a symbol's tick count is the sum of its chunks').
 */
import { z } from 'zod';
import { runConfigSchema } from '../../checkpoints/content/run-config-schema.ts';
import { count, list } from '../../checkpoints/content/schema-parts.ts';
import { fingerprintSymbols } from '../../checkpoints/checkpoint-capture.ts';
import type { RunConfig } from '../../runs/run-config.ts';

export const MAX_MANIFEST_SYMBOLS = 64;
export const MAX_MANIFEST_CHUNKS = 1_000_000;

/** tick_chunks.hash and symbols.content_hash: xxHash64 as 16 hex digits. */
const xxh64 = z.string().regex(/^[0-9a-f]{16}$/, 'expected 16 hex digits');
/** Run ids are key segments (store-keys.ts). */
const runId = z.string().regex(/^(?!\.{1,2}$)[A-Za-z0-9._-]{1,128}$/, 'not a key-safe run id');
/** A strategy file's name in the workspace's strategies folder: no path, no hidden file. */
const fileName = z
  .string()
  .regex(/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,120}\.m?js$/, 'not a plain .js/.mjs file name');
const time = z.number().int().min(-8.64e15).max(8.64e15);

const chunk = z.strictObject({
  hash: xxh64,
  count: count.min(1).max(1 << 20),
  firstTs: time,
  lastTs: time,
  bytes: count.min(1).max(256 * 1024 * 1024),
});

const symbol = z
  .strictObject({
    name: z.string().min(1).max(32),
    tickCount: count.min(1),
    firstTs: time,
    lastTs: time,
    hasVolume: z.boolean(),
    contentHash: xxh64,
    chunks: list(chunk, 1),
  })
  .refine(
    // Refinements also see values that failed a check above: nothing here may throw on those.
    (s) =>
      Array.isArray(s.chunks) &&
      s.chunks.reduce((n, c) => n + Number((c as { count?: unknown } | null)?.count), 0) ===
        s.tickCount,
    { message: 'tickCount is not the sum of its chunks', path: ['tickCount'] },
  );

export const manifestSchema = z
  .strictObject({
    v: z.literal(1),
    runId,
    config: runConfigSchema,
    configHash: xxh64,
    ticksTotal: count,
    symbols: list(symbol, 1).refine(
      (a) => !Array.isArray(a) || a.length <= MAX_MANIFEST_SYMBOLS,
      `at most ${MAX_MANIFEST_SYMBOLS} symbols`,
    ),
    conversionSymbols: list(symbol, 1).optional(),
    strategy: z
      .strictObject({
        sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 in hex'),
        fileName,
        bytes: count.max(16 * 1024 * 1024),
      })
      .nullable(),
    checkpoints: z
      .strictObject({
        intervalMs: count,
        everyTicks: count,
        keep: count.min(1).max(1000),
        level: z.number().int().min(-7).max(22),
      })
      .nullable(),
    sweepJob: z.boolean(),
  })
  .superRefine((m, ctx) => {
    if (!Array.isArray(m.symbols) || !Array.isArray(m.config?.symbols)) return;
    const names = m.symbols.map((s) => s?.name).join();
    if (names !== m.config.symbols.join())
      ctx.addIssue({
        code: 'custom',
        path: ['symbols'],
        message: `symbols ${names} are not the config's ${m.config.symbols.join()}`,
      });
    const pairs = Array.isArray(m.conversionSymbols) ? m.conversionSymbols : [];
    // Only the pairs the config converts with, not traded by it: no extra data rides along.
    let wanted: string[];
    try {
      wanted = fingerprintSymbols(m.config as RunConfig).slice(m.config.symbols.length);
    } catch {
      return; // a malformed money section, already reported by the config's schema
    }
    if (pairs.map((s) => s?.name).join() !== wanted.join())
      ctx.addIssue({
        code: 'custom',
        path: ['conversionSymbols'],
        message: `conversion symbols ${pairs.map((s) => s?.name).join() || 'none'} are not the config's conversion pairs ${wanted.join() || 'none'}`,
      });
    const chunks = [...m.symbols, ...pairs].reduce(
      (n, s) => n + (Array.isArray(s?.chunks) ? s.chunks.length : 0),
      0,
    );
    if (chunks > MAX_MANIFEST_CHUNKS)
      ctx.addIssue({
        code: 'custom',
        path: ['symbols'],
        message: `${chunks} chunks, more than the ${MAX_MANIFEST_CHUNKS} allowed`,
      });
    const user = typeof m.config.strategy?.file === 'string';
    if (user !== (m.strategy !== null))
      ctx.addIssue({
        code: 'custom',
        path: ['strategy'],
        message: user ? 'a user strategy without its source' : 'a source without a user strategy',
      });
  });
