/**
 * Loads the price chart's bars by window through `charts:bars`: the newest page first (or the
 * page around a trade), then the next page toward whichever end the user scrolls near, merged into
 * a bounded cache. One request at a time, each with an id: an answer that is no longer the newest
 * request's (the symbol changed, a trade was clicked meanwhile) is dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChartBarsArgs } from '../../../../shared/charts.ts';
import { api, errorText } from '../../api/index.ts';
import { EMPTY_CACHE, mergeWindow, type ChartCache } from './chart-rows.ts';
import {
  newestWindow,
  requestGate,
  windowAfter,
  windowAround,
  windowBefore,
  type Window,
} from './range-math.ts';

export interface PriceDataKey {
  runId: string;
  symbol: string;
  timeframe: string;
  indicators: string[];
}

export interface PriceData {
  cache: ChartCache;
  loading: boolean;
  error: string | null;
  /** Loads the next page before or after the loaded bars (no-op while a request is out). */
  loadEdge(edge: 'before' | 'after'): void;
  /** Shows the page around [start, end] unless it is loaded already; resolves when it is. */
  loadAround(start: number, end: number): void;
  /** Fetches the newest bars again from the last loaded one (a live run closed a bar). */
  refreshTail(): void;
}

export function usePriceData(key: PriceDataKey): PriceData {
  const { runId, symbol, timeframe } = key;
  const indicators = key.indicators.join('\n');
  // The cache belongs to one series: another key's bars are never shown, even for a frame.
  const series = `${runId}|${symbol}|${timeframe}|${indicators}`;
  const [stored, setStored] = useState({ series, cache: EMPTY_CACHE });
  const cache = stored.series === series ? stored.cache : EMPTY_CACHE;
  const [error, setError] = useState<string | null>(null);
  const gate = useRef(requestGate());
  const pending = useRef(false);
  const cacheRef = useRef(cache);
  useEffect(() => {
    cacheRef.current = cache;
  }, [cache]);

  const request = useCallback(
    (win: Window, mode: 'merge' | 'replace', near: number | null) => {
      const id = gate.current.next();
      pending.current = true;
      const args = {
        runId,
        symbol,
        // RunInfo lists the run's timeframes as strings; the backend validates them anyway.
        timeframe: timeframe as ChartBarsArgs['timeframe'],
        ...win,
        indicators: indicators ? indicators.split('\n') : [],
      };
      api
        .invoke('charts:bars', args)
        .then((data) => {
          if (!gate.current.isCurrent(id)) return;
          pending.current = false;
          setError(null);
          const keep = near ?? data.bars[data.bars.length - 1]?.time ?? 0;
          setStored((s) => {
            const base = mode === 'replace' || s.series !== series ? EMPTY_CACHE : s.cache;
            return { series, cache: mergeWindow(base, data, keep) };
          });
        })
        // .catch after .then, not its second argument: an answer that cannot be drawn (a broken
        // host) is an error on the chart, never an unhandled rejection.
        .catch((e: unknown) => {
          if (!gate.current.isCurrent(id)) return;
          pending.current = false;
          setError(errorText(e));
        });
    },
    [runId, symbol, timeframe, indicators, series],
  );

  // A new series (or indicator set): start over from the newest page.
  useEffect(() => {
    cacheRef.current = EMPTY_CACHE;
    request(newestWindow(), 'replace', null);
    const g = gate.current;
    return () => g.invalidate();
  }, [request]);

  const loadEdge = useCallback(
    (edge: 'before' | 'after') => {
      const rows = cacheRef.current.rows;
      if (pending.current || rows.length === 0) return;
      if (edge === 'before') request(windowBefore(rows[0].bar.time), 'merge', rows[0].bar.time);
      else {
        const last = rows[rows.length - 1].bar.time;
        request(windowAfter(last), 'merge', last);
      }
    },
    [request],
  );

  const loadAround = useCallback(
    (start: number, end: number) => {
      const rows = cacheRef.current.rows;
      const first = rows[0]?.bar.time;
      const last = rows[rows.length - 1]?.bar.time;
      if (first !== undefined && last !== undefined && start >= first && end <= last) return;
      request(windowAround(start, end, timeframe), 'replace', start);
    },
    [request, timeframe],
  );

  const refreshTail = useCallback(() => {
    const rows = cacheRef.current.rows;
    if (pending.current) return;
    if (rows.length === 0) request(newestWindow(), 'replace', null);
    else request(windowAfter(rows[rows.length - 1].bar.time - 1), 'merge', null);
  }, [request]);

  // Loading until the first answer for this series arrived (later pages load behind the view).
  const loading = stored.series !== series && error === null;
  return { cache, loading, error, loadEdge, loadAround, refreshTail };
}
