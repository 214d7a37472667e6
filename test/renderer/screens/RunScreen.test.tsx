// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunProgressEvent } from '../../../src/shared/dto.ts';
import { setApi } from '../../../src/renderer/src/api/index.ts';
import { RunScreen } from '../../../src/renderer/src/screens/RunScreen.tsx';
import { resetStores, useNav } from '../../../src/renderer/src/store/index.ts';
import { emptyResults, fakeBackend, runInfo, type FakeBackend } from './fake-backend.ts';

function progress(over: Partial<RunProgressEvent> = {}): RunProgressEvent {
  return {
    runId: 'r1',
    ticksDone: 500,
    ticksTotal: 1000,
    ticksPerSec: 12_345.6,
    seconds: 65,
    etaSeconds: 125,
    simTime: Date.UTC(2024, 0, 15, 13, 45, 30),
    balance: 10_000,
    equity: 10_012.5,
    marginLevel: null,
    frames: [
      {
        symbol: 'EURUSD',
        timeframe: 'M1',
        partial: {
          time: Date.UTC(2024, 0, 15, 13, 45),
          open: 1.1,
          high: 1.10042,
          low: 1.09987,
          close: 1.10012,
          volume: 7,
          ticks: 7,
        },
        progress: 0.5,
        indicators: { sma_20: 1.1003456, rsi_14: null },
      },
      {
        symbol: 'EURUSD',
        timeframe: 'H1',
        partial: null,
        progress: 0.25,
        indicators: { sma_20: null, rsi_14: null },
      },
    ],
    ...over,
  };
}

let fake: FakeBackend;

beforeEach(() => {
  resetStores();
  fake = fakeBackend({
    'runs:get': () => runInfo(),
    'runs:results': () => emptyResults(),
    'runs:pause': () => undefined,
    'runs:stop': () => undefined,
    'runs:checkpointNow': () => undefined,
    'runs:resume': ({ runId }) => ({ runId, forkedFrom: null }),
  });
  setApi(fake.api);
});

afterEach(() => {
  cleanup();
  setApi(null);
  vi.restoreAllMocks();
});

describe('RunScreen', () => {
  it('shows the run from runs:get, then progress and the frames table from run:progress', async () => {
    render(<RunScreen runId="r1" />);
    expect(await screen.findByText('running')).toBeTruthy();
    expect(screen.getByText('ma-cross')).toBeTruthy();
    expect(fake.callsOf('runs:get')).toEqual([{ runId: 'r1' }]);

    fake.emit('run:progress', progress());

    const figures = screen.getByRole('group', { name: 'Progress' });
    expect(within(figures).getByText('50.0%')).toBeTruthy();
    expect(within(figures).getByText('500 / 1,000')).toBeTruthy();
    expect(within(figures).getByText('12,346')).toBeTruthy();
    expect(within(figures).getByText('2m 05s')).toBeTruthy();
    expect(within(figures).getByText('2024-01-15 13:45:30')).toBeTruthy();
    expect(within(figures).getByText('10,012.50')).toBeTruthy();
    expect(
      screen.getByRole('progressbar', { name: 'Run progress' }).getAttribute('aria-valuenow'),
    ).toBe('50');

    const table = screen.getByRole('table', { name: 'Partial bars and indicators' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3); // header + 2 frames
    const m1 = within(rows[1]);
    expect(m1.getByText('M1')).toBeTruthy();
    expect(m1.getByText('1.10012')).toBeTruthy();
    expect(m1.getByText('1.10042')).toBeTruthy();
    expect(m1.getByText('1.10012').className).toContain('num');
    expect(m1.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('50');
    expect(within(rows[0]).getByText('sma_20')).toBeTruthy();
    expect(m1.getByText('1.10035')).toBeTruthy();
    expect(within(rows[2]).getAllByText('—').length).toBeGreaterThan(4);

    // A newer event replaces the figures; events of other runs are ignored.
    fake.emit('run:progress', progress({ runId: 'other', ticksDone: 999 }));
    expect(within(figures).getByText('50.0%')).toBeTruthy();
    fake.emit('run:progress', progress({ ticksDone: 750 }));
    expect(within(figures).getByText('75.0%')).toBeTruthy();
  });

  it('Pause (after its confirmation) and Checkpoint now call their channels', async () => {
    const user = userEvent.setup();
    const confirm = vi.fn().mockReturnValueOnce(false).mockReturnValueOnce(true);
    window.confirm = confirm;
    render(<RunScreen runId="r1" />);
    const pause = await screen.findByRole('button', { name: 'Pause' });
    await waitFor(() => expect((pause as HTMLButtonElement).disabled).toBe(false));

    await user.click(screen.getByRole('button', { name: 'Checkpoint now' }));
    expect(fake.callsOf('runs:checkpointNow')).toEqual([{ runId: 'r1' }]);

    await user.click(screen.getByRole('button', { name: 'Pause' }));
    expect(fake.callsOf('runs:pause')).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Pause' }));
    expect(confirm.mock.calls[1]![0]).toMatch(/checkpoint is written and Resume continues/);
    expect(fake.callsOf('runs:pause')).toEqual([{ runId: 'r1' }]);
    expect((screen.getByRole('button', { name: 'Resume' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });

  it('Stop asks first, then ends the run (runs:stop), never pausing it', async () => {
    const user = userEvent.setup();
    const confirm = vi.fn().mockReturnValueOnce(false).mockReturnValueOnce(true);
    window.confirm = confirm;
    render(<RunScreen runId="r1" />);
    const stop = await screen.findByRole('button', { name: 'Stop' });
    await waitFor(() => expect((stop as HTMLButtonElement).disabled).toBe(false));
    await user.click(stop);
    expect(fake.callsOf('runs:stop')).toEqual([]);
    await user.click(stop);
    expect(confirm).toHaveBeenCalledTimes(2);
    expect(confirm.mock.calls[1]![0]).toMatch(/statistics to date and cannot be resumed/);
    await waitFor(() => expect(fake.callsOf('runs:stop')).toEqual([{ runId: 'r1' }]));
    expect(fake.callsOf('runs:pause')).toEqual([]);
  });

  it('Resume resumes a paused run and follows a fork to its new run', async () => {
    const user = userEvent.setup();
    fake.handlers['runs:get'] = () => runInfo({ status: 'paused', ticksDone: 400 });
    fake.handlers['runs:resume'] = () => ({ runId: 'r2', forkedFrom: 'r1' });
    render(<RunScreen runId="r1" />);
    const resume = await screen.findByRole('button', { name: 'Resume' });
    await waitFor(() => expect((resume as HTMLButtonElement).disabled).toBe(false));
    expect((screen.getByRole('button', { name: 'Pause' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    expect(screen.getByText('40.0%')).toBeTruthy();
    await user.click(resume);
    expect(fake.callsOf('runs:resume')).toEqual([{ runId: 'r1' }]);
    expect(useNav.getState().screen).toBe('run');
    expect(useNav.getState().params.runId).toBe('r2');
  });

  it('shows the stored equity curve of a finished run and the error of a failed one', async () => {
    fake.handlers['runs:get'] = () =>
      runInfo({ status: 'failed', error: 'strategy.js:12 boom', ticksDone: 300 });
    fake.handlers['runs:results'] = () => ({
      stats: null,
      trades: [],
      report: null,
      rejections: [],
      equity: [
        {
          time: Date.UTC(2024, 0, 1),
          balance: 10_000,
          equity: 10_000,
          drawdown: 0,
          drawdownPct: 0,
          margin: 0,
          marginLevel: null,
        },
        {
          time: Date.UTC(2024, 0, 2),
          balance: 10_000,
          equity: 9_950,
          drawdown: 50,
          drawdownPct: 0.5,
          margin: 0,
          marginLevel: null,
        },
      ],
    });
    render(<RunScreen runId="r1" />);
    expect((await screen.findByRole('alert')).textContent).toContain('strategy.js:12 boom');
    await waitFor(() => expect(fake.callsOf('runs:results')).toHaveLength(1));
    expect(await screen.findByRole('img', { name: 'Equity curve' })).toBeTruthy();
  });

  it('follows run:state and checkpoint:written of its run, and links to the other views', async () => {
    const user = userEvent.setup();
    render(<RunScreen runId="r1" />);
    await screen.findByText('running');
    fake.emit('checkpoint:written', {
      runId: 'r1',
      seq: 7,
      ticks: 600,
      bytes: 2048,
      trigger: 'manual',
      ok: true,
    });
    expect(screen.getByText(/Last checkpoint #7 \(manual, 2\.0 KB\)/)).toBeTruthy();

    fake.handlers['runs:get'] = () => runInfo({ status: 'paused' });
    fake.emit('run:state', { runId: 'r1', status: 'paused' });
    expect(await screen.findByText('paused')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Checkpoints' }));
    expect(useNav.getState()).toMatchObject({ screen: 'checkpoints', params: { runId: 'r1' } });
  });

  it('unsubscribes from events when it goes away', async () => {
    const { unmount } = render(<RunScreen runId="r1" />);
    await screen.findByText('running');
    expect(fake.listenerCount('run:progress')).toBe(1);
    unmount();
    expect(fake.listenerCount('run:progress')).toBe(0);
    expect(fake.listenerCount('run:state')).toBe(0);
  });
});
