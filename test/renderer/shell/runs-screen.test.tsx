// @vitest-environment happy-dom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunInfo } from '../../../src/shared/dto.ts';
import { RunsScreen } from '../../../src/renderer/src/screens/RunsScreen.tsx';
import { useNav } from '../../../src/renderer/src/store/nav.ts';
import { installFakeApi, resetShell, runInfo } from './fake-api.ts';

afterEach(resetShell);

const rowOf = (runId: string) => screen.getByText(runId).closest('tr')!;

describe('RunsScreen', () => {
  it('has an empty state', async () => {
    installFakeApi();
    render(<RunsScreen />);
    expect(await screen.findByText('No backtests yet')).toBeTruthy();
  });

  it('lists runs newest first with status, progress and created time', async () => {
    installFakeApi({
      'runs:list': () => [
        runInfo('old-run', {
          status: 'completed',
          createdAt: Date.UTC(2024, 0, 1),
          ticksDone: 1_000_000,
        }),
        runInfo('new-run', { status: 'failed', error: 'strategy threw', strategy: null }),
      ],
    });
    render(<RunsScreen />);
    await screen.findByText('old-run');
    const ids = screen
      .getAllByRole('row')
      .slice(1)
      .map((r) => r.querySelector('td')!.textContent);
    expect(ids).toEqual(['new-run', 'old-run']);
    const failed = rowOf('new-run');
    expect(within(failed).getByText('failed').className).toContain('status-failed');
    expect(within(failed).getByText('strategy threw')).toBeTruthy();
    expect(within(failed).getByText('none')).toBeTruthy();
    expect(within(rowOf('old-run')).getByText('100.0%')).toBeTruthy();
    expect(within(failed).getByText('25.0%')).toBeTruthy();
  });

  it('updates a row on a run:state event', async () => {
    let stored: RunInfo = runInfo('r1');
    const fake = installFakeApi({
      'runs:list': () => [stored],
      'runs:get': () => stored,
    });
    render(<RunsScreen />);
    await screen.findByText('r1');
    expect(within(rowOf('r1')).getByText('running')).toBeTruthy();
    expect(within(rowOf('r1')).getByRole('button', { name: 'Pause' })).toBeTruthy();

    stored = runInfo('r1', { status: 'paused', ticksDone: 300_000 });
    fake.emit('run:state', { runId: 'r1', status: 'paused' });
    expect(within(rowOf('r1')).getByText('paused').className).toContain('status-paused');
    expect(within(rowOf('r1')).getByRole('button', { name: 'Resume' })).toBeTruthy();
    // Then the stored run (runs:get) brings its final progress.
    await waitFor(() => expect(within(rowOf('r1')).getByText('30.0%')).toBeTruthy());
  });

  it('adds a run it did not know from a run:state event, and follows run:progress', async () => {
    const fake = installFakeApi({ 'runs:get': ({ runId }) => runInfo(runId) });
    render(<RunsScreen />);
    await screen.findByText('No backtests yet');
    fake.emit('run:state', { runId: 'fresh', status: 'running' });
    await screen.findByText('fresh');
    fake.emit('run:progress', {
      runId: 'fresh',
      ticksDone: 500_000,
      ticksTotal: 1_000_000,
      ticksPerSec: 1000,
      seconds: 20,
      etaSeconds: 20,
      simTime: null,
      balance: null,
      equity: null,
      frames: [],
    });
    expect(within(rowOf('fresh')).getByText('50.0%')).toBeTruthy();
  });

  it('resumes, opens and discards (after a confirm) from a row', async () => {
    const fake = installFakeApi({
      'runs:list': () => [
        runInfo('int-run', { status: 'interrupted' }),
        runInfo('done-run', { status: 'completed', createdAt: 1 }),
      ],
      'runs:resume': ({ runId }) => ({ runId, forkedFrom: null }),
    });
    const user = userEvent.setup();
    render(<RunsScreen />);
    await screen.findByText('int-run');

    await user.click(within(rowOf('done-run')).getByRole('button', { name: 'Results' }));
    expect(useNav.getState()).toMatchObject({ screen: 'results', params: { runId: 'done-run' } });

    await user.click(within(rowOf('done-run')).getByRole('button', { name: 'Discard' }));
    expect(fake.argsOf('runs:discard')).toEqual([]);
    await user.click(within(rowOf('done-run')).getByRole('button', { name: 'Yes, discard' }));
    await waitFor(() => expect(screen.queryByText('done-run')).toBeNull());
    expect(fake.argsOf('runs:discard')).toEqual([{ runId: 'done-run' }]);
    // The discarded run was the current one: the nav forgets it.
    expect(useNav.getState().currentRunId).toBeNull();

    await user.click(within(rowOf('int-run')).getByRole('button', { name: 'Resume' }));
    await waitFor(() => expect(useNav.getState().screen).toBe('run'));
    expect(fake.argsOf('runs:resume')).toEqual([{ runId: 'int-run' }]);
    expect(useNav.getState().params.runId).toBe('int-run');
  });

  it('unsubscribes from run events when it unmounts', async () => {
    const fake = installFakeApi();
    const view = render(<RunsScreen />);
    await screen.findByText('No backtests yet');
    expect(fake.listenerCount('run:state')).toBe(1);
    view.unmount();
    expect(fake.listenerCount('run:state')).toBe(0);
  });
});
