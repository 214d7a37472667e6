/**
 * A block that gives its chart an explicit pixel width: the width of the block as a
 * ResizeObserver reports it, or a fallback until it does (happy-dom never lays out, and recharts'
 * ResponsiveContainer then measures 0 and warns). Charts get fixed sizes, never 0 or percentages.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';

const FALLBACK_WIDTH = 640;

export function ChartBox({
  height,
  label,
  role = 'img',
  children,
}: {
  height: number;
  /** Accessible name of the chart. */
  label: string;
  /** 'img' for a picture; 'group' when the chart holds controls (markers to click). */
  role?: 'img' | 'group';
  children: (width: number, height: number) => ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0]?.contentRect.width ?? 0);
      if (w > 0) setWidth(w);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return (
    <div ref={ref} className="bt-chart" style={{ height }} role={role} aria-label={label}>
      {children(width > 0 ? width : FALLBACK_WIDTH, height)}
    </div>
  );
}
