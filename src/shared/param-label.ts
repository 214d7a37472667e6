/**
 * What a trader reads for a strategy parameter: the schema's `label` when the strategy gives one
 * ("Stop loss (pips)"), else the name made human — camelCase split into words, indicator
 * abbreviations in capitals, a known unit suffix as a unit ("stopLossPips" → "Stop loss (pips)").
 * Used by every screen that shows params and by the CLI, so one param reads the same everywhere.
 */
import type { ParamSpecDto } from './dto.ts';

/** A trailing word that is a unit, and how it is written after the label. */
const UNITS: Record<string, string> = {
  pips: 'pips',
  points: 'points',
  pct: '%',
  percent: '%',
  ms: 'ms',
  secs: 's',
  seconds: 's',
  bars: 'bars',
  lots: 'lots',
};

/** Words written in capitals: indicator and order abbreviations traders know. */
const ACRONYMS = new Set([
  'ma',
  'ema',
  'sma',
  'wma',
  'atr',
  'rsi',
  'adx',
  'macd',
  'sar',
  'sl',
  'tp',
  'id',
  'utc',
]);

/** 'stopLossPips' → ['stop', 'loss', 'pips']; 'RSIPeriod' → ['rsi', 'period']; 'ma_type' too. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter((w) => w !== '')
    .map((w) => w.toLowerCase());
}

/** The humanised name: "Stop loss (pips)", "MA type", "ATR mult", "Lots". */
export function humaniseParamName(name: string): string {
  const parts = words(name);
  if (parts.length === 0) return name;
  const last = parts[parts.length - 1]!;
  // A unit alone ("lots", "bars") is the label itself, not a unit of nothing.
  const unit = parts.length > 1 ? UNITS[last] : undefined;
  const body = unit ? parts.slice(0, -1) : parts;
  const text = body
    .map((w, i) => {
      if (ACRONYMS.has(w)) return w.toUpperCase();
      return i === 0 ? w.charAt(0).toUpperCase() + w.slice(1) : w;
    })
    .join(' ');
  return unit ? `${text} (${unit})` : text;
}

/** The label of a param: its spec's label, else its humanised name. */
export function paramLabel(name: string, specs?: readonly ParamSpecDto[] | null): string {
  const label = specs?.find((s) => s.name === name)?.label;
  return label && label.trim() !== '' ? label : humaniseParamName(name);
}

/** 'Fast MA period 10 · Stop loss (pips) 20': a run's params in one line of text. */
export function paramsSummary(
  params: Readonly<Record<string, number | boolean | string>>,
  specs?: readonly ParamSpecDto[] | null,
): string {
  return Object.entries(params)
    .map(([name, value]) => `${paramLabel(name, specs)} ${String(value)}`)
    .join(' · ');
}
