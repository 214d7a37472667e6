/**
 * The real ChartCanvas: lightweight-charts 5 with candles on pane 0, indicator lines on the
 * candles' pane or panes of their own, trade markers, and SL/TP segments as lines with gaps.
 * Times cross as UTCTimestamp seconds (the library's unit); ours are ms.
 */
import {
  CandlestickSeries,
  createChart,
  createSeriesMarkers,
  HistogramSeries,
  LineSeries,
  LineStyle,
  type IPriceLine,
  type ISeriesApi,
  type SeriesType,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { CanvasFactory, CanvasView, ChartCanvas, VisibleRange } from './canvas-types.ts';
import type { Palette } from './palette.ts';
import type { SegmentPoint } from './trade-overlays.ts';
import { PRICE_DP } from '../../screens/run/format.ts';

const sec = (ms: number) => Math.floor(ms / 1000) as UTCTimestamp;
const points = (ps: SegmentPoint[]) =>
  ps.map((p) => (p.value === null ? { time: sec(p.time) } : { time: sec(p.time), value: p.value }));
/** Bars shown when the chart first draws: readable candles, not the whole page squeezed. */
const FIRST_VIEW_BARS = 150;

/** Whether this document can draw on a canvas (happy-dom, used by renderer tests, cannot). */
function canDraw(): boolean {
  try {
    return document.createElement('canvas').getContext('2d') !== null;
  } catch {
    return false;
  }
}

/** Stands in where there is no canvas: the data flow, hidden marker list and labels still work. */
const NO_CANVAS: ChartCanvas = {
  draw: () => {},
  updateBar: () => {},
  showRange: () => {},
  onRange: () => {},
  remove: () => {},
};

export const createLwCanvas: CanvasFactory = (el) => {
  if (!canDraw()) return NO_CANVAS;
  const chart = createChart(el, { autoSize: true, timeScale: { timeVisible: true } });
  // Prices to the app's 5 decimals (the library's default of 2 shows 1.11 for every FX quote).
  const priceFormat = { type: 'price' as const, precision: PRICE_DP, minMove: 10 ** -PRICE_DP };
  const candles = chart.addSeries(CandlestickSeries, { priceFormat });
  const markers = createSeriesMarkers(candles, []);
  const level = {
    lineWidth: 1 as const,
    lastValueVisible: false,
    priceLineVisible: false,
    priceFormat,
  };
  const stopLoss = chart.addSeries(LineSeries, { ...level, lineStyle: LineStyle.Dashed });
  const takeProfit = chart.addSeries(LineSeries, { ...level, lineStyle: LineStyle.Dashed });
  const lines = new Map<string, ISeriesApi<SeriesType>>();
  let priceLines: IPriceLine[] = [];
  let drawn = 0;

  function draw(view: CanvasView, p: Palette) {
    chart.applyOptions({
      layout: { background: { color: p.background }, textColor: p.text },
      grid: { vertLines: { color: p.grid }, horzLines: { color: p.grid } },
    });
    candles.applyOptions({
      upColor: p.up,
      downColor: p.down,
      borderUpColor: p.up,
      borderDownColor: p.down,
      wickUpColor: p.up,
      wickDownColor: p.down,
    });
    stopLoss.applyOptions({ color: p.down });
    takeProfit.applyOptions({ color: p.up });
    // Keep what the user looks at when bars are prepended (logical indices would shift).
    const before = drawn > 0 ? chart.timeScale().getVisibleRange() : null;
    candles.setData(view.bars.map((b) => ({ ...b, time: sec(b.time) })));
    drawLines(view, p);
    stopLoss.setData(points(view.stopLoss));
    takeProfit.setData(points(view.takeProfit));
    const sel = view.selected;
    markers.setMarkers(
      view.markers.map((m) => ({
        time: sec(m.time),
        position: m.position,
        shape: m.shape,
        text: m.text,
        size: sel?.tradeId === m.tradeId ? 2 : 1,
        color: { long: p.up, short: p.down, win: p.up, loss: p.down }[m.tone],
      })),
    );
    for (const l of priceLines) candles.removePriceLine(l);
    priceLines = [];
    for (const [price, title] of [
      [sel?.stopLoss, 'SL'],
      [sel?.takeProfit, 'TP'],
    ] as const) {
      if (price == null) continue;
      const color = title === 'SL' ? p.down : p.up;
      priceLines.push(
        candles.createPriceLine({ price, title, color, lineStyle: LineStyle.Dotted }),
      );
    }
    if (before) chart.timeScale().setVisibleRange(before);
    else if (view.bars.length > 0) {
      const n = view.bars.length;
      chart.timeScale().setVisibleLogicalRange({ from: n - FIRST_VIEW_BARS, to: n + 5 });
    }
    drawn = view.bars.length;
  }

  function drawLines(view: CanvasView, p: Palette) {
    const keep = new Set(view.lines.map((l) => l.key));
    for (const [key, series] of lines) {
      if (keep.has(key)) continue;
      chart.removeSeries(series);
      lines.delete(key);
    }
    for (const l of view.lines) {
      const color = p.lines[l.colour % p.lines.length];
      let series = lines.get(l.key);
      if (!series) {
        series =
          l.style === 'histogram'
            ? chart.addSeries(HistogramSeries, { color }, l.pane)
            : chart.addSeries(
                LineSeries,
                {
                  color,
                  // Overlays are prices; pane indicators (RSI 0..100, MACD…) keep the default.
                  ...(l.pane === 0 ? { priceFormat } : {}),
                  lineWidth: 1,
                  lineVisible: l.style !== 'dots',
                  pointMarkersVisible: l.style === 'dots',
                  pointMarkersRadius: 1.5,
                },
                l.pane,
              );
        for (const price of l.levels)
          series.createPriceLine({ price, color: p.muted, lineStyle: LineStyle.Dashed });
        lines.set(l.key, series);
      } else series.applyOptions({ color });
      series.setData(points(l.points));
    }
  }

  return {
    draw,
    updateBar: (bar) => candles.update({ ...bar, time: sec(bar.time) }),
    showRange: (from, to) => chart.timeScale().setVisibleRange({ from: sec(from), to: sec(to) }),
    onRange(listener) {
      chart.timeScale().subscribeVisibleLogicalRangeChange((logical) => {
        if (!logical) return;
        const t = chart.timeScale().getVisibleRange();
        const time = t ? { from: Number(t.from) * 1000, to: Number(t.to) * 1000 } : null;
        const range: VisibleRange = { logical: { from: logical.from, to: logical.to }, time };
        listener(range);
      });
    },
    remove: () => chart.remove(),
  };
};
