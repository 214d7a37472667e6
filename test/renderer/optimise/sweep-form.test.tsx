// @vitest-environment happy-dom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { SweepSpec } from '../../../src/shared/sweeps.ts';
import { OptimiseScreen } from '../../../src/renderer/src/screens/OptimiseScreen.tsx';
import { useNav } from '../../../src/renderer/src/store/nav.ts';
import { installFakeApi, resetShell, symbolSummary } from '../shell/fake-api.ts';
import { STRATEGIES } from './sweep-fixtures.ts';

afterEach(resetShell);

/** The fake backend's plan: the product of each swept param's value count (grid search). */
function countJobs(spec: SweepSpec): number {
  return spec.params
    .map((p) =>
      p.kind === 'list' ? p.values.length : Math.floor((p.to - p.from) / p.step + 1e-9) + 1,
    )
    .reduce((a, b) => a * b, 1);
}

function setup(planError: string | null = null) {
  const fake = installFakeApi({
    'data:list': () => [symbolSummary('EURUSD'), symbolSummary('GBPUSD')],
    'strategies:list': () => STRATEGIES,
    'sweeps:plan': ({ spec }) => ({
      jobs: planError ? 0 : countJobs(spec as SweepSpec),
      windows: spec.walkForward ? 3 : 0,
      error: planError,
    }),
    'sweeps:start': () => ({ sweepId: 'sw-20261130-120000-abcd' }),
  });
  render(<OptimiseScreen />);
  return { fake, user: userEvent.setup() };
}

const paramGroup = (name: string) => screen.getByRole('group', { name: `Param ${name}` });
const sweep = (user: ReturnType<typeof userEvent.setup>, name: string) =>
  user.click(within(paramGroup(name)).getByRole('button', { name: 'Swept' }));
const setValue = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('Optimise form', () => {
  it('builds the spec from fixed and swept params and shows the job count the plan gives', async () => {
    const { fake, user } = setup();
    await screen.findByRole('group', { name: 'Param fast' });
    await sweep(user, 'fast');
    setValue('fast from', '5');
    setValue('fast to', '20');
    setValue('fast step', '5');
    await sweep(user, 'useTrend');
    await user.click(within(paramGroup('useTrend')).getByLabelText('false'));
    setValue('Slow', '50');

    // 4 fast values × 2 useTrend values, counted by the backend after the debounce.
    const status = screen.getByRole('status', { name: 'Jobs planned' });
    await waitFor(() => expect(status.textContent).toBe('8 jobs'));
    const spec = fake.argsOf('sweeps:plan').at(-1)!.spec;
    expect(spec).toEqual({
      base: {
        symbols: ['EURUSD'],
        from: null,
        to: null,
        strategy: 'ma-cross',
        fixed: { slow: 50, risk: 0.5, trendTimeframe: 'D1', note: 'x' },
        record: ['trades', 'equity'],
      },
      params: [
        { name: 'fast', kind: 'range', from: 5, to: 20, step: 5 },
        { name: 'useTrend', kind: 'list', values: [false, true] },
      ],
      search: { kind: 'grid' },
      objective: 'net-profit',
      minTrades: 1,
      walkForward: null,
    });
  });

  it('asks the plan once per pause in typing, not once per keystroke', async () => {
    const { fake, user } = setup();
    await screen.findByRole('group', { name: 'Param fast' });
    await sweep(user, 'fast');
    await user.clear(screen.getByLabelText('fast to'));
    await user.type(screen.getByLabelText('fast to'), '100');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('91 jobs'));
    // Typing "100" passed through 1 and 10: only the settled spec reached the backend.
    expect(fake.argsOf('sweeps:plan').map((a) => a.spec.params[0])).toEqual([
      { name: 'fast', kind: 'range', from: 10, to: 100, step: 1 },
    ]);
  });

  it('sends symbols, record, timeframes, dates, random search, walk-forward, objective and workers', async () => {
    const { fake, user } = setup();
    await screen.findByRole('group', { name: 'Param fast' });
    await sweep(user, 'trendTimeframe');
    await user.click(within(paramGroup('trendTimeframe')).getByLabelText('H1'));
    await user.click(within(paramGroup('trendTimeframe')).getByLabelText('H4'));
    await user.click(screen.getByLabelText('GBPUSD', { exact: false }));
    await user.click(screen.getByLabelText('Bars and indicators'));
    await user.click(
      within(screen.getByRole('group', { name: 'Timeframes' })).getByLabelText('W1'),
    );
    setValue('From', '2024-01-01');
    setValue('To', '2024-07-01');
    await user.selectOptions(screen.getByLabelText('Objective'), 'max-drawdown-pct');
    setValue('Min trades', '5');
    await user.click(screen.getByLabelText('Random sample of the grid'));
    setValue('Samples', '2');
    setValue('Seed', '42');
    await user.click(screen.getByLabelText('Walk-forward'));
    setValue('In-sample days', '60');
    setValue('Out-of-sample days', '20');
    setValue('Workers', '2');
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('3 jobs in 3 walk-forward windows'),
    );
    await user.click(screen.getByRole('button', { name: 'Start sweep' }));
    await waitFor(() => expect(fake.argsOf('sweeps:start')).toHaveLength(1));
    const { spec, workers } = fake.argsOf('sweeps:start')[0]!;
    expect(workers).toBe(2);
    expect(spec.base.symbols).toEqual(['EURUSD', 'GBPUSD']);
    expect(spec.base.record).toEqual(['bars', 'trades', 'equity']);
    // Leaving a timeframe out names the rest; all of them is the run default and left out.
    expect(spec.base.timeframes).toEqual(['M1', 'M5', 'M15', 'M30', 'H1', 'H4', 'D1']);
    expect(spec.base.from).toBe(Date.UTC(2024, 0, 1));
    expect(spec.base.to).toBe(Date.UTC(2024, 6, 1));
    expect(spec.params).toEqual([
      { name: 'trendTimeframe', kind: 'list', values: ['H1', 'H4', 'D1'] },
    ]);
    expect(spec.search).toEqual({ kind: 'random', samples: 2, seed: 42 });
    expect(spec.objective).toBe('max-drawdown-pct');
    expect(spec.minTrades).toBe(5);
    expect(spec.walkForward).toEqual({
      inSampleMs: 60 * 86_400_000,
      outOfSampleMs: 20 * 86_400_000,
    });
  });

  it('carries broker settings into the spec only when they differ from the defaults', async () => {
    const { fake, user } = setup();
    await screen.findByRole('group', { name: 'Param fast' });
    await sweep(user, 'fast');
    await waitFor(() => expect(fake.argsOf('sweeps:plan').length).toBeGreaterThan(0));
    // Untouched: no money in the spec, as a CLI sweep without broker flags.
    expect(fake.argsOf('sweeps:plan').at(-1)!.spec.base.money).toBeUndefined();
    setValue('Account currency', 'eur');
    setValue('Leverage (1:N)', '30');
    await waitFor(() =>
      expect(fake.argsOf('sweeps:plan').at(-1)!.spec.base.money).toEqual({
        currency: 'EUR',
        leverage: 30,
        stopOutPct: 50,
      }),
    );
  });

  it('Start calls sweeps:start and opens the sweep', async () => {
    const { fake, user } = setup();
    await screen.findByRole('group', { name: 'Param fast' });
    await sweep(user, 'fast');
    await user.click(screen.getByRole('button', { name: 'Start sweep' }));
    await waitFor(() => expect(useNav.getState().screen).toBe('optimise'));
    await waitFor(() =>
      expect(useNav.getState().params).toEqual({ sweepId: 'sw-20261130-120000-abcd' }),
    );
    expect(fake.argsOf('sweeps:start')).toHaveLength(1);
    expect(fake.argsOf('sweeps:start')[0]).not.toHaveProperty('workers');
  });

  it('shows the plan error inline', async () => {
    setup('fast: 5:20:5 has values below the schema minimum 6');
    await screen.findByRole('group', { name: 'Param fast' });
    await sweep(userEvent.setup(), 'fast');
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(
        'fast: 5:20:5 has values below the schema minimum 6',
      ),
    );
    expect(screen.getByRole('status').className).toContain('field-error');
  });

  it('checks ranges against the schema and does not ask the plan of an invalid spec', async () => {
    const { fake, user } = setup();
    await screen.findByRole('group', { name: 'Param fast' });
    expect(screen.getByRole('status').textContent).toBe('Sweep at least one param');
    expect(
      (screen.getByRole('button', { name: 'Start sweep' }) as HTMLButtonElement).disabled,
    ).toBe(true);
    await sweep(user, 'fast');
    setValue('fast from', '1');
    expect(await screen.findByText('From is below 2')).toBeTruthy();
    setValue('fast from', '20');
    setValue('fast to', '10');
    expect(await screen.findByText('To must not be below From')).toBeTruthy();
    setValue('fast to', '30');
    setValue('fast step', '0.5');
    expect(await screen.findByText('Whole numbers only')).toBeTruthy();
    // A free-text param cannot be swept.
    const note = within(paramGroup('note')).getByRole('button', { name: 'Swept' });
    expect((note as HTMLButtonElement).disabled).toBe(true);
    await new Promise((r) => setTimeout(r, 400));
    expect(fake.argsOf('sweeps:plan')).toEqual([]);
  });
});
