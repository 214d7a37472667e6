/**
 * Settings of a data folder, shared by the CLI and the app: rows of the `settings` table
 * (migration 7). The database is as untrusted as any file, so every read validates the stored
 * JSON with its key's schema and names the key when it does not fit, instead of acting on it.
 */
import { z } from 'zod';
import { clusterSettingsSchema } from '../../../shared/cluster-settings.ts';
import { MAX_CHECKPOINT_BUDGET_BYTES } from '../../../shared/contract.ts';
import type { Db } from '../db/database.ts';

/** The largest budget accepted (1 PiB), one limit for the contract, the CLI and the store. */
export const MAX_BUDGET_BYTES = MAX_CHECKPOINT_BUDGET_BYTES;

const SCHEMAS = {
  /** Bytes all checkpoint files of the data folder may take; absent: automatic (budget-size.ts). */
  checkpointBudgetBytes: z.number().int().min(0).max(MAX_BUDGET_BYTES),
  /** The app's cluster: Redis and store URLs, never with a password (cluster-settings.ts). */
  cluster: clusterSettingsSchema.unwrap(),
} as const;

export type SettingKey = keyof typeof SCHEMAS;
export type SettingValue<K extends SettingKey> = z.infer<(typeof SCHEMAS)[K]>;

export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

/** The stored value, or null when the key was never set (or was reset). */
export function getSetting<K extends SettingKey>(db: Db, key: K): SettingValue<K> | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as
    { value: string } | undefined;
  if (!row) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(row.value);
  } catch {
    throw new SettingsError(`setting ${key}: stored value is not JSON; set it again`);
  }
  const r = SCHEMAS[key].safeParse(parsed);
  if (!r.success) {
    throw new SettingsError(`setting ${key}: stored value ${row.value} is invalid; set it again`);
  }
  return r.data as SettingValue<K>;
}

/** Validates and stores `value`; null removes the key (back to the default). */
export function setSetting<K extends SettingKey>(
  db: Db,
  key: K,
  value: SettingValue<K> | null,
): void {
  if (value === null) {
    db.prepare('DELETE FROM settings WHERE key = ?').run(key);
    return;
  }
  const r = SCHEMAS[key].safeParse(value);
  if (!r.success) {
    throw new SettingsError(`setting ${key}: ${r.error.issues.map((i) => i.message).join('; ')}`);
  }
  db.prepare('INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run(
    key,
    JSON.stringify(r.data),
    Date.now(),
  );
}
