/**
 * Schemas of the fields a run request and a sweep spec share (contract.ts, sweeps.ts): one
 * definition, so a symbol, a timeframe or an account the app may send for a run is the one it may
 * send for a sweep. Its own module because contract.ts imports sweeps.ts.
 */
import { z } from 'zod';
import { currencySchema } from './symbol-spec.ts';

export const symbolSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, 'use letters, digits, . _ -');

export const timeframeSchema = z.enum(['M1', 'M5', 'M15', 'M30', 'H1', 'H4', 'D1', 'W1']);

/** Money and fills; every field optional (a default fills it). */
export const accountSchema = z
  .object({
    balance: z.number().positive(),
    lotSize: z.number().positive(),
    commissionPerLot: z.number().min(0),
    slippage: z.number().min(0),
  })
  .partial();

/** Broker settings of a run (issue 12); every field optional (a default fills it). */
export const moneySchema = z
  .object({
    currency: currencySchema,
    /** null or 0: unlimited (no margin). */
    leverage: z.number().min(0).max(10_000).nullable(),
    stopOutPct: z.number().min(0).max(1000),
    rolloverMinutes: z.number().int().min(0).max(1439),
    rates: z.record(currencySchema, z.number().positive().finite()),
    contractSize: z.number().positive().finite(),
  })
  .partial();

/**
 * What a caller may set of a run's broker side (`--account-currency`, `--leverage`, …): a run
 * request's and every sweep job's. Defaults in services/runs/run-config.ts; `rates` are used
 * only when no pair is stored; `contractSize` overrides every symbol's (the old `--lot-size`).
 */
export type MoneyRequest = z.infer<typeof moneySchema>;
