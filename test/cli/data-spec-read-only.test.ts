/**
 * `data spec SYMBOL` only shows when given no change flag, so it works on a data folder that
 * cannot be written (a read-only bind mount of a real one, as read-only-data.test.ts); a change
 * is refused naming the folder. Needs root to mount; elsewhere the test is skipped and says why.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/services/db/database.ts';
import { saveSymbolSpec } from '../../src/main/services/ticks/symbol-specs.ts';
import { useReadOnlyMount } from './read-only-mount.ts';
import { cli } from './run-cli.ts';

const { data, ro, mounted, mountReadOnly } = useReadOnlyMount('backtestr-readonly-spec-');

describe('data spec on a read-only data folder', () => {
  it.skipIf(!mounted)('shows a spec, refuses to change it (skipped without bind mounts)', () => {
    const db = openDatabase(data);
    saveSymbolSpec(db, 'EURUSD', { swapLong: -3 });
    db.close();
    mountReadOnly();

    const shown = cli(ro, ['data', 'spec', 'EURUSD', '--json']);
    expect(shown.code, shown.stderr).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ edited: true, swapLong: -3 });

    const change = cli(ro, ['data', 'spec', 'EURUSD', '--swap-long', '-1']);
    expect(change.code).toBe(1);
    expect(change.stderr).toContain(`the data folder ${ro} cannot be written`);
  });
});
