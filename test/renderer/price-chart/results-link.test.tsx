// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunResults, TradeDto } from '../../../src/shared/dto.ts';
import { setApi } from '../../../src/renderer/src/api/index.ts';
import { ResultsScreen } from '../../../src/renderer/src/screens/ResultsScreen.tsx';
import { useChartLink } from '../../../src/renderer/src/components/price-chart/chart-link.ts';
import { resetStores } from '../../../src/renderer/src/store/index.ts';
import { fakeBackend, runInfo } from '../screens/fake-backend.ts';

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 2);

function trade(id: number): TradeDto {
  return {
    ...{ id, symbol: 'EURUSD', side: 'long', size: 1e5, lots: 1, entryTime: T0 + id * H },
    ...{ entryPrice: 1.1, exitTime: T0 + id * H + H / 2, exitPrice: 1.1, exitReason: 'tp' },
    ...{ grossPnl: 1, commission: 0, swap: 0, netPnl: 1, maePips: 0, maeMoney: 0 },
    ...{ mfePips: 0, mfeMoney: 0, stopLoss: null, takeProfit: null },
  };
}

const point = (time: number, equity: number) => ({
  ...{ time, balance: equity, equity, drawdown: 0, drawdownPct: 0, margin: 0, marginLevel: null },
});

afterEach(() => {
  cleanup();
  setApi(null);
  useChartLink.setState({ visible: null, focus: null, follow: true });
});

describe('Results screen ↔ price chart', () => {
  it('a clicked trade row is selected, asked for by the chart, and marked in its marker list', async () => {
    resetStores();
    const results: RunResults = {
      ...{ stats: null, report: null, rejections: [], trades: [trade(1), trade(2)] },
      equity: [point(T0, 10_000), point(T0 + 5 * H, 10_100)],
    };
    const fake = fakeBackend({
      'runs:get': () => runInfo({ status: 'completed', timeframes: ['M5'] }),
      'runs:results': () => results,
      'charts:bars': (a) => ({
        ...{ symbol: a.symbol, timeframe: a.timeframe, source: 'stored', indicators: [] },
        ...{ extent: null, moreBefore: false, moreAfter: false, errors: [], bars: [] },
      }),
    });
    setApi(fake.api);
    render(<ResultsScreen runId="r1" />);
    const table = await screen.findByRole('table', { name: 'Trades' });
    const markers = screen.getByTestId('chart-markers');
    expect(within(markers).getAllByRole('listitem')).toHaveLength(2);

    await userEvent.click(within(table).getAllByRole('row')[2]);
    expect(within(table).getAllByRole('row')[2].getAttribute('aria-selected')).toBe('true');
    expect(useChartLink.getState().focus?.tradeId).toBe(2);
    await waitFor(() =>
      expect(markers.querySelector('[data-trade-id="2"]')?.getAttribute('aria-current')).toBe(
        'true',
      ),
    );
    // Its window is asked for: around the trade, not the newest page.
    await waitFor(() =>
      expect(fake.callsOf('charts:bars').some((c) => c.anchor === 'from')).toBe(true),
    );
  });
});
