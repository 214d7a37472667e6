// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StrategyList } from '../../../src/shared/dto.ts';
import { setApi } from '../../../src/renderer/src/api/index.ts';
import { CheckpointsScreen } from '../../../src/renderer/src/screens/CheckpointsScreen.tsx';
import { resetStores, useNav } from '../../../src/renderer/src/store/index.ts';
import {
  checkpoint,
  fakeBackend,
  inspectReport,
  runInfo,
  type FakeBackend,
} from './fake-backend.ts';

const STRATEGIES: StrategyList = {
  strategies: [
    {
      name: 'ma-cross',
      description: 'MA cross',
      source: 'builtin',
      file: null,
      params: [
        { name: 'fast', type: 'integer', default: 5, min: 2, max: 100, description: 'fast MA' },
        { name: 'slow', type: 'integer', default: 20, min: 3, max: 400, description: 'slow MA' },
        { name: 'lots', type: 'number', default: 1, min: 0.01, description: 'size in lots' },
      ],
    },
  ],
  errors: [],
};

let fake: FakeBackend;

beforeEach(() => {
  resetStores();
  fake = fakeBackend({
    'runs:get': () => runInfo({ status: 'completed', ticksTotal: 10_000 }),
    'checkpoints:list': () => [checkpoint(1), checkpoint(2)],
    'checkpoints:inspect': ({ seq }) => inspectReport(seq),
    'strategies:list': () => STRATEGIES,
    'runs:resume': () => ({ runId: 'r2', forkedFrom: 'r1' }),
  });
  setApi(fake.api);
});

afterEach(() => {
  cleanup();
  setApi(null);
});

async function openDialog() {
  const user = userEvent.setup();
  render(<CheckpointsScreen runId="r1" />);
  const row = await screen.findByRole('checkbox', { name: 'Compare checkpoint 2' });
  await user.click(row.closest('tr')!);
  await user.click(screen.getByRole('button', { name: 'Resume from here' }));
  const dialog = await screen.findByRole('dialog', { name: 'Resume from checkpoint #2?' });
  // The fields show the run's own params (fast 10, slow 30), not the schema's defaults.
  await waitFor(() =>
    expect((within(dialog).getByLabelText('Fast') as HTMLInputElement).value).toBe('10'),
  );
  return { user, dialog: within(dialog) };
}

describe('Resume from here', () => {
  it('asks first, explains the new run, and sends no params when none changed', async () => {
    const { user, dialog } = await openDialog();
    expect(fake.callsOf('runs:resume')).toEqual([]);
    expect(dialog.getByText(/creates a new run that starts from checkpoint #2/)).toBeTruthy();
    expect((dialog.getByLabelText('Slow') as HTMLInputElement).value).toBe('30');
    expect(dialog.getByText('Same parameters as the run (ma-cross).')).toBeTruthy();
    await user.click(dialog.getByRole('button', { name: 'Create the new run' }));
    expect(fake.callsOf('runs:resume')).toEqual([{ runId: 'r1', checkpoint: 2 }]);
    await waitFor(() =>
      expect(useNav.getState()).toMatchObject({ screen: 'run', params: { runId: 'r2' } }),
    );
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('Cancel forks nothing', async () => {
    const { user, dialog } = await openDialog();
    await user.click(dialog.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.callsOf('runs:resume')).toEqual([]);
  });

  it('sends only the changed params, and keeps a bad value from being sent', async () => {
    const { user, dialog } = await openDialog();
    const lots = dialog.getByLabelText('Lots');
    await user.clear(lots);
    await user.type(lots, '0');
    expect(dialog.getByText('Must be at least 0.01')).toBeTruthy();
    const create = dialog.getByRole('button', { name: 'Create the new run' }) as HTMLButtonElement;
    expect(create.disabled).toBe(true);
    await user.clear(lots);
    await user.type(lots, '2.5');
    expect(dialog.getByText(/Changed: lots = 2.5/)).toBeTruthy();
    await user.click(create);
    expect(fake.callsOf('runs:resume')).toEqual([
      { runId: 'r1', checkpoint: 2, params: { lots: 2.5 } },
    ]);
  });

  it("shows the backend's refusal in the dialog and stays open", async () => {
    fake.handlers['runs:resume'] = () => {
      throw new Error(
        'fast=12 changes the indicators the strategy needs (ema(12) is not in the checkpoint); start a new run instead',
      );
    };
    const { user, dialog } = await openDialog();
    const fast = dialog.getByLabelText('Fast');
    await user.clear(fast);
    await user.type(fast, '12');
    await user.click(dialog.getByRole('button', { name: 'Create the new run' }));
    expect(fake.callsOf('runs:resume')).toEqual([
      { runId: 'r1', checkpoint: 2, params: { fast: 12 } },
    ]);
    expect((await dialog.findByRole('alert')).textContent).toContain(
      'ema(12) is not in the checkpoint',
    );
    expect(screen.getByRole('dialog')).toBeTruthy();
    expect(useNav.getState().screen).not.toBe('run');
  });
});
