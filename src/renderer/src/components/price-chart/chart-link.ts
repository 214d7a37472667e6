/**
 * What the price chart shares with its neighbours on a screen: the time range it shows (the
 * equity chart follows it while `follow` is on) and the trade the user picked in the trades table
 * (the chart centres on it and highlights it). A tiny zustand slice, reset when a screen opens.
 */
import { create } from 'zustand';

export interface ChartLink {
  /** Visible time range of the price chart (ms UTC), null before it has drawn. */
  visible: { from: number; to: number } | null;
  /** Whether the equity chart shows only the price chart's visible range. */
  follow: boolean;
  /** The trade to centre on; `nonce` changes on every click so a second click centres again. */
  focus: { tradeId: number; nonce: number } | null;
  setVisible(v: { from: number; to: number } | null): void;
  setFollow(on: boolean): void;
  focusTrade(tradeId: number): void;
  reset(): void;
}

let nonce = 0;

export const useChartLink = create<ChartLink>()((set) => ({
  visible: null,
  follow: true,
  focus: null,
  setVisible: (visible) => set({ visible }),
  setFollow: (follow) => set({ follow }),
  focusTrade: (tradeId) => set({ focus: { tradeId, nonce: ++nonce } }),
  reset: () => set({ visible: null, focus: null }),
}));

/** The samples inside the linked range (all of them when not following or nothing is shown). */
export function followRange<T extends { time: number }>(
  data: T[],
  visible: { from: number; to: number } | null,
  follow: boolean,
): T[] {
  if (!follow || !visible) return data;
  const inside = data.filter((p) => p.time >= visible.from && p.time <= visible.to);
  // Fewer than two points draw nothing useful: show the whole curve rather than a blank chart.
  return inside.length >= 2 ? inside : data;
}
