/**
 * The MoneyConfig of a run stored before issue 12 (no `money` in its config), so that it keeps
 * the old rules exactly: every symbol's P&L stays in its own quote currency (the portfolio uses
 * rate 1 for such a run), a lot is `lotSize` units for every symbol, there are no swaps and
 * leverage is unlimited (no margin, no refusal, no stop-out).
 *
 * The pip is the one the built-in strategies used before specs existed (0.01 when the name
 * contains JPY, else 0.0001), not the spec default: their stops in pips, and so their trades,
 * must come out as they did when the run began.
 */
import { defaultSymbolSpec } from '../../../shared/symbol-spec.ts';
import type { MoneyConfig, SymbolSpec } from './types.ts';

export function legacyMoney(symbols: readonly string[], lotSize: number): MoneyConfig {
  const specs = symbols.map((name): SymbolSpec => {
    const spec = defaultSymbolSpec(name);
    const jpy = name.toUpperCase().includes('JPY');
    return {
      ...spec,
      pipSize: jpy ? 0.01 : 0.0001,
      contractSize: lotSize,
      swapLong: 0,
      swapShort: 0,
    };
  });
  return {
    currency: specs[0].quote,
    specs,
    leverage: null,
    stopOutPct: 0,
    rolloverMinutes: 22 * 60,
  };
}
