// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EquityPoint, RunInfo, RunResults } from '../../../src/shared/dto.ts';
import { setApi } from '../../../src/renderer/src/api/index.ts';
import { CompareScreen } from '../../../src/renderer/src/screens/CompareScreen.tsx';
import { resetStores, useNav } from '../../../src/renderer/src/store/index.ts';
import { fakeBackend, runInfo, type FakeBackend } from './fake-backend.ts';

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 2, 0, 0, 0);

const point = (time: number, equity: number): EquityPoint => ({
  time,
  balance: equity,
  equity,
  drawdown: 0,
  drawdownPct: 0,
  margin: 0,
  marginLevel: null,
});

/** Three runs of one sweep: a winner, a loser, and one without a losing trade (PF ∞). */
const RUNS: Record<string, { run: RunInfo; results: RunResults }> = {
  a: {
    run: runInfo({
      id: 'a',
      status: 'completed',
      strategy: { name: 'ma-cross', params: { fast: 5, slow: 20 } },
    }),
    results: {
      stats: {
        netProfit: 250,
        profitFactor: 1.5,
        grossProfit: 750,
        maxDrawdownPct: 2.5,
        trades: 12,
      },
      equity: [point(T0, 10_000), point(T0 + 2 * H, 10_250)],
      trades: [],
      report: null,
      rejections: [],
    },
  },
  b: {
    run: runInfo({
      id: 'b',
      status: 'completed',
      strategy: { name: 'ma-cross', params: { fast: 10, slow: 20 } },
    }),
    results: {
      stats: {
        netProfit: -100,
        profitFactor: 0.8,
        grossProfit: 400,
        maxDrawdownPct: 1.25,
        trades: 12,
      },
      equity: [point(T0 + H, 10_000), point(T0 + 3 * H, 9_900)],
      trades: [],
      report: null,
      rejections: [],
    },
  },
  c: {
    run: runInfo({
      id: 'c',
      status: 'completed',
      strategy: { name: 'ma-cross', params: { fast: 15, slow: 20 } },
    }),
    results: {
      stats: { netProfit: 80, profitFactor: null, grossProfit: 80, maxDrawdownPct: 4, trades: 7 },
      equity: [point(T0, 10_000), point(T0 + 3 * H, 10_080)],
      trades: [],
      report: null,
      rejections: [],
    },
  },
};

let fake: FakeBackend;

beforeEach(() => {
  resetStores();
  fake = fakeBackend({
    'runs:get': ({ runId }) => RUNS[runId]!.run,
    'runs:results': ({ runId }) => RUNS[runId]!.results,
  });
  setApi(fake.api);
});

afterEach(() => {
  cleanup();
  setApi(null);
});

/** The cells of the statistics table's row `label`, one per run. */
function statRow(label: string): HTMLElement[] {
  const table = screen.getByRole('table', { name: 'Statistics side by side' });
  const head = within(table).getByRole('rowheader', { name: label });
  return within(head.closest('tr')!).getAllByRole('cell');
}

describe('CompareScreen', () => {
  it('puts the statistics of every run side by side and marks the best of each row', async () => {
    render(<CompareScreen runIds={['a', 'b', 'c']} />);
    await screen.findByRole('table', { name: 'Statistics side by side' });
    expect(fake.callsOf('runs:results').map((c) => c.runId)).toEqual(['a', 'b', 'c']);

    const net = statRow('Net profit');
    expect(net.map((c) => c.textContent)).toEqual(['250.00', '-100.00', '80.00']);
    expect(
      net.map((c) => c.classList.contains('best')),
      'highest net profit',
    ).toEqual([true, false, false]);
    // A drawdown is best when smallest.
    const dd = statRow('Max drawdown %');
    expect(dd.map((c) => c.classList.contains('best'))).toEqual([false, true, false]);
    // No losing trade with a profit: an infinite profit factor, the best of the row.
    const pf = statRow('Profit factor');
    expect(pf.map((c) => c.textContent)).toEqual(['1.50', '0.80', '∞']);
    expect(pf.map((c) => c.classList.contains('best'))).toEqual([false, false, true]);
    // A count has no better or worse.
    expect(statRow('Trades').some((c) => c.classList.contains('best'))).toBe(false);
  });

  it('shows the params side by side, marking the ones that differ', async () => {
    render(<CompareScreen runIds={['a', 'b']} />);
    const table = await screen.findByRole('table', { name: 'Params side by side' });
    const fast = within(table).getByRole('rowheader', { name: 'Fast' }).closest('tr')!;
    const slow = within(table).getByRole('rowheader', { name: 'Slow' }).closest('tr')!;
    expect(
      within(fast)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['5', '10']);
    expect(fast.className).toContain('differs');
    expect(slow.className).not.toContain('differs');
  });

  it('overlays the equity curves, one line per run in its own colour, with a legend', async () => {
    render(<CompareScreen runIds={['a', 'b', 'c']} />);
    const chart = await screen.findByRole('img', { name: 'Equity curves overlaid' });
    const strokes = [...chart.querySelectorAll('path.recharts-line-curve')].map((p) =>
      p.getAttribute('stroke'),
    );
    expect(strokes).toEqual(['var(--compare-1)', 'var(--compare-2)', 'var(--compare-3)']);
    const legend = screen.getByRole('list', { name: 'Legend' });
    const items = within(legend)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toEqual(['a Fast 5 · Slow 20', 'b Fast 10 · Slow 20', 'c Fast 15 · Slow 20']);
  });

  it('asks for 2 to 4 runs when given fewer or more', async () => {
    const user = userEvent.setup();
    render(<CompareScreen runIds={['a']} />);
    expect(screen.getByText(/Tick 2 to 4 runs/)).toBeTruthy();
    expect(fake.calls).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Runs' }));
    expect(useNav.getState().screen).toBe('runs');
  });

  it('names the run that cannot be loaded', async () => {
    fake.handlers['runs:get'] = ({ runId }) => {
      if (runId === 'gone') throw new Error(`no run '${runId}'`);
      return RUNS[runId]!.run;
    };
    render(<CompareScreen runIds={['a', 'gone']} />);
    expect(await screen.findByText(/no run 'gone'/)).toBeTruthy();
  });

  it('reloads when one of the runs stops, for its final statistics', async () => {
    render(<CompareScreen runIds={['a', 'b']} />);
    await screen.findByRole('table', { name: 'Statistics side by side' });
    const before = fake.callsOf('runs:results').length;
    fake.emit('run:state', { runId: 'z', status: 'completed' });
    fake.emit('run:state', { runId: 'b', status: 'completed' });
    await waitFor(() => expect(fake.callsOf('runs:results').length).toBe(before + 2));
  });
});
