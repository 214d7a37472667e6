/**
 * The checkpoint budget through both front ends on one data folder: set by the CLI, read by the
 * API and the other way round; gc --dry-run (CLI and API) deletes nothing; gc deletes what the
 * dry run announced, completed runs first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../cli/run-cli.ts';
import { useBackends } from '../../api/helpers.ts';

const backendIn = useBackends();

function checkpointFiles(dataDir: string): string[] {
  const runs = path.join(dataDir, 'runs');
  if (!fs.existsSync(runs)) return [];
  return fs
    .readdirSync(runs)
    .flatMap((r) => fs.readdirSync(path.join(runs, r, 'checkpoints')).map((f) => `${r}/${f}`))
    .sort();
}

function ok(dataDir: string, args: string[]): string {
  const r = cli(dataDir, args);
  expect(r.code, `backtestr ${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

describe('checkpoint budget setting', () => {
  it('round-trips between the CLI and the API, and refuses sizes that do not parse strictly', async () => {
    const { backend, dataDir } = await backendIn();
    expect((await backend.invoke('settings:checkpointSpace')).settingBytes, 'automatic').toBe(null);

    ok(dataDir, ['settings', 'checkpoint-budget', '1.5GiB']);
    const space = await backend.invoke('settings:checkpointSpace');
    expect(space.settingBytes).toBe(1.5 * 2 ** 30);
    expect(space.budgetBytes).toBe(1.5 * 2 ** 30);

    await backend.invoke('settings:setCheckpointBudget', { bytes: 123_456 });
    const shown = JSON.parse(ok(dataDir, ['settings', 'checkpoint-budget', '--json'])) as {
      settingBytes: number;
    };
    expect(shown.settingBytes).toBe(123_456);

    ok(dataDir, ['settings', 'checkpoint-budget', 'auto']);
    const auto = await backend.invoke('settings:checkpointSpace');
    expect(auto.settingBytes).toBe(null);
    expect(auto.budgetBytes).toBe(auto.autoBytes);
    expect(auto.autoBytes).toBe(Math.min(2 ** 31, Math.floor(auto.freeBytes * 0.1)));

    for (const bad of ['1e9', '-5', '2 GiB please', '0.5B']) {
      const r = cli(dataDir, ['settings', 'checkpoint-budget', '--', bad]);
      expect(r.code, `${bad} is a usage error`).toBe(2);
      expect(r.stderr).toMatch(/is not a size/);
    }
    await expect(backend.invoke('settings:setCheckpointBudget', { bytes: -1 })).rejects.toThrow(
      /bytes/,
    );
    await expect(backend.invoke('settings:setCheckpointBudget', { bytes: 1.5 })).rejects.toThrow(
      /bytes/,
    );
    expect((await backend.invoke('settings:checkpointSpace')).settingBytes, 'unchanged').toBe(null);
  });

  it('gc --dry-run deletes nothing; gc then deletes exactly what it announced', async () => {
    const { backend, dataDir } = await backendIn();
    ok(dataDir, [
      'data',
      'generate',
      '--symbol',
      'EURUSD',
      '--start',
      '2024-01-03',
      '--days',
      '1',
      '--seed',
      '3',
    ]);
    const run = [
      'run',
      '--symbol',
      'EURUSD',
      '--timeframes',
      'M1,H1',
      '--checkpoint-every-ticks',
      '20000',
      '--json',
    ];
    const first = (JSON.parse(ok(dataDir, run)) as { runId: string }).runId;
    const second = (JSON.parse(ok(dataDir, run)) as { runId: string }).runId;
    const before = checkpointFiles(dataDir);
    expect(before.length, 'both runs kept several checkpoints').toBeGreaterThan(4);
    const usage = (await backend.invoke('settings:checkpointSpace')).usageBytes;
    await backend.invoke('settings:setCheckpointBudget', { bytes: Math.floor(usage / 2) });

    const dryCli = JSON.parse(ok(dataDir, ['checkpoints', 'gc', '--dry-run', '--json'])) as {
      deleted: { runId: string; seq: number }[];
      dryRun: boolean;
    };
    const dryApi = await backend.invoke('checkpoints:gc', { dryRun: true });
    expect(checkpointFiles(dataDir), 'a dry run deletes nothing').toEqual(before);
    expect(dryCli.dryRun).toBe(true);
    expect(dryApi.deleted.map((f) => [f.runId, f.seq])).toEqual(
      dryCli.deleted.map((f) => [f.runId, f.seq]),
    );
    expect(dryApi.deleted.length).toBeGreaterThan(0);
    expect(dryApi.deleted[0].runId, 'the older completed run goes first').toBe(first);
    expect(dryApi.afterBytes).toBeLessThanOrEqual(dryApi.budgetBytes);

    const text = ok(dataDir, ['checkpoints', 'gc', '--dry-run']);
    expect(text).toMatch(/would delete \d+ files/);
    expect(text).toContain('dry run: nothing was deleted');

    const done = await backend.invoke('checkpoints:gc', { dryRun: false });
    expect(done.deleted.map((f) => f.file)).toEqual(dryApi.deleted.map((f) => f.file));
    for (const f of done.deleted) expect(fs.existsSync(f.file), f.file).toBe(false);
    expect(done.afterBytes).toBeLessThanOrEqual(done.budgetBytes);
    const rows = await backend.invoke('checkpoints:list', { runId: first });
    for (const f of done.deleted.filter((d) => d.runId === first)) {
      expect(rows.find((r) => r.seq === f.seq)?.status, `row of seq ${f.seq}`).toBe('gc');
    }
    expect(
      checkpointFiles(dataDir).some((f) => f.startsWith(second)),
      'the newer run keeps some',
    ).toBe(true);
    expect(JSON.parse(ok(dataDir, ['checkpoints', 'gc', '--json'])).deleted, 'idempotent').toEqual(
      [],
    );
  });
});
