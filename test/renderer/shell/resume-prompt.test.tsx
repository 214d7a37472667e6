// @vitest-environment happy-dom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckpointInfo, RecoverableRun } from '../../../src/shared/dto.ts';
import { fmtLocal } from '../../../src/renderer/src/components/format.ts';
import { ResumePrompt } from '../../../src/renderer/src/screens/ResumePrompt.tsx';
import { useNav } from '../../../src/renderer/src/store/nav.ts';
import { installFakeApi, resetShell, runInfo } from './fake-api.ts';

afterEach(resetShell);

const WALL = new Date(2024, 5, 3, 14, 5, 9).getTime();
const checkpoint: CheckpointInfo = {
  seq: 7,
  ticks: 240_000,
  progressPct: 24,
  simTime: Date.UTC(2024, 0, 3, 10, 0, 0),
  wallTime: WALL,
  trigger: 'interval',
  bytes: 123_456,
  status: 'valid',
  pauseMs: 3,
  writeMs: 20,
};
const interrupted: RecoverableRun = {
  run: runInfo('20240603-abc', {
    status: 'interrupted',
    symbols: ['EURUSD', 'GBPUSD'],
    strategy: { name: 'rsi-reversion', params: {} },
  }),
  lastCheckpoint: checkpoint,
};

function setup(list: RecoverableRun[] = [interrupted]) {
  const fake = installFakeApi({
    'runs:recoverable': () => list,
    'runs:resume': ({ runId }) => ({ runId, forkedFrom: null }),
  });
  render(<ResumePrompt />);
  return { fake, user: userEvent.setup() };
}

describe('ResumePrompt', () => {
  it('names the interrupted run, its progress and the time of its last valid checkpoint', async () => {
    setup();
    const dialog = await screen.findByRole('dialog', { name: 'Resume interrupted backtest?' });
    const text = dialog.textContent!;
    expect(text).toContain('20240603-abc');
    expect(text).toContain('EURUSD, GBPUSD');
    expect(text).toContain('rsi-reversion');
    expect(text).toContain('250,000 / 1,000,000 ticks (25.0%)');
    expect(text).toContain(`#7 written ${fmtLocal(WALL)}`);
    expect(text).toContain('2024-06-03 14:05:09');
    expect(text).toContain('market time 2024-01-03 10:00:00 UTC');
  });

  it('shows the last checkpoint as the progress when the stored progress lags behind it', async () => {
    setup([
      { run: interrupted.run, lastCheckpoint: { ...checkpoint, ticks: 450_000, progressPct: 45 } },
    ]);
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('450,000 / 1,000,000 ticks (45.0%)');
  });

  it('Resume resumes the run with one click and opens its Run screen', async () => {
    const { fake, user } = setup();
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Resume' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(fake.argsOf('runs:resume')).toEqual([{ runId: '20240603-abc' }]);
    expect(useNav.getState().screen).toBe('run');
    expect(useNav.getState().params.runId).toBe('20240603-abc');
  });

  it('Discard asks first, then discards', async () => {
    const { fake, user } = setup();
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Discard' }));
    expect(fake.argsOf('runs:discard')).toEqual([]);
    expect(dialog.textContent).toContain('cannot be undone');
    await user.click(within(dialog).getByRole('button', { name: 'Yes, discard' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(fake.argsOf('runs:discard')).toEqual([{ runId: '20240603-abc' }]);
    expect(fake.argsOf('runs:resume')).toEqual([]);
  });

  it('Discard can be cancelled', async () => {
    const { fake, user } = setup();
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Discard' }));
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(within(dialog).getByRole('button', { name: 'Resume' })).toBeTruthy();
    expect(fake.argsOf('runs:discard')).toEqual([]);
  });

  it('Later dismisses without touching the run', async () => {
    const { fake, user } = setup();
    await user.click(await screen.findByRole('button', { name: 'Later' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.argsOf('runs:resume')).toEqual([]);
    expect(fake.argsOf('runs:discard')).toEqual([]);
    expect(useNav.getState().screen).toBe('data');
  });

  it('shows a resume error in the dialog', async () => {
    const fake = installFakeApi({
      'runs:recoverable': () => [interrupted],
      'runs:resume': () => {
        throw new Error('stored ticks changed since the checkpoint; resume with force');
      },
    });
    const user = userEvent.setup();
    render(<ResumePrompt />);
    await user.click(await screen.findByRole('button', { name: 'Resume' }));
    expect((await screen.findByRole('alert')).textContent).toContain('stored ticks changed');
    expect(screen.getByRole('dialog')).toBeTruthy();
    expect(fake.argsOf('runs:resume')).toHaveLength(1);
  });

  it('goes on to the next interrupted run after a discard', async () => {
    const second: RecoverableRun = {
      run: runInfo('second-run', { status: 'interrupted' }),
      lastCheckpoint: null,
    };
    const { user } = setup([interrupted, second]);
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('1 of 2');
    await user.click(within(dialog).getByRole('button', { name: 'Discard' }));
    await user.click(within(dialog).getByRole('button', { name: 'Yes, discard' }));
    await waitFor(() => expect(screen.getByRole('dialog').textContent).toContain('second-run'));
  });

  it('offers Resume for a run with no valid checkpoint, saying it starts again from the first tick', async () => {
    const early: RecoverableRun = {
      run: runInfo('killed-early', { status: 'interrupted' }),
      lastCheckpoint: null,
    };
    const { fake, user } = setup([early]);
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain(
      'It has no valid checkpoint: Resume starts it again from its first tick.',
    );
    expect(dialog.textContent).toContain('none valid: resuming starts again from the first tick');
    const resume = within(dialog).getByRole('button', { name: 'Resume' }) as HTMLButtonElement;
    expect(resume.disabled).toBe(false);
    await user.click(resume);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(fake.argsOf('runs:resume')).toEqual([{ runId: 'killed-early' }]);
    expect(useNav.getState().params.runId).toBe('killed-early');
  });

  it('stays hidden when no run was interrupted (paused runs are not prompted)', async () => {
    const { fake } = setup([
      { run: runInfo('p', { status: 'paused' }), lastCheckpoint: checkpoint },
    ]);
    await waitFor(() => expect(fake.argsOf('runs:recoverable')).toHaveLength(1));
    await Promise.resolve();
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
