// @vitest-environment happy-dom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { SweepDetail } from '../../../src/shared/sweeps.ts';
import { OptimiseScreen } from '../../../src/renderer/src/screens/OptimiseScreen.tsx';
import { buildHeatmap } from '../../../src/renderer/src/screens/optimise/heatmap.ts';
import { jobColumns, sortJobs } from '../../../src/renderer/src/screens/optimise/job-columns.ts';
import { useNav } from '../../../src/renderer/src/store/nav.ts';
import { installFakeApi, resetShell } from '../shell/fake-api.ts';
import { job, jobs, spec, sweepDetail, sweepInfo } from './sweep-fixtures.ts';

afterEach(resetShell);

const ID = sweepInfo().id;

function open(detail: SweepDetail = sweepDetail()) {
  const fake = installFakeApi({ 'sweeps:get': () => detail });
  useNav.setState({ screen: 'optimise', params: { sweepId: ID } });
  render(<OptimiseScreen />);
  return { fake, user: userEvent.setup() };
}

const jobsTable = () => screen.getByRole('table', { name: 'Jobs' });
/** The job index of each body row, top to bottom. */
const order = () =>
  within(jobsTable())
    .getAllByRole('row')
    .slice(1)
    .map((r) => Number(r.getAttribute('aria-label')!.match(/Job (\d+)/)![1]));
const header = (name: string) =>
  within(jobsTable()).getByRole('button', { name: new RegExp(`^${name}`) });

describe('Sweep results table', () => {
  it('has one row per job with its swept params, status and statistics; the best is marked', async () => {
    open();
    await screen.findByRole('table', { name: 'Jobs' });
    const heads = within(jobsTable())
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(heads).toEqual([
      '',
      '# ▲',
      'Fast',
      'Slow',
      'Use trend',
      'Status',
      'Net profit',
      'Profit factor',
      'Max DD %',
      'Sharpe',
      'Trades',
      'Win rate',
      '',
    ]);
    expect(order()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const best = within(jobsTable()).getByRole('row', { name: 'Job 5 (best)' });
    expect(best.className).toContain('opt-best');
    expect(best.textContent).toContain('300.00');
    const failed = within(jobsTable()).getByRole('row', { name: 'Job 6' });
    expect(failed.getAttribute('title')).toBe('strategy threw: slow must exceed fast');
  });

  it('sorts by a number column both ways, keeping jobs without a value last', async () => {
    const { user } = open();
    await screen.findByRole('table', { name: 'Jobs' });
    await user.click(header('Sharpe'));
    expect(order()).toEqual([3, 2, 4, 0, 1, 5, 6, 7]);
    expect(header('Sharpe').closest('th')!.getAttribute('aria-sort')).toBe('ascending');
    await user.click(header('Sharpe'));
    expect(order()).toEqual([5, 1, 0, 4, 2, 3, 6, 7]);
    expect(header('Sharpe').closest('th')!.getAttribute('aria-sort')).toBe('descending');
    expect(header('#').closest('th')!.getAttribute('aria-sort')).toBeNull();
  });

  it('sorts by a param, ties in plan order', async () => {
    const { user } = open();
    await screen.findByRole('table', { name: 'Jobs' });
    await user.click(header('Slow'));
    await user.click(header('Slow'));
    expect(order()).toEqual([2, 3, 6, 7, 0, 1, 4, 5]);
  });

  it('opens a job’s run Results on a row click, and its Checkpoints from the link', async () => {
    const { user } = open();
    await screen.findByRole('table', { name: 'Jobs' });
    await user.click(within(jobsTable()).getByRole('row', { name: 'Job 4' }));
    expect(useNav.getState().screen).toBe('results');
    expect(useNav.getState().params.runId).toBe('run-4');
    useNav.setState({ screen: 'optimise', params: { sweepId: ID } });
    const row = await within(await screen.findByRole('table', { name: 'Jobs' })).findByRole('row', {
      name: 'Job 2',
    });
    await user.click(within(row).getByRole('button', { name: 'Checkpoints' }));
    expect(useNav.getState().screen).toBe('checkpoints');
    expect(useNav.getState().params.runId).toBe('run-2');
  });

  it('compares 2 to 4 ticked jobs', async () => {
    const { user } = open();
    await screen.findByRole('table', { name: 'Jobs' });
    const compare = screen.getByRole('button', { name: /^Compare/ }) as HTMLButtonElement;
    await user.click(screen.getByLabelText('Select job 1'));
    expect(compare.disabled).toBe(true);
    await user.click(screen.getByLabelText('Select job 5'));
    await user.click(screen.getByLabelText('Select job 0'));
    await user.click(screen.getByLabelText('Select job 3'));
    // A fifth cannot be ticked; a pending job (no run) never can.
    expect((screen.getByLabelText('Select job 4') as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByLabelText('Select job 7') as HTMLInputElement).disabled).toBe(true);
    await user.click(compare);
    expect(useNav.getState().screen).toBe('compare');
    expect(useNav.getState().params.runIds).toEqual(['run-1', 'run-5', 'run-0', 'run-3']);
  });
});

describe('Job columns', () => {
  it('shows a profit factor without losing trades as ∞ and sorts it above every finite one', () => {
    const noLoss = job(2, { fast: 15 }, 40);
    noLoss.stats = { ...noLoss.stats!, profitFactor: null, grossProfit: 40 };
    const list = [job(0, { fast: 5 }, 100), job(1, { fast: 10 }, null), noLoss];
    const col = jobColumns(spec({ objective: 'profit-factor' })).find(
      (c) => c.key === 'objective',
    )!;
    expect(col.label).toBe('Profit factor');
    expect(list.map((j) => col.render(j))).toEqual(['1.10', '—', '∞']);
    expect(sortJobs(list, col, 'desc').map((j) => j.index)).toEqual([2, 0, 1]);
    expect(sortJobs(list, col, 'asc').map((j) => j.index)).toEqual([0, 2, 1]);
  });

  it('keeps a statistic that is the objective in one column, and adds return / drawdown', () => {
    const labels = (o: Parameters<typeof spec>[0]) => jobColumns(spec(o)).map((c) => c.label);
    expect(labels({ objective: 'sharpe' }).filter((l) => /sharpe/i.test(l))).toEqual([
      'Sharpe ratio',
    ]);
    expect(labels({ objective: 'return-over-drawdown' })).toContain('Return / drawdown');
    expect(labels({ objective: 'return-over-drawdown' })).toContain('Net profit');
  });
});

describe('Sweep heatmap', () => {
  const cells = () =>
    within(screen.getByRole('table', { name: /by fast and slow/ }))
      .getAllByRole('button')
      .map((b) => b.getAttribute('aria-label'));

  it('shows one cell per (x, y) with the best objective over the other swept params', async () => {
    open();
    await screen.findByRole('table', { name: /by fast and slow/ });
    expect(cells()).toEqual([
      'fast 5, slow 20: Net profit 150.00 (job 1)',
      'fast 10, slow 20: Net profit 300.00 (job 5)',
      'fast 5, slow 30: Net profit -40.00 (job 2)',
      'fast 10, slow 30: no result',
    ]);
    expect(
      screen.getByText(/best net profit over the other swept params \(useTrend\)/),
    ).toBeTruthy();
  });

  it('opens the cell’s job run on a click, and maps any two params', async () => {
    const { user } = open();
    await screen.findByRole('table', { name: /by fast and slow/ });
    await user.selectOptions(screen.getByLabelText('Y param'), 'useTrend');
    const map = screen.getByRole('table', { name: /by fast and useTrend/ });
    const buttons = within(map).getAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual(['100.00', '20.00', '150.00', '300.00']);
    await user.click(within(map).getByRole('button', { name: /fast 10, useTrend true/ }));
    expect(useNav.getState().screen).toBe('results');
    expect(useNav.getState().params.runId).toBe('run-5');
  });

  it('turns a minimised objective around: the lowest drawdown is the best colour', () => {
    // Each job ranked by its drawdown (fixture: 10 - netProfit / 100).
    const dd = jobs().map((j) => ({ ...j, objective: j.stats?.maxDrawdownPct ?? null }));
    const m = buildHeatmap(dd, 'fast', 'slow', 'max-drawdown-pct');
    const at = (x: number, y: number) => m.rows[m.ys.indexOf(y)]![m.xs.indexOf(x)]!;
    expect([at(5, 20).job?.index, at(5, 20).value]).toEqual([1, 8.5]); // lower of 9 and 8.5
    expect([at(10, 20).job?.index, at(10, 20).t]).toEqual([5, 1]); // 7: the best colour
    expect([at(5, 30).job?.index, at(5, 30).t]).toEqual([2, 0]); // 10.4: the worst shown
    expect(at(10, 30).job).toBeNull();
    expect([m.worst, m.best]).toEqual([10.4, 7]);
    expect(m.aggregated).toBe(true);
  });

  it('marks a map without other swept params as not aggregated', () => {
    const two = jobs().filter((j) => j.params.useTrend === true);
    expect(buildHeatmap(two, 'fast', 'slow', 'net-profit').aggregated).toBe(false);
  });
});
