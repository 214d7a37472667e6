/**
 * The money settings of a run as short lines of text (CLI report, app Results and Run screens):
 * account currency, leverage, stop-out level, rollover time, and per symbol its quote conversion
 * and specification. A run of a version before issue 12 (money null) says it used the old rules.
 */
import type { RunMoneyDto } from './dto.ts';
import { WEEKDAYS } from './symbol-spec.ts';
import { formatLeverage, formatRollover, grouped } from './report-format.ts';

export const LEGACY_MONEY_TEXT =
  'No money settings recorded (a run of an earlier version): money in each symbol’s quote ' +
  'currency, no margin, no swaps.';

/** Label/value pairs of the account settings. */
export function accountSettings(money: RunMoneyDto): [string, string][] {
  return [
    ['Currency', money.currency],
    ['Leverage', formatLeverage(money.leverage)],
    ['Stop-out', money.leverage === null ? 'none (no margin)' : `${grouped(money.stopOutPct, 0)}%`],
    ['Rollover', formatRollover(money.rolloverMinutes)],
  ];
}

export interface SpecLine {
  symbol: string;
  conversion: string;
  digits: string;
  pip: string;
  contract: string;
  currencies: string;
  swap: string;
  tripleSwap: string;
  marginRate: string;
}

/** '-0.5 / 0.2 points' or '-3.00 / 1.00 USD': long / short per lot per night. */
function swapText(spec: RunMoneyDto['specs'][number], currency: string): string {
  if (spec.swapLong === 0 && spec.swapShort === 0) return 'none';
  const unit = spec.swapMode === 'points' ? 'points' : currency;
  const dp = spec.swapMode === 'points' ? 1 : 2;
  return `${grouped(spec.swapLong, dp)} / ${grouped(spec.swapShort, dp)} ${unit}`;
}

/** One line per symbol of the run, in its order. */
export function specLines(money: RunMoneyDto): SpecLine[] {
  return money.specs.map((s, i) => ({
    symbol: s.symbol,
    conversion: money.conversions[i] ?? '',
    digits: String(s.digits),
    pip: String(s.pipSize),
    contract: grouped(s.contractSize, 0),
    currencies: `${s.base}/${s.quote}`,
    swap: swapText(s, money.currency),
    tripleSwap: WEEKDAYS[s.tripleSwapDay] ?? String(s.tripleSwapDay),
    marginRate: String(s.marginRate),
  }));
}

/** Column titles for specLines, in the order of SpecLine's fields. */
export const SPEC_COLUMNS: [keyof SpecLine, string][] = [
  ['symbol', 'Symbol'],
  ['conversion', 'Conversion'],
  ['digits', 'Digits'],
  ['pip', 'Pip'],
  ['contract', 'Contract'],
  ['currencies', 'Base/quote'],
  ['swap', 'Swap long/short'],
  ['tripleSwap', 'Triple swap'],
  ['marginRate', 'Margin rate'],
];
