// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { DefaultTooltipContent } from 'recharts';
import { afterEach, describe, expect, it } from 'vitest';
import type { EquityPoint } from '../../../src/shared/dto.ts';
import { ResultCharts } from '../../../src/renderer/src/screens/results/ResultCharts.tsx';
import { EquityChart } from '../../../src/renderer/src/screens/run/EquityChart.tsx';
import * as chart from '../../../src/renderer/src/screens/run/chart-parts.ts';
import { money } from '../../../src/renderer/src/screens/run/format.ts';

afterEach(cleanup);

const T0 = Date.UTC(2024, 0, 2);

/** An equity curve through `values`, drawdown under the running peak as the engine stores it. */
function curve(values: number[]): EquityPoint[] {
  let peak = -Infinity;
  return values.map((equity, i) => {
    peak = Math.max(peak, equity);
    return {
      time: T0 + i * 3_600_000,
      equity,
      balance: equity,
      drawdown: peak - equity,
      drawdownPct: ((peak - equity) / peak) * 100,
      margin: 0,
      marginLevel: null,
    };
  });
}

const strokeOf = (container: HTMLElement, selector: string) =>
  container.querySelector(selector)?.getAttribute('stroke');

describe('equity charts', () => {
  it('colour the equity by the sign of the result: green at or above the start, red below', () => {
    const win = render(<ResultCharts equity={curve([10_000, 9_000, 10_500])} />);
    expect(strokeOf(win.container, '.recharts-area-curve')).toBe('var(--ok)');
    cleanup();
    const loss = render(<ResultCharts equity={curve([10_000, 10_800, 9_100])} />);
    expect(strokeOf(loss.container, '.recharts-area-curve')).toBe('var(--danger)');
    cleanup();
    const live = render(<EquityChart data={curve([10_000, 9_990])} empty="none" />);
    const lines = [...live.container.querySelectorAll('.recharts-line-curve')];
    expect(lines.map((l) => l.getAttribute('stroke'))).toContain('var(--danger)');
  });

  it('name the dashed balance line in a legend', () => {
    render(<ResultCharts equity={curve([10_000, 10_200])} />);
    const legend = screen.getByRole('list', { name: 'Legend' });
    const items = within(legend).getAllByRole('listitem');
    expect(items.map((i) => i.textContent)).toEqual(['Equity', 'Balance']);
    const sample = (i: number) => items[i]!.querySelector('line')!;
    expect(sample(1).getAttribute('stroke-dasharray')).toBe(chart.BALANCE_LINE.strokeDasharray);
    expect(sample(1).getAttribute('stroke')).toBe(chart.BALANCE_LINE.stroke);
    expect(sample(0).getAttribute('stroke-dasharray')).toBeNull();
    expect(sample(0).getAttribute('stroke')).toBe('var(--ok)');
  });

  it('write tooltip rows as "Balance: 4,592.00", without the stray space', () => {
    const props = chart.tooltipProps(money);
    const { container } = render(
      <DefaultTooltipContent
        {...props}
        label={T0}
        payload={[{ name: 'Balance', value: 4592, dataKey: 'balance', graphicalItemId: 'balance' }]}
      />,
    );
    const item = container.querySelector('.recharts-tooltip-item')!;
    expect(item.textContent).toBe('Balance: 4,592.00');
    expect(container.textContent).toContain('2024-01-02 00:00:00');
  });

  it('label every drawdown tick, evenly stepped and distinct', () => {
    // Deepest drawdown 12 % (10,000 → 8,800): ticks 0, -5, -10, -15 %.
    render(<ResultCharts equity={curve([10_000, 8_800, 9_500])} />);
    const dd = screen.getByRole('img', { name: 'Drawdown chart' });
    const labels = [
      ...dd.querySelectorAll('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value'),
    ];
    expect(labels.map((l) => l.textContent)).toEqual(['-15%', '-10%', '-5%', '0%']);
  });
});
