// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunResults, TradeDto } from '../../../src/shared/dto.ts';
import { setApi } from '../../../src/renderer/src/api/index.ts';
import { ResultsScreen } from '../../../src/renderer/src/screens/ResultsScreen.tsx';
import { resetStores } from '../../../src/renderer/src/store/index.ts';
import { fakeBackend, runInfo, type FakeBackend } from './fake-backend.ts';

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 2, 8, 0, 0);

function trade(id: number, netPnl: number, over: Partial<TradeDto> = {}): TradeDto {
  return {
    id,
    symbol: 'EURUSD',
    side: id % 2 ? 'long' : 'short',
    size: 100_000,
    entryTime: T0 + id * H,
    entryPrice: 1.1 + id / 10_000,
    exitTime: T0 + id * H + 30 * 60_000,
    exitPrice: 1.1 + id / 10_000 + netPnl / 1e6,
    exitReason: 'signal',
    grossPnl: netPnl + 7,
    commission: 7,
    swap: 0,
    netPnl,
    lots: 1,
    maePips: 0,
    maeMoney: 0,
    mfePips: 0,
    mfeMoney: 0,
    stopLoss: null,
    takeProfit: null,
    ...over,
  };
}

function results(): RunResults {
  return {
    stats: {
      startBalance: 10_000,
      finalBalance: 11_234.5,
      finalEquity: 11_234.5,
      returnPct: 12.345,
      netProfit: 1234.5,
      grossProfit: 2000,
      grossLoss: -765.5,
      profitFactor: 2.612671,
      maxDrawdown: 321.456,
      maxDrawdownPct: 3.14159,
      sharpe: 1.23456,
      trades: 3,
      winningTrades: 2,
      losingTrades: 1,
      winRate: 66.66667,
      averageTrade: 411.5,
      averageWin: 1000,
      averageLoss: -765.5,
      largestWin: 1500,
      largestLoss: -765.5,
      exposurePct: 12.04,
    },
    equity: [
      {
        time: T0,
        balance: 10_000,
        equity: 10_000,
        drawdown: 0,
        drawdownPct: 0,
        margin: 0,
        marginLevel: null,
      },
      {
        time: T0 + 24 * H,
        balance: 9_800,
        equity: 9_700,
        drawdown: 300,
        drawdownPct: 3,
        margin: 0,
        marginLevel: null,
      },
      {
        time: T0 + 48 * H,
        balance: 11_234.5,
        equity: 11_234.5,
        drawdown: 0,
        drawdownPct: 0,
        margin: 0,
        marginLevel: null,
      },
    ],
    trades: [trade(1, 500), trade(2, -765.5), trade(3, 1500)],
    report: null,
    rejections: [],
  };
}

let fake: FakeBackend;

beforeEach(() => {
  resetStores();
  fake = fakeBackend({
    'runs:get': () => runInfo({ status: 'completed' }),
    'runs:results': () => results(),
    'runs:export': ({ runId }) => ({
      dir: `/data/exports/${runId}`,
      files: ['trades.csv', 'equity.csv', 'summary.json'],
    }),
  });
  setApi(fake.api);
});

afterEach(() => {
  cleanup();
  setApi(null);
});

/** Statistic value by its label. */
function stat(label: string): string {
  const grid = screen.getByRole('group', { name: 'Statistics' });
  const dt = within(grid).getByText(label, { selector: 'dt' });
  return dt.nextElementSibling?.textContent ?? '';
}

/** The Net P&L column of the trades table, top to bottom. */
function netColumn(): string[] {
  const table = screen.getByRole('table', { name: 'Trades' });
  const headers = within(table).getAllByRole('columnheader');
  const col = headers.findIndex((h) => h.textContent?.startsWith('Net P&L'));
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('cell')[col].textContent ?? '');
}

describe('ResultsScreen', () => {
  it('shows the statistics with fixed decimals', async () => {
    render(<ResultsScreen runId="r1" />);
    await screen.findByRole('group', { name: 'Statistics' });
    expect(fake.callsOf('runs:results')[0]).toMatchObject({ runId: 'r1' });
    expect(stat('Net profit')).toBe('1,234.50');
    expect(stat('Gross profit')).toBe('2,000.00');
    expect(stat('Gross loss')).toBe('-765.50');
    expect(stat('Profit factor')).toBe('2.61');
    expect(stat('Max drawdown')).toBe('321.46');
    expect(stat('Max drawdown %')).toBe('3.14%');
    expect(stat('Sharpe')).toBe('1.23');
    expect(stat('Win rate')).toBe('66.7%');
    expect(stat('Trades')).toBe('3');
    expect(stat('Average trade')).toBe('411.50');
    expect(stat('Exposure')).toBe('12.0%');
    expect(screen.getByRole('img', { name: 'Equity chart' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Drawdown chart' })).toBeTruthy();
  });

  it('sorts the trades by a clicked column, and reverses on a second click', async () => {
    const user = userEvent.setup();
    render(<ResultsScreen runId="r1" />);
    await screen.findByRole('table', { name: 'Trades' });
    expect(netColumn()).toEqual(['500.00', '-765.50', '1,500.00']);

    const net = screen.getByRole('button', { name: 'Net P&L' });
    await user.click(net);
    expect(netColumn()).toEqual(['-765.50', '500.00', '1,500.00']);
    expect(net.closest('th')?.getAttribute('aria-sort')).toBe('ascending');
    expect(screen.getByText(/sorted by Net P&L ascending/)).toBeTruthy();

    await user.click(net);
    expect(netColumn()).toEqual(['1,500.00', '500.00', '-765.50']);
    expect(net.closest('th')?.getAttribute('aria-sort')).toBe('descending');
    expect(net.textContent).toContain('▼');

    await user.click(screen.getByRole('button', { name: 'Side' }));
    expect(netColumn()).toEqual(['500.00', '1,500.00', '-765.50']); // long, long, short
    expect(net.closest('th')?.getAttribute('aria-sort')).toBeNull();
  });

  it('exports and shows the folder and files written', async () => {
    const user = userEvent.setup();
    render(<ResultsScreen runId="r1" />);
    const exportButton = await screen.findByRole('button', { name: 'Export' });
    await waitFor(() => expect((exportButton as HTMLButtonElement).disabled).toBe(false));
    await user.click(exportButton);
    expect(fake.callsOf('runs:export')).toEqual([{ runId: 'r1' }]);
    const status = await screen.findByText(/Exported to/);
    expect(status.textContent).toContain('/data/exports/r1');
    expect(status.textContent).toContain('trades.csv, equity.csv, summary.json');
  });

  it('in the browser downloads the zip and never shows a server path', async () => {
    const fetched: string[] = [];
    const zip = new Blob([new Uint8Array([0x50, 0x4b, 5, 6])], { type: 'application/zip' });
    setApi({
      ...fake.api,
      host: 'web',
      fetchExport: async (kind, id) => {
        fetched.push(`${kind}:${id}`);
        return { name: `${id}.zip`, blob: zip };
      },
    });
    const clicked: { href: string; download: string }[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push({ href: this.href, download: this.download });
    });
    const user = userEvent.setup();
    render(<ResultsScreen runId="r1" />);
    const exportButton = await screen.findByRole('button', { name: 'Export' });
    await waitFor(() => expect((exportButton as HTMLButtonElement).disabled).toBe(false));
    await user.click(exportButton);
    const status = await screen.findByText(/Downloaded/);
    expect(status.textContent).toBe('Downloaded r1.zip');
    expect(fetched).toEqual(['run:r1']);
    expect(fake.callsOf('runs:export'), 'the server writes no folder for the page').toEqual([]);
    expect(clicked).toHaveLength(1);
    expect(clicked[0]!.download).toBe('r1.zip');
    expect(clicked[0]!.href).toMatch(/^blob:/);
    expect(document.body.textContent).not.toContain('/data/exports');
    click.mockRestore();
  });

  it('in Electron exports into the folder picked in the native dialog; cancel exports nothing', async () => {
    let pick: string | null = null;
    fake.handlers['runs:pickFolder'] = () => pick;
    fake.handlers['runs:export'] = ({ runId, dir }) => ({
      dir: `${dir ?? '/data/exports'}/${runId}`,
      files: ['trades.csv', 'summary.json'],
    });
    setApi({ ...fake.api, host: 'electron' });
    const user = userEvent.setup();
    render(<ResultsScreen runId="r1" />);
    const exportButton = await screen.findByRole('button', { name: 'Export' });
    await waitFor(() => expect((exportButton as HTMLButtonElement).disabled).toBe(false));
    await user.click(exportButton);
    await waitFor(() => expect((exportButton as HTMLButtonElement).disabled).toBe(false));
    expect(fake.callsOf('runs:pickFolder')).toHaveLength(1);
    expect(fake.callsOf('runs:export'), 'cancelled: nothing exported').toEqual([]);
    expect(screen.queryByText(/Exported to/)).toBeNull();

    pick = '/home/me/out';
    await user.click(exportButton);
    const status = await screen.findByText(/Exported to/);
    expect(fake.callsOf('runs:export')).toEqual([{ runId: 'r1', dir: '/home/me/out' }]);
    expect(status.textContent).toBe('Exported to /home/me/out/r1: trades.csv, summary.json');
  });

  it('says so when the run has no strategy', async () => {
    fake.handlers['runs:get'] = () => runInfo({ status: 'completed', strategy: null });
    fake.handlers['runs:results'] = () => ({
      stats: null,
      report: null,
      equity: [],
      trades: [],
      rejections: [],
    });
    render(<ResultsScreen runId="r1" />);
    expect(
      await screen.findByText(
        'This run computed bars and indicators only — start a backtest with a strategy to see trades',
      ),
    ).toBeTruthy();
    expect(screen.queryByRole('table', { name: 'Trades' })).toBeNull();
  });
});
