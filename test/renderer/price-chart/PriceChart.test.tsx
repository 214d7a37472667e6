// @vitest-environment happy-dom
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChartBarsArgs, ChartData } from '../../../src/shared/charts.ts';
import type { TradeDto } from '../../../src/shared/dto.ts';
import { setApi } from '../../../src/renderer/src/api/index.ts';
import { PriceChart } from '../../../src/renderer/src/components/price-chart/PriceChart.tsx';
import type {
  CanvasFactory,
  CanvasView,
  VisibleRange,
} from '../../../src/renderer/src/components/price-chart/canvas-types.ts';
import { useChartLink } from '../../../src/renderer/src/components/price-chart/chart-link.ts';
import { fakeBackend, runInfo } from '../screens/fake-backend.ts';

const M = 60_000;
const T0 = Date.UTC(2024, 0, 2);
/** The run's bars: 0 … 4999 minutes after T0. */
const LAST = 4999;

/** A charts:bars that serves a 5 000-bar series the way the backend's window semantics say. */
function serve(args: ChartBarsArgs): ChartData {
  const lo = args.from === null ? 0 : Math.ceil((args.from - T0) / M);
  const hi = args.to === null ? LAST : Math.floor((args.to - T0) / M);
  let a = Math.max(0, lo);
  let b = Math.min(LAST, hi);
  if (b - a + 1 > args.maxBars) {
    if (args.anchor === 'from') b = a + args.maxBars - 1;
    else a = b - args.maxBars + 1;
  }
  const bars = [];
  for (let i = a; i <= b; i++)
    bars.push({ time: T0 + i * M, open: 1, high: 1.2, low: 0.9, close: 1.1, volume: 1 });
  return {
    symbol: args.symbol,
    timeframe: args.timeframe,
    source: 'stored',
    bars,
    indicators: [],
    extent: { first: T0, last: T0 + LAST * M },
    moreBefore: a > 0,
    moreAfter: b < LAST,
    errors: [],
  };
}

function trade(id: number, minute: number): TradeDto {
  return {
    ...{ id, symbol: 'EURUSD', side: id % 2 ? 'long' : 'short', size: 1e5, lots: 1 },
    ...{ entryTime: T0 + minute * M, entryPrice: 1.1, exitTime: T0 + (minute + 5) * M },
    ...{ exitPrice: 1.11, exitReason: 'tp', grossPnl: 1, commission: 0, swap: 0, netPnl: 1 },
    ...{ maePips: 0, maeMoney: 0, mfePips: 0, mfeMoney: 0, stopLoss: 1.09, takeProfit: 1.11 },
  };
}

/** A canvas that records what it is asked to draw, and lets the test move the visible range. */
function fakeCanvas() {
  const rec = {
    views: [] as CanvasView[],
    shown: [] as [number, number][],
    emit: (_r: VisibleRange) => {},
  };
  const factory: CanvasFactory = () => ({
    draw: (v) => rec.views.push(v),
    updateBar: () => {},
    showRange: (from, to) => rec.shown.push([from, to]),
    onRange: (l) => (rec.emit = l),
    remove: () => {},
  });
  return { rec, factory };
}

afterEach(() => {
  cleanup();
  useChartLink.setState({ visible: null, focus: null, follow: true });
});

describe('PriceChart', () => {
  it('loads the newest page, mirrors every trade into the marker list, and pages back near the start', async () => {
    const backend = fakeBackend({ 'charts:bars': serve });
    setApi(backend.api);
    const { rec, factory } = fakeCanvas();
    const trades = [trade(1, 100), trade(2, 4000), trade(3, 4990)];
    render(
      <PriceChart run={runInfo({ timeframes: ['M1'] })} trades={trades} canvasFactory={factory} />,
    );

    await waitFor(() => expect(screen.getByTestId('price-chart').dataset.bars).toBe('1500'));
    const first = backend.callsOf('charts:bars')[0];
    expect(first).toMatchObject({ from: null, to: null, anchor: 'to', maxBars: 1500 });
    const items = within(screen.getByTestId('chart-markers')).getAllByRole('listitem');
    expect(items.map((li) => li.dataset.tradeId)).toEqual(['1', '2', '3']);
    // Trade 1 is outside the loaded page: in the list, not yet drawn on the canvas.
    const drawn = rec.views[rec.views.length - 1];
    expect(new Set(drawn.markers.map((m) => m.tradeId))).toEqual(new Set([2, 3]));

    act(() => rec.emit({ logical: { from: 5, to: 150 }, time: { from: T0, to: T0 + M } }));
    await waitFor(() => expect(screen.getByTestId('price-chart').dataset.bars).toBe('3000'));
    expect(backend.callsOf('charts:bars')[1]).toMatchObject({
      from: null,
      to: T0 + 3500 * M - 1,
      anchor: 'to',
    });
    expect(useChartLink.getState().visible).toEqual({ from: T0, to: T0 + M });
  });

  it('centres on a trade picked in the table, loading its window, and drops a stale answer', async () => {
    let releaseFirst: (d: ChartData) => void = () => {};
    let calls = 0;
    const backend = fakeBackend({
      'charts:bars': (args) => {
        calls++;
        if (calls === 1)
          return new Promise<ChartData>((r) => (releaseFirst = () => r(serve(args))));
        return serve(args);
      },
    });
    setApi(backend.api);
    const { rec, factory } = fakeCanvas();
    render(
      <PriceChart
        run={runInfo({ timeframes: ['M1'] })}
        trades={[trade(1, 100)]}
        canvasFactory={factory}
      />,
    );
    await waitFor(() => expect(calls).toBe(1));
    act(() => useChartLink.getState().focusTrade(1));
    await waitFor(() => expect(rec.shown).toHaveLength(1));
    const [from, to] = rec.shown[0];
    expect(from).toBeLessThanOrEqual(T0 + 100 * M);
    expect(to).toBeGreaterThanOrEqual(T0 + 105 * M);
    const bars = screen.getByTestId('price-chart').dataset.bars;
    // The newest page answers late: it must not replace the trade's window.
    await act(async () => releaseFirst(serve({ ...backend.callsOf('charts:bars')[0] })));
    expect(screen.getByTestId('price-chart').dataset.bars).toBe(bars);
    const last = rec.views[rec.views.length - 1];
    expect(last.bars[0].time).toBeLessThanOrEqual(T0 + 100 * M);
    expect(last.selected).toEqual({ tradeId: 1, stopLoss: 1.09, takeProfit: 1.11 });
    expect(screen.getByRole('listitem').getAttribute('aria-current')).toBe('true');
  });
});
