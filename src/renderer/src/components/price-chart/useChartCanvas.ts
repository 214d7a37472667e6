/**
 * Mounts a ChartCanvas on the container for the component's lifetime and reports its visible
 * range, debounced (a drag fires dozens of range events a second; loading reacts to where the
 * user stops). The canvas is created in an effect so a test can inject a fake factory; `onReady`
 * lets the owner draw what it already has at once.
 */
import { useEffect, useEffectEvent, useRef, type RefObject } from 'react';
import type { CanvasFactory, ChartCanvas, VisibleRange } from './canvas-types.ts';

const RANGE_DEBOUNCE_MS = 120;

export function useChartCanvas(
  el: HTMLElement | null,
  factory: CanvasFactory,
  onRange: (range: VisibleRange) => void,
  onReady: (canvas: ChartCanvas) => void,
): RefObject<ChartCanvas | null> {
  const canvas = useRef<ChartCanvas | null>(null);
  const rangeChanged = useEffectEvent(onRange);
  const ready = useEffectEvent(onReady);

  useEffect(() => {
    if (!el) return;
    const c = factory(el);
    let timer: ReturnType<typeof setTimeout> | null = null;
    c.onRange((range) => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => rangeChanged(range), RANGE_DEBOUNCE_MS);
    });
    canvas.current = c;
    ready(c);
    return () => {
      if (timer) clearTimeout(timer);
      canvas.current = null;
      c.remove();
    };
  }, [el, factory]);

  return canvas;
}
