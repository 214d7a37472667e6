/**
 * The chart's colours, read from the app's CSS variables so the canvas follows the theme (the
 * canvas cannot use CSS itself). Re-read when the theme changes: the root's attributes (a theme
 * toggle) or the system's prefers-color-scheme.
 */
import { useEffect, useState } from 'react';

export interface Palette {
  text: string;
  muted: string;
  grid: string;
  background: string;
  up: string;
  down: string;
  accent: string;
  /** Indicator lines, cycled. */
  lines: string[];
}

const FALLBACK: Palette = {
  text: '#d5dae1',
  muted: '#7b8594',
  grid: '#242b35',
  background: '#151a21',
  up: '#3fbf7f',
  down: '#f0565e',
  accent: '#3d9bff',
  lines: ['#3d9bff', '#e7b54a', '#c77dff', '#62afff', '#3fbf7f', '#f0565e'],
};

export function readPalette(el: Element): Palette {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  const accent = v('--accent', FALLBACK.accent);
  return {
    text: v('--text', FALLBACK.text),
    muted: v('--muted', FALLBACK.muted),
    grid: v('--border', FALLBACK.grid),
    background: v('--panel', FALLBACK.background),
    up: v('--ok', FALLBACK.up),
    down: v('--danger', FALLBACK.down),
    accent,
    lines: [
      accent,
      v('--warn', FALLBACK.lines[1]),
      v('--st-interrupted', FALLBACK.lines[2]),
      v('--accent-strong', FALLBACK.lines[3]),
      v('--ok', FALLBACK.lines[4]),
      v('--danger', FALLBACK.lines[5]),
    ],
  };
}

/** The palette of `el`'s theme, kept current while mounted. */
export function usePalette(el: HTMLElement | null): Palette {
  const [palette, setPalette] = useState<Palette>(FALLBACK);
  useEffect(() => {
    if (!el) return;
    const refresh = () => setPalette(readPalette(el));
    refresh();
    const observer = new MutationObserver(refresh);
    observer.observe(document.documentElement, { attributes: true });
    const media = window.matchMedia?.('(prefers-color-scheme: light)');
    media?.addEventListener?.('change', refresh);
    return () => {
      observer.disconnect();
      media?.removeEventListener?.('change', refresh);
    };
  }, [el]);
  return palette;
}
