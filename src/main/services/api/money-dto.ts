/** A run's broker settings as the app shows them (RunInfo.money). */
import type { RunMoneyDto } from '../../../shared/dto.ts';
import type { QuoteConversion, RunConfig } from '../runs/run-config.ts';

/** How a quote converts, in words: 'same', 'USDJPY (inverted)', 'JPYUSD', 'fixed 0.0067'. */
export function conversionText(c: QuoteConversion): string {
  switch (c.kind) {
    case 'same':
      return 'same';
    case 'pair':
      return c.invert ? `${c.pair} (inverted)` : c.pair;
    case 'fixed':
      return `fixed ${c.rate}`;
  }
}

/** null for a run of an older version: it has no broker settings (quote-currency money). */
export function toRunMoney(c: RunConfig): RunMoneyDto | null {
  const m = c.money;
  if (!m) return null;
  return {
    currency: m.currency,
    leverage: m.leverage,
    stopOutPct: m.stopOutPct,
    rolloverMinutes: m.rolloverMinutes,
    specs: m.specs.map((spec, i) => ({ ...spec, symbol: c.symbols[i] })),
    conversions: m.conversions.map(conversionText),
  };
}
