// @vitest-environment happy-dom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecoverableRun } from '../../../src/shared/dto.ts';
import { App } from '../../../src/renderer/src/App.tsx';
import { OptimiseScreen } from '../../../src/renderer/src/screens/OptimiseScreen.tsx';
import { useNav } from '../../../src/renderer/src/store/nav.ts';
import { installFakeApi, resetShell, runInfo } from '../shell/fake-api.ts';
import { sweepDetail, sweepInfo } from './sweep-fixtures.ts';

afterEach(resetShell);

const SWEEP = sweepInfo({ status: 'interrupted', jobsDone: 12, jobsTotal: 40 });
const plainRun: RecoverableRun = {
  run: runInfo('20261130-plain', { status: 'interrupted' }),
  lastCheckpoint: null,
};
const jobRun: RecoverableRun = {
  run: runInfo('20261130-job3', { status: 'interrupted', sweepId: SWEEP.id }),
  lastCheckpoint: null,
};

function setup(recoverableRuns: RecoverableRun[] = [jobRun, plainRun]) {
  const fake = installFakeApi({
    'sweeps:recoverable': () => [SWEEP],
    'sweeps:resume': ({ sweepId }) => ({ sweepId }),
    'sweeps:get': () => sweepDetail({ ...SWEEP, status: 'running' }),
    'runs:recoverable': () => recoverableRuns,
    'runs:resume': ({ runId }) => ({ runId, forkedFrom: null }),
  });
  render(<App />);
  return { fake, user: userEvent.setup() };
}

describe('Sweep relaunch prompt', () => {
  it('offers the interrupted sweep first, and Resume resumes it and opens its view', async () => {
    const { fake, user } = setup();
    const dialog = await screen.findByRole('dialog', { name: 'Resume interrupted sweep?' });
    expect(dialog.textContent).toContain(`Sweep ${SWEEP.id} was interrupted: 12 of 40 jobs done.`);
    // One dialog at a time: the run prompt waits for the sweep prompt.
    expect(screen.getAllByRole('dialog')).toHaveLength(1);
    await user.click(within(dialog).getByRole('button', { name: 'Resume' }));
    await waitFor(() => expect(fake.argsOf('sweeps:resume')).toEqual([{ sweepId: SWEEP.id }]));
    expect(useNav.getState().screen).toBe('optimise');
    expect(useNav.getState().params).toEqual({ sweepId: SWEEP.id });
    // Then the run prompt: the plain run only, never the sweep's job run one by one.
    const runDialog = await screen.findByRole('dialog', { name: 'Resume interrupted backtest?' });
    expect(runDialog.textContent).toContain('20261130-plain');
    expect(runDialog.textContent).not.toContain('(1 of 2');
    expect(fake.argsOf('runs:resume')).toEqual([]);
  });

  it('Later leaves the sweep alone and shows no run prompt for a job run', async () => {
    const { fake, user } = setup([jobRun]);
    const dialog = await screen.findByRole('dialog', { name: 'Resume interrupted sweep?' });
    await user.click(within(dialog).getByRole('button', { name: 'Later' }));
    await waitFor(() => expect(fake.argsOf('runs:recoverable')).toHaveLength(1));
    await Promise.resolve();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.argsOf('sweeps:resume')).toEqual([]);
  });

  it('skips a job run of the sweep even when the backend does not say so on the run', async () => {
    // sweepDetail's job 3 ran as run-3: the run itself carries no sweepId here.
    const unmarked: RecoverableRun = {
      run: runInfo('run-3', { status: 'interrupted', sweepId: null }),
      lastCheckpoint: null,
    };
    const { fake, user } = setup([unmarked, plainRun]);
    const dialog = await screen.findByRole('dialog', { name: 'Resume interrupted sweep?' });
    await user.click(within(dialog).getByRole('button', { name: 'Later' }));
    const runDialog = await screen.findByRole('dialog', { name: 'Resume interrupted backtest?' });
    expect(runDialog.textContent).toContain('20261130-plain');
    expect(runDialog.textContent).not.toContain('run-3');
    expect(runDialog.textContent).not.toContain('(1 of 2');
    expect(fake.argsOf('sweeps:get')).toEqual([{ sweepId: SWEEP.id }]);
  });

  it('shows a resume error in the dialog', async () => {
    installFakeApi({
      'sweeps:recoverable': () => [SWEEP],
      'sweeps:resume': () => {
        throw new Error(`sweep ${SWEEP.id} is owned by a live process (pid 4242)`);
      },
    });
    const user = userEvent.setup();
    render(<App />);
    await user.click(await screen.findByRole('button', { name: 'Resume' }));
    expect((await screen.findByRole('alert')).textContent).toContain('owned by a live process');
    expect(screen.getByRole('dialog', { name: 'Resume interrupted sweep?' })).toBeTruthy();
  });
});

describe('Sweeps list', () => {
  it('lists sweeps newest first with their best objective, and opens one', async () => {
    const older = sweepInfo({
      id: 'sw-20261129-090000-aaaa',
      createdAt: Date.UTC(2026, 10, 29),
      status: 'completed',
      bestJob: null,
    });
    const newer = sweepInfo();
    const fake = installFakeApi({
      'sweeps:list': () => [older, newer],
      'sweeps:get': () => sweepDetail(),
    });
    const user = userEvent.setup();
    render(<OptimiseScreen />);
    const table = await screen.findByRole('table', { name: 'Sweeps' });
    await waitFor(() =>
      expect(within(table).getAllByRole('row')[1]!.textContent).toContain('300.00'),
    );
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringMatching(/^sw-20261130-110444-04d3ma-crossrunning6 \/ 8 \(1 failed\)300\.00/),
      expect.stringMatching(/^sw-20261129-090000-aaaama-crosscompleted6 \/ 8 \(1 failed\)—/),
    ]);
    // Only the sweep with a best job was read in detail.
    expect(fake.argsOf('sweeps:get')).toEqual([{ sweepId: newer.id }]);
    await user.click(within(rows[1]!).getByRole('button', { name: older.id }));
    expect(useNav.getState().params).toEqual({ sweepId: older.id });
  });

  it('follows a running sweep’s progress events, and a failed best lookup leaves only a dash', async () => {
    const running = sweepInfo({ jobsDone: 2, jobsFailed: 0, bestJob: 1 });
    const fake = installFakeApi({
      'sweeps:list': () => [running],
      'sweeps:get': () => {
        throw new Error('database is locked');
      },
    });
    render(<OptimiseScreen />);
    const table = await screen.findByRole('table', { name: 'Sweeps' });
    await waitFor(() => expect(fake.argsOf('sweeps:get')).toHaveLength(1));
    expect(screen.queryByRole('alert')).toBeNull();
    const row = () => within(table).getAllByRole('row')[1]!;
    expect(row().textContent).toContain('running2 / 8—');
    fake.emit('sweep:progress', {
      sweepId: running.id,
      status: 'completed',
      jobsTotal: 8,
      jobsDone: 7,
      jobsFailed: 1,
      jobsRunning: 0,
      jobsPerSec: 0,
      etaSeconds: null,
    });
    expect(row().textContent).toContain('completed7 / 8 (1 failed)—');
  });
});
