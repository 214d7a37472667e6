// @vitest-environment happy-dom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckpointGcReport, CheckpointSpace } from '../../../src/shared/dto.ts';
import { SettingsScreen } from '../../../src/renderer/src/screens/SettingsScreen.tsx';
import { installFakeApi, resetShell } from './fake-api.ts';

afterEach(resetShell);

const GiB = 2 ** 30;
const MiB = 2 ** 20;

function space(over: Partial<CheckpointSpace> = {}): CheckpointSpace {
  return {
    usageBytes: 300 * MiB,
    files: 42,
    budgetBytes: 2 * GiB,
    settingBytes: null,
    autoBytes: 2 * GiB,
    freeBytes: 80 * GiB,
    ...over,
  };
}

function gc(dryRun: boolean, deleted: CheckpointGcReport['deleted'] = []): CheckpointGcReport {
  const freed = deleted.reduce((s, f) => s + f.bytes, 0);
  return { ...space(), dryRun, deleted, afterBytes: 300 * MiB - freed, protectedFiles: [] };
}

const file = (runId: string, seq: number, bytes: number) => ({
  runId,
  seq,
  bytes,
  file: `/d/runs/${runId}/checkpoints/ckpt-${seq}.btck`,
});

describe('SettingsScreen', () => {
  it('shows checkpoint usage, the budget and free space', async () => {
    installFakeApi({ 'settings:checkpointSpace': () => space(), 'checkpoints:gc': () => gc(true) });
    render(<SettingsScreen />);
    const facts = await screen.findByRole('region', { name: 'Checkpoint space' });
    expect(facts.textContent).toContain('300.0 MiB in 42 files');
    expect(facts.textContent).toContain('2.00 GiB (automatic)');
    expect(facts.textContent).toContain('80.0 GiB');
    expect(await screen.findByText('Within budget: nothing to delete.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Run GC now' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });

  it('sets a budget typed as on the CLI, and refuses one that does not parse, before calling the backend', async () => {
    const fake = installFakeApi({
      'settings:checkpointSpace': () => space(),
      'settings:setCheckpointBudget': ({ bytes }) =>
        space({ settingBytes: bytes, budgetBytes: bytes ?? 2 * GiB }),
      'checkpoints:gc': () => gc(true),
    });
    const user = userEvent.setup();
    render(<SettingsScreen />);
    await user.click(await screen.findByLabelText(/Automatic/));
    const input = screen.getByLabelText('Budget');
    await user.clear(input);
    await user.type(input, '1e9');
    await user.click(screen.getByRole('button', { name: 'Save budget' }));
    expect(await screen.findByText(/'1e9' is not a size/)).toBeTruthy();
    expect(fake.argsOf('settings:setCheckpointBudget')).toEqual([]);

    await user.clear(input);
    await user.type(input, '1.5GiB');
    await user.click(screen.getByRole('button', { name: 'Save budget' }));
    await waitFor(() =>
      expect(fake.argsOf('settings:setCheckpointBudget')).toEqual([{ bytes: 1.5 * GiB }]),
    );
    const facts = screen.getByRole('region', { name: 'Checkpoint space' });
    await waitFor(() => expect(facts.textContent).toContain('1.50 GiB (set)'));
  });

  it('previews GC with a dry run and deletes only on "Run GC now"', async () => {
    const planned = [file('r-old', 1, 10 * MiB), file('r-old', 2, 12 * MiB)];
    const fake = installFakeApi({
      'settings:checkpointSpace': () => space({ budgetBytes: 280 * MiB, settingBytes: 280 * MiB }),
      'checkpoints:gc': ({ dryRun }) => gc(dryRun, planned),
    });
    const user = userEvent.setup();
    render(<SettingsScreen />);
    const table = await screen.findByRole('table', { name: 'Checkpoints GC would delete' });
    expect(within(table).getAllByText('r-old')).toHaveLength(2);
    expect(screen.getByText(/Would delete 2 files/)).toBeTruthy();
    expect(fake.argsOf('checkpoints:gc'), 'only previewed so far').toEqual([{ dryRun: true }]);

    await user.click(screen.getByRole('button', { name: 'Run GC now' }));
    await waitFor(() => expect(fake.argsOf('checkpoints:gc')).toContainEqual({ dryRun: false }));
  });
});
