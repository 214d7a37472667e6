import { describe, expect, it } from 'vitest';
import { BUILTIN_STRATEGIES } from '../../src/main/engine/strategy/builtin/index.ts';
import { humaniseParamName, paramLabel, paramsSummary } from '../../src/shared/param-label.ts';

describe('param labels', () => {
  it.each([
    ['stopLossPips', 'Stop loss (pips)'],
    ['takeProfitPips', 'Take profit (pips)'],
    ['maType', 'MA type'],
    ['atrMult', 'ATR mult'],
    ['RSIPeriod', 'RSI period'],
    ['trend_timeframe', 'Trend timeframe'],
    ['riskPct', 'Risk (%)'],
    ['lots', 'Lots'],
    ['fast', 'Fast'],
    ['x', 'X'],
  ])('humanises %s as "%s"', (name, label) => {
    expect(humaniseParamName(name)).toBe(label);
  });

  it("prefers the schema's label, falls back to the humanised name", () => {
    const specs = [
      { name: 'fast', type: 'integer' as const, default: 10, description: '', label: 'Fast MA' },
      { name: 'slow', type: 'integer' as const, default: 30, description: '' },
    ];
    expect(paramLabel('fast', specs)).toBe('Fast MA');
    expect(paramLabel('slow', specs)).toBe('Slow');
    expect(paramLabel('stopLossPips', null)).toBe('Stop loss (pips)');
    expect(paramsSummary({ fast: 5, slow: 20, useTrend: true }, specs)).toBe(
      'Fast MA 5 · Slow 20 · Use trend true',
    );
  });

  it('every builtin param has a label, and no two params of a strategy share one', () => {
    for (const s of BUILTIN_STRATEGIES) {
      const labels = s.params.map((p) => p.label ?? '');
      expect(
        labels.filter((l) => l === ''),
        s.name,
      ).toEqual([]);
      expect(new Set(labels).size, s.name).toBe(labels.length);
    }
    const ma = BUILTIN_STRATEGIES.find((s) => s.name === 'ma-cross')!;
    expect(paramLabel('stopLossPips', ma.params)).toBe('Stop loss (pips)');
    expect(paramLabel('lots', ma.params)).toBe('Size (lots)');
  });
});
