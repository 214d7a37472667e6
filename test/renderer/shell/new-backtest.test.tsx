// @vitest-environment happy-dom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { StrategyList } from '../../../src/shared/dto.ts';
import { NewBacktestScreen } from '../../../src/renderer/src/screens/NewBacktestScreen.tsx';
import { splitIndicators } from '../../../src/renderer/src/screens/new/form.ts';
import { useNav } from '../../../src/renderer/src/store/nav.ts';
import { useRuns } from '../../../src/renderer/src/store/runs.ts';
import { installFakeApi, resetShell, runInfo, symbolSummary } from './fake-api.ts';

afterEach(resetShell);

const STRATEGIES: StrategyList = {
  strategies: [
    {
      name: 'demo',
      description: 'A demo strategy',
      source: 'builtin',
      file: null,
      params: [
        {
          name: 'fast',
          label: 'Fast MA period',
          type: 'integer',
          default: 10,
          min: 2,
          max: 100,
          description: 'fast period',
        },
        { name: 'risk', type: 'number', default: 0.5, min: 0, description: 'risk per trade' },
        { name: 'trail', type: 'boolean', default: false, description: 'trailing stop' },
        {
          name: 'maType',
          type: 'string',
          default: 'ema',
          choices: ['ema', 'sma'],
          description: 'MA type',
        },
        { name: 'tf', type: 'timeframe', default: 'H1', description: 'bars it trades on' },
      ],
    },
    { name: 'plain', description: 'No params', source: 'user', file: '/s/plain.js', params: [] },
  ],
  errors: [{ file: '/s/broken.js', message: 'SyntaxError: Unexpected token' }],
};

function setup() {
  const fake = installFakeApi({
    'data:list': () => [symbolSummary('EURUSD'), symbolSummary('GBPUSD')],
    'strategies:list': () => STRATEGIES,
    'runs:start': () => ({ runId: 'r-42' }),
    'runs:get': ({ runId }) => runInfo(runId),
  });
  render(<NewBacktestScreen />);
  return { fake, user: userEvent.setup() };
}

describe('NewBacktestScreen', () => {
  it('draws the strategy form from its param schema, with defaults and hints', async () => {
    setup();
    const strategy = (await screen.findByLabelText('Strategy')) as HTMLSelectElement;
    await waitFor(() => expect(strategy.value).toBe('demo'));
    const fast = screen.getByLabelText('Fast MA period') as HTMLInputElement;
    expect(fast.type).toBe('number');
    expect([fast.value, fast.min, fast.max, fast.step]).toEqual(['10', '2', '100', '1']);
    expect((screen.getByLabelText('Risk') as HTMLInputElement).step).toBe('any');
    expect((screen.getByLabelText('Trail') as HTMLInputElement).checked).toBe(false);
    const maType = screen.getByLabelText('MA type') as HTMLSelectElement;
    expect([...maType.options].map((o) => o.value)).toEqual(['ema', 'sma']);
    const tf = screen.getByLabelText('Tf') as HTMLSelectElement;
    expect(tf.value).toBe('H1');
    expect(tf.options).toHaveLength(8);
    expect(screen.getByText(/fast period · 2\.\.100 · default 10/)).toBeTruthy();
    // Strategy files that failed to load are reported.
    expect(screen.getByText(/broken\.js: SyntaxError/)).toBeTruthy();
  });

  it('sends typed params and the whole request, then opens the run', async () => {
    const { fake, user } = setup();
    const fast = await screen.findByLabelText('Fast MA period');
    await user.clear(fast);
    await user.type(fast, '12');
    await user.click(screen.getByLabelText('Trail'));
    await user.selectOptions(screen.getByLabelText('MA type'), 'sma');
    await user.selectOptions(screen.getByLabelText('Tf'), 'M15');
    await user.click(screen.getByLabelText('GBPUSD', { exact: false }));
    await user.type(screen.getByLabelText('Indicators'), 'ema(20), macd(12,26,9)');
    await user.click(screen.getByLabelText('W1'));
    await user.clear(screen.getByLabelText('Checkpoint every N ticks'));
    await user.type(screen.getByLabelText('Checkpoint every N ticks'), '150000');
    await user.click(screen.getByRole('button', { name: 'Start backtest' }));

    await waitFor(() => expect(useNav.getState().screen).toBe('run'));
    expect(useNav.getState().params).toEqual({ runId: 'r-42' });
    expect(fake.argsOf('runs:start')).toEqual([
      {
        symbols: ['EURUSD', 'GBPUSD'],
        from: null,
        to: null,
        timeframes: ['M1', 'M5', 'M15', 'M30', 'H1', 'H4', 'D1'],
        indicators: ['ema(20)', 'macd(12,26,9)'],
        price: 'bid',
        strategy: 'demo',
        params: { fast: 12, risk: 0.5, trail: true, maType: 'sma', tf: 'M15' },
        account: { balance: 10_000, commissionPerLot: 0, slippage: 0 },
        money: { leverage: 100, stopOutPct: 50 },
        checkpoints: { intervalMs: 60_000, everyTicks: 150_000, keep: 5, level: 3 },
      },
    ]);
    // The new run is in the runs store for the nav and the shortcuts.
    expect(useRuns.getState().runs.map((r) => r.id)).toEqual(['r-42']);
  });

  it('sends the broker settings: currency, 1:N leverage (0 = unlimited), stop-out, contract size', async () => {
    const { fake, user } = setup();
    await screen.findByLabelText('Fast MA period');
    // The defaults say what an empty field means.
    expect(screen.getByText("Empty = the first symbol's quote currency")).toBeTruthy();
    expect(screen.getByText("Empty = each symbol's spec")).toBeTruthy();
    await user.type(screen.getByLabelText('Account currency'), 'usd');
    await user.clear(screen.getByLabelText('Leverage (1:N)'));
    await user.type(screen.getByLabelText('Leverage (1:N)'), '0');
    await user.clear(screen.getByLabelText('Stop-out (%)'));
    await user.type(screen.getByLabelText('Stop-out (%)'), '30');
    await user.type(screen.getByLabelText('Contract size override'), '1000');
    await user.click(screen.getByRole('button', { name: 'Start backtest' }));
    await waitFor(() => expect(fake.argsOf('runs:start')).toHaveLength(1));
    expect(fake.argsOf('runs:start')[0].money).toEqual({
      currency: 'USD',
      leverage: null,
      stopOutPct: 30,
      contractSize: 1000,
    });
  });

  it('names a bad currency, leverage and stop-out inline and does not start', async () => {
    const { fake, user } = setup();
    await screen.findByLabelText('Fast MA period');
    await user.type(screen.getByLabelText('Account currency'), 'U$');
    await user.clear(screen.getByLabelText('Leverage (1:N)'));
    await user.type(screen.getByLabelText('Leverage (1:N)'), '-5');
    await user.clear(screen.getByLabelText('Stop-out (%)'));
    await user.type(screen.getByLabelText('Stop-out (%)'), '5000');
    await user.click(screen.getByRole('button', { name: 'Start backtest' }));
    expect(await screen.findByText('Three letters, e.g. USD')).toBeTruthy();
    expect(screen.getByText('At least 0')).toBeTruthy();
    expect(screen.getByText('At most 1000')).toBeTruthy();
    expect(screen.getByLabelText('Account currency').getAttribute('aria-invalid')).toBe('true');
    expect(fake.argsOf('runs:start')).toEqual([]);
  });

  it('shows validation messages inline and does not start', async () => {
    const { fake, user } = setup();
    const fast = await screen.findByLabelText('Fast MA period');
    await user.clear(fast);
    await user.type(fast, '1');
    await user.click(screen.getByLabelText('EURUSD', { exact: false })); // no symbol left
    await user.clear(screen.getByLabelText('Balance'));
    await user.type(screen.getByLabelText('Balance'), '0');
    fireDate('From', '2024-03-01');
    fireDate('To', '2024-02-01');
    await user.click(screen.getByRole('button', { name: 'Start backtest' }));

    expect(await screen.findByText('Must be from 2 to 100')).toBeTruthy();
    expect(screen.getByText('Pick at least one symbol')).toBeTruthy();
    expect(screen.getByText('Must be more than 0')).toBeTruthy();
    expect(screen.getByText('Must be after From')).toBeTruthy();
    expect(screen.getByLabelText('Fast MA period').getAttribute('aria-invalid')).toBe('true');
    expect(fake.argsOf('runs:start')).toEqual([]);
  });

  it('sends no params without a strategy and null checkpoints when turned off', async () => {
    const { fake, user } = setup();
    await screen.findByLabelText('Fast MA period');
    await user.selectOptions(screen.getByLabelText('Strategy'), '');
    expect(screen.queryByLabelText('Fast MA period')).toBeNull();
    await user.click(screen.getByLabelText('Write checkpoints'));
    await user.click(screen.getByRole('button', { name: 'Start backtest' }));
    await waitFor(() => expect(fake.argsOf('runs:start')).toHaveLength(1));
    const req = fake.argsOf('runs:start')[0];
    expect(req.strategy).toBeNull();
    expect(req).not.toHaveProperty('params');
    expect(req.checkpoints).toBeNull();
  });

  it('records all three by default; unticking sends the rest, unticking all does not start', async () => {
    const { fake, user } = setup();
    await screen.findByLabelText('Fast MA period');
    for (const label of ['Bars and indicators', 'Trades', 'Equity curve'])
      expect((screen.getByLabelText(label) as HTMLInputElement).checked, label).toBe(true);
    await user.click(screen.getByLabelText('Bars and indicators'));
    await user.click(screen.getByRole('button', { name: 'Start backtest' }));
    await waitFor(() => expect(fake.argsOf('runs:start')).toHaveLength(1));
    expect(fake.argsOf('runs:start')[0].record).toEqual(['trades', 'equity']);

    await user.click(screen.getByLabelText('Trades'));
    await user.click(screen.getByLabelText('Equity curve'));
    await user.click(screen.getByRole('button', { name: 'Start backtest' }));
    expect(await screen.findByText('Record at least one of them')).toBeTruthy();
    expect(fake.argsOf('runs:start')).toHaveLength(1);
  });

  it('shows the backend error', async () => {
    const fake = installFakeApi({
      'data:list': () => [symbolSummary('EURUSD')],
      'strategies:list': () => STRATEGIES,
      'runs:start': () => {
        throw new Error("param 'fast' must be between 2 and 100, got 500");
      },
    });
    const user = userEvent.setup();
    render(<NewBacktestScreen />);
    await screen.findByLabelText('Fast MA period');
    await user.click(screen.getByRole('button', { name: 'Start backtest' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText(/must be between 2 and 100/)).toBeTruthy();
    expect(fake.argsOf('runs:start')).toHaveLength(1);
    expect(useNav.getState().screen).toBe('data');
  });

  it('has an empty state pointing to the Data screen', async () => {
    installFakeApi();
    const user = userEvent.setup();
    render(<NewBacktestScreen />);
    expect(await screen.findByText('No data to backtest yet')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Go to Data' }));
    expect(useNav.getState().screen).toBe('data');
  });
});

describe('splitIndicators', () => {
  it('splits on commas outside parentheses', () => {
    expect(splitIndicators('ema(20),rsi(14)')).toEqual(['ema(20)', 'rsi(14)']);
    expect(splitIndicators(' bbands(20,2) , rsi ,, ')).toEqual(['bbands(20,2)', 'rsi']);
    expect(splitIndicators('')).toEqual([]);
  });
});

/** A date input takes its value whole (a date picker is not typed key by key). */
function fireDate(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}
