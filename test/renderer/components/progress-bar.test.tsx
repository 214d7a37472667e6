// @vitest-environment happy-dom
/**
 * The progress bar's painted width and its printed percentage must be one value: the import bar
 * once stood at ~58 % while its label said 100 % (a CSS width transition lagged the label; the
 * stylesheet side is checked by test/web/progress-style.test.ts).
 */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ProgressBar } from '../../../src/renderer/src/components/ProgressBar.tsx';

afterEach(cleanup);

function widthAndLabel(): { width: number; label: string; now: string | null } {
  const bar = screen.getByRole('progressbar', { name: 'Work' });
  const fill = bar.querySelector<HTMLElement>('.progress-fill')!;
  const label = bar.parentElement!.querySelector('.progress-text')!.textContent!;
  return { width: parseFloat(fill.style.width), label, now: bar.getAttribute('aria-valuenow') };
}

describe('ProgressBar', () => {
  it.each([0, 12.5, 33.3, 58, 99.9, 100])('at %s %% the fill and the label agree', (pct) => {
    render(<ProgressBar pct={pct} label="Work" />);
    const { width, label, now } = widthAndLabel();
    expect(width).toBe(pct);
    expect(label).toBe(`${pct.toFixed(1)}%`);
    expect(Number(now)).toBe(pct);
  });

  it('clamps both the fill and the label past the ends', () => {
    const { rerender } = render(<ProgressBar pct={140} label="Work" />);
    expect(widthAndLabel()).toMatchObject({ width: 100, label: '100.0%' });
    rerender(<ProgressBar pct={-3} label="Work" />);
    expect(widthAndLabel()).toMatchObject({ width: 0, label: '0.0%' });
  });
});
