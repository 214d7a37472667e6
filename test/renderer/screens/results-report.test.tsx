// @vitest-environment happy-dom
/**
 * The issue-12 pieces of the Results and Run screens against fake DTOs: the MT5 report sections,
 * the monthly returns table, lots/swap/MAE/MFE in the trades table, refused orders, warnings,
 * the "to date" badge, the money settings and the margin level chart and figure.
 */
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunInfo, RunResults, TradeDto } from '../../../src/shared/dto.ts';
import { defaultSymbolSpec } from '../../../src/shared/symbol-spec.ts';
import { setApi } from '../../../src/renderer/src/api/index.ts';
import { ResultsScreen } from '../../../src/renderer/src/screens/ResultsScreen.tsx';
import { RunScreen } from '../../../src/renderer/src/screens/RunScreen.tsx';
import { resetStores } from '../../../src/renderer/src/store/index.ts';
import { emptyResults, fakeBackend, runInfo, type FakeBackend } from './fake-backend.ts';

const T0 = Date.UTC(2024, 10, 29, 8);
const DAY = 86_400_000;

const money: RunInfo['money'] = {
  currency: 'USD',
  leverage: 30,
  stopOutPct: 50,
  rolloverMinutes: 1320,
  specs: [{ symbol: 'USDJPY', ...defaultSymbolSpec('USDJPY'), swapLong: -5.5, swapShort: 1.2 }],
  conversions: ['USDJPY (inverted)'],
};

const trade: TradeDto = {
  id: 1,
  symbol: 'USDJPY',
  side: 'long',
  size: 150_000,
  lots: 1.5,
  entryTime: T0,
  entryPrice: 150.1,
  exitTime: T0 + 2 * DAY,
  exitPrice: 150.5,
  exitReason: 'stop-out',
  grossPnl: 398.67,
  commission: 10.5,
  swap: -16.5,
  netPnl: 371.67,
  maePips: 42.3,
  maeMoney: 421.5,
  mfePips: 55,
  mfeMoney: 548.12,
  stopLoss: null,
  takeProfit: null,
};

function results(over: Partial<RunResults> = {}): RunResults {
  const sample = (time: number, marginLevel: number | null) => ({
    time,
    balance: 10_000,
    equity: 10_000,
    drawdown: 0,
    drawdownPct: 0,
    margin: marginLevel === null ? 0 : 1000,
    marginLevel,
  });
  return {
    stats: {
      netProfit: 371.67,
      recoveryFactor: 0.881,
      expectedPayoff: 371.67,
      minMarginLevel: 312.456,
      totalSwaps: -16.5,
      stopOuts: 1,
      rejectedOrders: 1,
      trades: 1,
      longTrades: 1,
      longWinRate: 100,
      shortTrades: 0,
      shortWinRate: null,
      maxConsecutiveWins: 1,
      maxConsecutiveWinsMoney: 371.67,
      averageHoldingMs: 2 * DAY,
    },
    report: {
      toDate: false,
      warnings: ['ma-cross made no trade on EURUSD: ema(50) on D1 needs 50 bars, the data has 20'],
      monthly: [
        { month: '2024-11', profit: 500, returnPct: 5 },
        { month: '2024-12', profit: -105, returnPct: -1 },
      ],
    },
    equity: [sample(T0, null), sample(T0 + DAY, 850), sample(T0 + 2 * DAY, 312.456)],
    trades: [trade],
    rejections: [
      {
        time: T0 + DAY,
        orderId: 7,
        symbol: 'USDJPY',
        side: 'buy',
        size: 1_000_000,
        lots: 10,
        reason: 'needs 50,033.33 USD of margin, free margin is 8,512.00 USD',
        requiredMargin: 50_033.33,
        freeMargin: 8512,
      },
    ],
    ...over,
  };
}

let fake: FakeBackend;

beforeEach(() => {
  resetStores();
  fake = fakeBackend({
    'runs:get': () => runInfo({ status: 'completed', symbols: ['USDJPY'], money }),
    'runs:results': () => results(),
  });
  setApi(fake.api);
});

afterEach(() => {
  cleanup();
  setApi(null);
});

/** A section's value by its label. */
function stat(section: string, label: string): string {
  const s = screen.getByRole('region', { name: section });
  return within(s).getByText(label, { selector: 'dt' }).nextElementSibling?.textContent ?? '';
}

/** Cell texts of a table's body rows. */
function cells(name: string): string[][] {
  const table = screen.getByRole('table', { name });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((r) =>
      within(r)
        .getAllByRole('cell')
        .map((c) => c.textContent ?? ''),
    );
}

describe('Results report', () => {
  it('groups the statistics as Summary and Trades, money in the account currency', async () => {
    render(<ResultsScreen runId="r1" />);
    await screen.findByRole('group', { name: 'Statistics' });
    expect(screen.getByRole('heading', { name: 'Summary · USD' })).toBeTruthy();
    expect(stat('Summary', 'Recovery factor')).toBe('0.88');
    expect(stat('Summary', 'Expected payoff')).toBe('371.67');
    expect(stat('Summary', 'Min margin level')).toBe('312.46%');
    expect(stat('Summary', 'Swaps')).toBe('-16.50');
    expect(stat('Summary', 'Stop-outs')).toBe('1');
    expect(stat('Trades', 'Long trades')).toBe('1 (100.0% won)');
    expect(stat('Trades', 'Max consecutive wins')).toBe('1 (371.67)');
    expect(stat('Trades', 'Average holding time')).toBe('2.0 days');
    expect(screen.queryByText('to date')).toBeNull();
  });

  it('shows the monthly returns by year with YTD, coloured by sign', async () => {
    render(<ResultsScreen runId="r1" />);
    await screen.findByRole('table', { name: 'Monthly returns' });
    const table = screen.getByRole('table', { name: 'Monthly returns' });
    const row = within(table).getAllByRole('row')[1];
    expect(within(row).getByRole('rowheader').textContent).toBe('2024');
    const texts = within(row)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    // 1.05 × 0.99 − 1 = 3.95 % for the year.
    expect(texts).toEqual([...Array(10).fill(''), '5.00%', '-1.00%', '3.95%']);
    const tds = within(row).getAllByRole('cell');
    expect(tds[10].className).toContain('pos');
    expect(tds[11].className).toContain('neg');
    expect(tds[11].getAttribute('title')).toBe('-105.00 USD');
  });

  it('lists trades in lots with swap and MAE/MFE, and the refused orders', async () => {
    render(<ResultsScreen runId="r1" />);
    await screen.findByRole('table', { name: 'Trades' });
    const headers = within(screen.getByRole('table', { name: 'Trades' }))
      .getAllByRole('columnheader')
      .map((h) => h.textContent?.replace(/[▲▼]/g, '').trim());
    const row = Object.fromEntries(headers.map((h, i) => [h, cells('Trades')[0][i]]));
    expect(row).toMatchObject({
      Lots: '1.50',
      Swap: '-16.50',
      'MAE pips': '42.3',
      MAE: '421.50',
      'MFE pips': '55.0',
      MFE: '548.12',
      Reason: 'stop-out',
    });
    expect(headers).not.toContain('Size');
    expect(screen.getByRole('heading', { name: 'Refused orders (1)' })).toBeTruthy();
    expect(cells('Refused orders')).toEqual([
      [
        '2024-11-30 08:00:00',
        '7',
        'USDJPY',
        'buy',
        '10.00 lots',
        '50,033.33 USD',
        '8,512.00 USD',
        'needs 50,033.33 USD of margin, free margin is 8,512.00 USD',
      ],
    ]);
  });

  it('shows warnings, the money settings and a margin level chart', async () => {
    render(<ResultsScreen runId="r1" />);
    const warnings = await screen.findByRole('region', { name: 'Warnings' });
    expect(warnings.textContent).toContain('ema(50) on D1 needs 50 bars');
    const account = screen.getByRole('group', { name: 'Account settings' });
    expect(account.textContent).toBe('CurrencyUSDLeverage1:30Stop-out50%Rollover22:00 UTC');
    expect(cells('Symbol specifications')).toEqual([
      [
        'USDJPY',
        'USDJPY (inverted)',
        '3',
        '0.01',
        '100,000',
        'USD/JPY',
        '-5.5 / 1.2 points',
        'wed',
        '1',
      ],
    ]);
    expect(screen.getByRole('img', { name: 'Margin level chart' })).toBeTruthy();
  });

  it('marks an unfinished run "to date" and leaves out what a run without margin has not', async () => {
    fake.handlers['runs:get'] = () => runInfo({ status: 'paused' });
    fake.handlers['runs:results'] = () => ({
      ...results({ rejections: [] }),
      report: { toDate: true, warnings: [], monthly: [] },
      equity: results().equity.map((p) => ({ ...p, margin: 0, marginLevel: null })),
    });
    render(<ResultsScreen runId="r1" />);
    expect(await screen.findByText('to date')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Warnings' })).toBeNull();
    expect(screen.queryByRole('table', { name: 'Monthly returns' })).toBeNull();
    expect(screen.queryByRole('table', { name: 'Refused orders' })).toBeNull();
    expect(screen.queryByRole('img', { name: 'Margin level chart' })).toBeNull();
    expect(screen.getByText(/No money settings recorded/)).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Summary · USD' })).toBeNull();
  });
});

describe('Run screen money', () => {
  it('shows the money settings and the live margin level', async () => {
    fake.handlers['runs:results'] = () => emptyResults();
    fake.handlers['runs:get'] = () => runInfo({ money });
    render(<RunScreen runId="r1" />);
    await screen.findByText('running');
    expect(await screen.findByRole('table', { name: 'Symbol specifications' })).toBeTruthy();
    const figures = screen.getByRole('group', { name: 'Progress' });
    const level = () =>
      within(figures).getByText('Margin level', { selector: 'dt' }).nextElementSibling?.textContent;
    expect(level()).toBe('—');
    fake.emit('run:progress', {
      runId: 'r1',
      ticksDone: 10,
      ticksTotal: 1000,
      ticksPerSec: 1,
      seconds: 1,
      etaSeconds: null,
      simTime: T0,
      balance: 10_000,
      equity: 9_500,
      marginLevel: 475.123,
      frames: [],
    });
    expect(level()).toBe('475.12%');
  });

  it('has no margin level figure without leverage', async () => {
    fake.handlers['runs:results'] = () => emptyResults();
    fake.handlers['runs:get'] = () => runInfo({ money: { ...money!, leverage: null } });
    render(<RunScreen runId="r1" />);
    await screen.findByRole('table', { name: 'Symbol specifications' });
    expect(screen.queryByText('Margin level')).toBeNull();
  });
});
