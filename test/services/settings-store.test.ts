import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/services/db/database.ts';
import {
  getSetting,
  setSetting,
  SettingsError,
} from '../../src/main/services/settings/settings-store.ts';
import { useTempDir } from './temp-dir.ts';

const tempDir = useTempDir();

describe('settings store', () => {
  it('round-trips a value, and null goes back to the default', () => {
    const db = openDatabase(tempDir());
    expect(getSetting(db, 'checkpointBudgetBytes')).toBe(null);
    setSetting(db, 'checkpointBudgetBytes', 5 * 2 ** 30);
    expect(getSetting(db, 'checkpointBudgetBytes')).toBe(5 * 2 ** 30);
    setSetting(db, 'checkpointBudgetBytes', null);
    expect(getSetting(db, 'checkpointBudgetBytes')).toBe(null);
    db.close();
  });

  it('refuses values outside the schema', () => {
    const db = openDatabase(tempDir());
    for (const bad of [-1, 1.5, 2 ** 51, Number.NaN]) {
      expect(() => setSetting(db, 'checkpointBudgetBytes', bad), String(bad)).toThrow(
        SettingsError,
      );
    }
    expect(getSetting(db, 'checkpointBudgetBytes')).toBe(null);
    db.close();
  });

  it('names the key when the stored value was tampered with, instead of acting on it', () => {
    const db = openDatabase(tempDir());
    const put = (value: string): void => {
      db.prepare('INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES (?, ?, 0)').run(
        'checkpointBudgetBytes',
        value,
      );
    };
    put('"lots"');
    expect(() => getSetting(db, 'checkpointBudgetBytes')).toThrow(
      /setting checkpointBudgetBytes: stored value "lots" is invalid/,
    );
    put('{not json');
    expect(() => getSetting(db, 'checkpointBudgetBytes')).toThrow(/not JSON/);
    put('-5');
    expect(() => getSetting(db, 'checkpointBudgetBytes')).toThrow(SettingsError);
    db.close();
  });
});
