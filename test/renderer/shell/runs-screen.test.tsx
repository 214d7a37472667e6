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
      .map((r) => r.querySelectorAll('td')[1]!.textContent);
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
      marginLevel: null,
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

  it('shows net profit, profit factor, max drawdown % and params of a finished run', async () => {
    installFakeApi({
      'runs:list': () => [
        runInfo('done', {
          status: 'completed',
          strategy: { name: 'ma-cross', params: { fast: 10, slow: 30 } },
          stats: { netProfit: -1234.5, profitFactor: null, grossProfit: 80, maxDrawdownPct: 3.456 },
        }),
        runInfo('busy', { strategy: null }),
      ],
    });
    render(<RunsScreen />);
    await screen.findByText('done');
    const heads = screen.getAllByRole('columnheader').map((h) => h.textContent);
    expect(heads).toEqual(
      expect.arrayContaining(['Net profit', 'Profit factor', 'Max drawdown %', 'Params']),
    );
    const done = within(rowOf('done'));
    expect(done.getByText('-1,234.50').className, 'a loss is coloured').toContain('neg');
    // No losing trade but some profit: an infinite profit factor, as the Results screen shows it.
    expect(done.getByText('∞')).toBeTruthy();
    expect(done.getByText('3.46%')).toBeTruthy();
    expect(done.getByText('Fast 10 · Slow 30').getAttribute('title')).toBe('Fast 10 · Slow 30');
    // A run without statistics yet leaves the cells empty rather than showing zeros.
    const cells = [...rowOf('busy').querySelectorAll('td.num')].map((c) => c.textContent);
    expect(cells).not.toContain('0.00');
  });

  it('cuts long params in the cell and keeps them whole in its title', async () => {
    const params = { fastPeriod: 10, slowPeriod: 30, trendTimeframe: 'H1', trendPeriod: 20 };
    installFakeApi({
      'runs:list': () => [runInfo('r', { strategy: { name: 'ma-cross', params } })],
    });
    render(<RunsScreen />);
    await screen.findByText('r');
    const full = 'Fast period 10 · Slow period 30 · Trend timeframe H1 · Trend period 20';
    const cell = within(rowOf('r')).getByTitle(full);
    expect(cell.textContent!.endsWith('…')).toBe(true);
    expect(cell.textContent!.length).toBeLessThan(full.length);
  });

  it("marks a sweep's job run with its sweep id, which opens the sweep", async () => {
    installFakeApi({
      'runs:list': () => [
        runInfo('job-run', { sweepId: 'sw-20261130-110444-04d3' }),
        runInfo('solo'),
      ],
    });
    const user = userEvent.setup();
    render(<RunsScreen />);
    await screen.findByText('job-run');
    expect(within(rowOf('solo')).queryByText(/^sw-/)).toBeNull();
    await user.click(
      within(rowOf('job-run')).getByRole('button', { name: 'sw-20261130-110444-04d3' }),
    );
    expect(useNav.getState()).toMatchObject({
      screen: 'optimise',
      params: { sweepId: 'sw-20261130-110444-04d3' },
    });
  });

  it('compares 2 to 4 ticked runs, and no more than 4 can be ticked', async () => {
    const ids = ['r1', 'r2', 'r3', 'r4', 'r5'];
    installFakeApi({
      'runs:list': () => ids.map((id, i) => runInfo(id, { status: 'completed', createdAt: i })),
    });
    const user = userEvent.setup();
    render(<RunsScreen />);
    await screen.findByText('r1');
    const compare = () => screen.getByRole('button', { name: /^Compare/ });
    const tick = (id: string) =>
      user.click(screen.getByRole('checkbox', { name: `Select ${id} to compare` }));
    expect(compare().hasAttribute('disabled'), 'nothing ticked').toBe(true);
    await tick('r1');
    expect(compare().hasAttribute('disabled'), 'one run is no comparison').toBe(true);
    await tick('r3');
    await tick('r2');
    await tick('r5');
    expect(compare().textContent).toBe('Compare (4)');
    const fifth = screen.getByRole('checkbox', { name: 'Select r4 to compare' });
    expect(fifth.hasAttribute('disabled'), 'a fifth run cannot be ticked').toBe(true);
    await tick('r5'); // untick
    expect(fifth.hasAttribute('disabled')).toBe(false);
    await user.click(compare());
    expect(useNav.getState()).toMatchObject({
      screen: 'compare',
      params: { runIds: ['r1', 'r3', 'r2'] },
    });
  });

  it("reloads the list when a sweep's job starts or ends, not on every sweep event", async () => {
    let stored: RunInfo[] = [];
    const fake = installFakeApi({ 'runs:list': () => stored });
    render(<RunsScreen />);
    await screen.findByText('No backtests yet');
    const event = {
      sweepId: 'sw-1',
      status: 'running' as const,
      jobsTotal: 4,
      jobsDone: 0,
      jobsFailed: 0,
      jobsRunning: 1,
      jobsPerSec: 0,
      etaSeconds: null,
    };
    stored = [runInfo('job-0', { sweepId: 'sw-1' })];
    fake.emit('sweep:progress', event);
    await screen.findByText('job-0');
    const loads = fake.argsOf('runs:list').length;
    fake.emit('sweep:progress', { ...event, jobsPerSec: 0.5, etaSeconds: 6 });
    expect(fake.argsOf('runs:list').length, 'only the rate moved').toBe(loads);
    stored = [runInfo('job-0', { sweepId: 'sw-1', status: 'completed' })];
    fake.emit('sweep:progress', { ...event, jobsDone: 1 });
    await waitFor(() => expect(within(rowOf('job-0')).getByText('completed')).toBeTruthy());
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
