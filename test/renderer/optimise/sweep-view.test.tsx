// @vitest-environment happy-dom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { SweepDetail, SweepProgressEvent } from '../../../src/shared/sweeps.ts';
import { OptimiseScreen } from '../../../src/renderer/src/screens/OptimiseScreen.tsx';
import { useNav } from '../../../src/renderer/src/store/nav.ts';
import { installFakeApi, resetShell } from '../shell/fake-api.ts';
import { job, spec, sweepDetail, sweepInfo } from './sweep-fixtures.ts';

afterEach(resetShell);

const ID = sweepInfo().id;

function open(detail: () => SweepDetail = () => sweepDetail()) {
  const fake = installFakeApi({
    'sweeps:get': () => detail(),
    'sweeps:export': ({ sweepId }) => ({
      dir: `/data/exports/sweep-${sweepId}`,
      files: ['jobs.csv', 'best.json'],
    }),
  });
  useNav.setState({ screen: 'optimise', params: { sweepId: ID } });
  const view = render(<OptimiseScreen />);
  return { fake, view, user: userEvent.setup() };
}

function progress(over: Partial<SweepProgressEvent> = {}): SweepProgressEvent {
  return {
    sweepId: ID,
    status: 'running',
    jobsTotal: 8,
    jobsDone: 6,
    jobsFailed: 1,
    jobsRunning: 2,
    jobsPerSec: 2.5,
    etaSeconds: 125,
    ...over,
  };
}

/** The figures of the header as label → value. */
function figures(): Record<string, string> {
  const group = screen.getByRole('group', { name: 'Progress' });
  const out: Record<string, string> = {};
  for (const div of group.querySelectorAll('.bt-figure'))
    out[div.querySelector('dt')!.textContent!] = div.querySelector('dd')!.textContent!;
  return out;
}

describe('Sweep view', () => {
  it('shows jobs/s and ETA from sweep:progress events of this sweep only', async () => {
    const { fake } = open();
    await screen.findByRole('table', { name: 'Jobs' });
    expect(figures()).toMatchObject({ 'Jobs done': '6 / 8', 'Jobs/s': '—', ETA: '—' });
    fake.emit('sweep:progress', progress({ jobsDone: 7, jobsRunning: 1 }));
    expect(figures()).toEqual({
      'Jobs done': '7 / 8',
      Failed: '1',
      Running: '1',
      'Jobs/s': '2.50',
      ETA: '2m 05s',
    });
    fake.emit('sweep:progress', progress({ sweepId: 'sw-other', jobsPerSec: 9, etaSeconds: 1 }));
    expect(figures()['Jobs/s']).toBe('2.50');
  });

  it('refreshes the detail on progress at most once a second, at once on a status change', async () => {
    let detail = sweepDetail();
    const { fake } = open(() => detail);
    await screen.findByRole('table', { name: 'Jobs' });
    expect(fake.argsOf('sweeps:get')).toHaveLength(1);
    detail = sweepDetail({
      jobs: sweepDetail().jobs.map((j) => (j.index === 7 ? job(7, j.params, 500) : j)),
    });
    fake.emit('sweep:progress', progress());
    fake.emit('sweep:progress', progress());
    fake.emit('sweep:progress', progress());
    // Three events inside the first second: one refresh, later.
    expect(fake.argsOf('sweeps:get')).toHaveLength(1);
    await waitFor(() => expect(fake.argsOf('sweeps:get')).toHaveLength(2), { timeout: 3000 });
    const row7 = () =>
      within(screen.getByRole('table', { name: 'Jobs' })).getByRole('row', { name: 'Job 7' });
    await waitFor(() => expect(row7().textContent).toContain('500.00'));
    detail = sweepDetail({ status: 'completed', bestJob: 7 });
    fake.emit('sweep:progress', progress({ status: 'completed', jobsDone: 8, jobsRunning: 0 }));
    expect(fake.argsOf('sweeps:get')).toHaveLength(3);
    await waitFor(() => expect(figures()['Jobs/s']).toBe('—'));
    expect(document.querySelector('.screen-head .badge')!.textContent).toBe('completed');
  });

  it('pauses a running sweep and resumes a paused one', async () => {
    let detail = sweepDetail();
    const { fake, user } = open(() => detail);
    await user.click(await screen.findByRole('button', { name: 'Pause' }));
    expect(fake.argsOf('sweeps:pause')).toEqual([{ sweepId: ID }]);
    detail = sweepDetail({ status: 'paused' });
    fake.emit('sweep:progress', progress({ status: 'paused', jobsRunning: 0 }));
    await user.click(await screen.findByRole('button', { name: 'Resume' }));
    expect(fake.argsOf('sweeps:resume')).toEqual([{ sweepId: ID }]);
  });

  it('exports and shows the folder', async () => {
    const { fake, user } = open();
    await user.click(await screen.findByRole('button', { name: 'Export' }));
    expect(fake.argsOf('sweeps:export')).toEqual([{ sweepId: ID }]);
    expect((await screen.findByText(`/data/exports/sweep-${ID}`)).tagName).toBe('CODE');
  });

  it('unsubscribes from progress when it closes', async () => {
    const { fake, view } = open();
    await screen.findByRole('table', { name: 'Jobs' });
    expect(fake.listenerCount('sweep:progress')).toBe(1);
    view.unmount();
    expect(fake.listenerCount('sweep:progress')).toBe(0);
  });

  it('shows a walk-forward sweep’s windows, their best params and the stitched OOS statistics', async () => {
    const DAY = 86_400_000;
    const t0 = Date.UTC(2024, 0, 1);
    const isJob = (i: number, w: number, fast: number, net: number) =>
      job(i, { fast }, net, { phase: 'is', window: w });
    const detail = sweepDetail({
      spec: spec({
        params: [{ name: 'fast', kind: 'list', values: [5, 10] }],
        walkForward: { inSampleMs: 60 * DAY, outOfSampleMs: 30 * DAY },
      }),
      bestJob: null,
      jobs: [
        isJob(0, 0, 5, 10),
        isJob(1, 0, 10, 50),
        job(2, { fast: 10 }, 25, { phase: 'oos', window: 0 }),
        isJob(3, 1, 5, 40),
        isJob(4, 1, 10, -5),
        job(5, {}, null, {
          phase: 'oos',
          window: 1,
          status: 'failed',
          error: 'no in-sample job qualified',
        }),
      ],
      windows: [
        {
          window: 0,
          inSample: { from: t0, to: t0 + 60 * DAY },
          outOfSample: { from: t0 + 60 * DAY, to: t0 + 90 * DAY },
          bestJob: 1,
          oosJob: 2,
        },
        {
          window: 1,
          inSample: { from: t0 + 30 * DAY, to: t0 + 90 * DAY },
          outOfSample: { from: t0 + 90 * DAY, to: t0 + 110 * DAY + 86_340_000 },
          bestJob: 3,
          oosJob: 5,
        },
      ],
      oosStats: { netProfit: 25, trades: 3, maxDrawdownPct: 1.25 },
    });
    open(() => detail);
    const windows = await screen.findByRole('region', { name: 'Walk-forward windows' });
    const rows = within(windows)
      .getAllByRole('row')
      .slice(1)
      .map((r) => r.textContent);
    expect(rows[0]).toContain('2024-01-01 → 2024-03-01');
    expect(rows[0]).toContain('2024-03-01 → 2024-03-31');
    expect(rows[0]).toContain('Fast 10');
    expect(rows[0]).toContain('25.00');
    // The last window, clipped to the data's last tick, shows where it ends to the minute.
    expect(rows[1]).toContain('2024-03-31 → 2024-04-20 23:59');
    expect(rows[1]).toContain('Fast 5');
    expect(rows[1]).toContain('no in-sample job qualified');
    const stats = within(windows).getByRole('group', { name: 'Statistics' });
    expect(stats.textContent).toContain('1.25%');
    // The window bests are the highlighted rows of the table; the heatmap maps window 0.
    const table = screen.getByRole('table', { name: 'Jobs' });
    expect(within(table).getByRole('row', { name: 'Job 1 (best)' })).toBeTruthy();
    expect(within(table).getByRole('row', { name: 'Job 3 (best)' })).toBeTruthy();
    const map = screen.getByRole('table', { name: 'Net profit by fast' });
    expect(
      within(map)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['10.00', '50.00']);
  });
});
