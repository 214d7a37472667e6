/**
 * The price chart of a run (issue 13): candles of a symbol and timeframe loaded by visible range,
 * indicator overlays and panes, the trades as markers with their SL/TP, centring on a trade picked
 * in the trades table, and on a running run the live partial bar. The canvas mirrors into a hidden
 * marker list and the container's data attributes (visible range, bar count) for tests.
 */
import { useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import type { LiveFrame, RunInfo, TradeDto } from '../../../../shared/dto.ts';
import type { CanvasFactory, CanvasView, VisibleRange } from './canvas-types.ts';
import { ChartControls } from './ChartControls.tsx';
import { useChartLink, type ChartLink } from './chart-link.ts';
import { indicatorLines, sameSpec } from './indicator-series.ts';
import { createLwCanvas } from './lw-canvas.ts';
import { MarkerList } from './MarkerList.tsx';
import { usePalette } from './palette.ts';
import { edgeToLoad, TIMEFRAME_MS } from './range-math.ts';
import { levelSegments, tradeMarkers, tradesOf } from './trade-overlays.ts';
import { useChartCanvas } from './useChartCanvas.ts';
import { usePriceData } from './usePriceData.ts';
import './price-chart.css';

export interface PriceChartProps {
  run: RunInfo;
  trades: TradeDto[];
  /** Live frames of a running run (run:progress): the partial bar of the shown series. */
  frames?: LiveFrame[];
  /** The canvas maker; tests inject a fake (there is no canvas under happy-dom). */
  canvasFactory?: CanvasFactory;
}

export function PriceChart({
  run,
  trades,
  frames,
  canvasFactory = createLwCanvas,
}: PriceChartProps) {
  const [symbol, setSymbol] = useState(run.symbols[0] ?? '');
  const [timeframe, setTimeframe] = useState(run.timeframes[0] ?? 'M1');
  const [specs, setSpecs] = useState<string[]>(run.indicators);
  const [active, setActive] = useState<string[]>(run.indicators);
  const [el, setEl] = useState<HTMLDivElement | null>(null);
  const [range, setRange] = useState<VisibleRange | null>(null);
  const link = useChartLink();
  const data = usePriceData({ runId: run.id, symbol, timeframe, indicators: active });
  const { cache } = data;
  const palette = usePalette(el);
  const barMs = TIMEFRAME_MS[timeframe] ?? 60_000;

  useEffect(() => {
    useChartLink.getState().reset();
  }, [run.id]);

  const shown = useMemo(() => tradesOf(trades, symbol), [trades, symbol]);
  const selectedTrade = shown.find((t) => t.id === link.focus?.tradeId) ?? null;
  const view = useMemo<CanvasView>(() => {
    const times = cache.rows.map((r) => r.bar.time);
    return {
      bars: cache.rows.map((r) => r.bar),
      lines: indicatorLines(cache, active),
      markers: tradeMarkers(shown, symbol, times, barMs),
      stopLoss: levelSegments(shown, symbol, 'stopLoss', times, barMs),
      takeProfit: levelSegments(shown, symbol, 'takeProfit', times, barMs),
      selected: selectedTrade && {
        tradeId: selectedTrade.id,
        stopLoss: selectedTrade.stopLoss,
        takeProfit: selectedTrade.takeProfit,
      },
    };
  }, [cache, active, shown, symbol, barMs, selectedTrade]);

  const checkEdges = useEffectEvent(() => {
    const more = { before: cache.moreBefore, after: cache.moreAfter };
    const edge = range && edgeToLoad(range.logical, cache.rows.length, more);
    if (edge) data.loadEdge(edge);
  });
  const canvas = useChartCanvas(
    el,
    canvasFactory,
    (r) => {
      setRange(r);
      if (r.time) link.setVisible(r.time);
    },
    (c) => c.draw(view, palette),
  );
  useEffect(() => {
    canvas.current?.draw(view, palette);
  }, [canvas, view, palette]);
  // After a page arrives or the user stops moving: at an end with more beyond it, load on.
  useEffect(() => {
    checkEdges();
  }, [cache, range]);

  // A trade picked in the trades table: switch to its symbol, load around it, then centre on it.
  const centred = useRef<number | null>(null);
  const onFocus = useEffectEvent((focus: ChartLink['focus']) => {
    const trade = trades.find((t) => t.id === focus?.tradeId);
    if (!trade) return;
    if (trade.symbol !== symbol) setSymbol(trade.symbol);
  });
  useEffect(
    () => useChartLink.subscribe((s, prev) => s.focus !== prev.focus && onFocus(s.focus)),
    [],
  );
  const focused = trades.find((t) => t.id === link.focus?.tradeId && t.symbol === symbol) ?? null;
  const nonce = link.focus?.nonce ?? null;
  useEffect(() => {
    if (focused) data.loadAround(focused.entryTime, focused.exitTime);
    // Only a new pick (nonce) or the symbol switch it caused loads; later pages must not re-centre.
  }, [nonce, focused?.symbol]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    const c = canvas.current;
    if (!c || !focused || centred.current === nonce) return;
    const first = cache.rows[0]?.bar.time;
    const last = cache.rows[cache.rows.length - 1]?.bar.time;
    if (first === undefined || last === undefined) return;
    if (focused.entryTime < first || focused.entryTime > last + barMs) return;
    const pad = Math.max(focused.exitTime - focused.entryTime, barMs * 40);
    c.showRange(focused.entryTime - pad, focused.exitTime + pad);
    centred.current = nonce;
  }, [canvas, cache, focused, barMs, nonce]);

  // Live: the bar being built updates in place; a new bar time means one closed, so fetch the tail.
  const partial = frames?.find((f) => f.symbol === symbol && f.timeframe === timeframe)?.partial;
  const lastPartial = useRef<number | null>(null);
  const onPartial = useEffectEvent(() => {
    const c = canvas.current;
    if (!partial || !c) return;
    const lastBar = cache.rows[cache.rows.length - 1]?.bar.time ?? -Infinity;
    if (lastPartial.current !== null && partial.time > lastPartial.current) data.refreshTail();
    lastPartial.current = partial.time;
    if (partial.time >= lastBar) c.updateBar(partial);
  });
  useEffect(() => {
    onPartial();
  }, [partial]);

  const visible = range?.time;
  return (
    <div className="price-chart">
      <ChartControls
        symbols={run.symbols}
        timeframes={run.timeframes}
        symbol={symbol}
        timeframe={timeframe}
        specs={specs}
        active={active}
        follow={link.follow}
        onSymbol={setSymbol}
        onTimeframe={setTimeframe}
        onToggle={(s) => setActive((a) => (a.includes(s) ? a.filter((x) => x !== s) : [...a, s]))}
        onAdd={(s) => {
          if (!specs.some((x) => sameSpec(x, s))) setSpecs((l) => [...l, s]);
          setActive((a) => (a.some((x) => sameSpec(x, s)) ? a : [...a, s]));
        }}
        onFollow={link.setFollow}
      />
      {(data.error || cache.errors.length > 0) && (
        <p className="neg" role="alert">
          {[data.error, ...cache.errors].filter(Boolean).join('; ')}
        </p>
      )}
      <div
        ref={setEl}
        className="price-chart-canvas"
        role="img"
        aria-label={`Price chart ${symbol} ${timeframe}, ${cache.rows.length} bars loaded`}
        data-testid="price-chart"
        data-bars={cache.rows.length}
        data-visible-from={visible?.from}
        data-visible-to={visible?.to}
      />
      {!data.loading && cache.rows.length === 0 && (
        <p className="muted">
          No bars for {symbol} {timeframe} in this run.
        </p>
      )}
      <MarkerList trades={shown} selected={selectedTrade?.id ?? null} />
    </div>
  );
}
