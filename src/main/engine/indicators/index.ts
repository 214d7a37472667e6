/**
 * Incremental technical indicators, one instance per (symbol, timeframe, spec).
 *
 *   const ind = createIndicator('bbands(20,2)');   // or parseIndicatorList('ema(20),rsi,bbands(20,2)')
 *   ind.update(closedBar);                          // once per closed bar
 *   ind.read(row, offset);                          // ind.columns.length values, NaN before warm-up
 *   ind.preview(partialBar, row, offset);           // as if the partial bar closed now, no state change
 *   const s = ind.snapshot(); other.restore(s);     // plain data, bit-exact
 *
 * TA-Lib indicators match TA-Lib 0.6 (default compatibility, unstable period 0) to the bit on the
 * reference vectors in test/fixtures/talib; Keltner, Donchian and VWAP are defined in their files.
 */
export type {
  Indicator,
  IndicatorBar,
  IndicatorSnapshot,
  PlainObject,
  PlainValue,
} from './types.ts';
export {
  createIndicator,
  parseIndicatorList,
  canonicalSpec,
  indicatorCatalog,
  IndicatorSpecError,
  type IndicatorDefinition,
  type IndicatorParam,
} from './registry.ts';
export { IndicatorStateError } from './core/state.ts';
