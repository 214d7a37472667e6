/**
 * The seam between the price chart's data flow and the canvas library: the component hands a
 * `CanvasView` (plain data) to a `ChartCanvas`. The real one draws with lightweight-charts
 * (lw-canvas.ts); renderer tests, where there is no canvas, inject a recording fake.
 */
import type { ChartCandle } from '../../../../shared/charts.ts';
import type { IndicatorLine } from './indicator-series.ts';
import type { Palette } from './palette.ts';
import type { SegmentPoint, TradeMarker } from './trade-overlays.ts';

export interface CanvasView {
  bars: ChartCandle[];
  lines: IndicatorLine[];
  markers: TradeMarker[];
  stopLoss: SegmentPoint[];
  takeProfit: SegmentPoint[];
  /** The selected trade: its markers stand out and its SL/TP become price lines. */
  selected: { tradeId: number; stopLoss: number | null; takeProfit: number | null } | null;
}

/** Visible range in bar indices (logical) and in time (ms), as the chart reports it. */
export interface VisibleRange {
  logical: { from: number; to: number };
  time: { from: number; to: number } | null;
}

export interface ChartCanvas {
  draw(view: CanvasView, palette: Palette): void;
  /** The bar being built (live): replaces the last bar or appends one. */
  updateBar(bar: ChartCandle): void;
  /** Scrolls/zooms so [from, to] (ms) is in view. */
  showRange(from: number, to: number): void;
  onRange(listener: (range: VisibleRange) => void): void;
  remove(): void;
}

export type CanvasFactory = (el: HTMLElement) => ChartCanvas;
