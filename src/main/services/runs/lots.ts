import type { RunConfig } from './run-config.ts';

/**
 * Units → lots for a run's symbols: units / the contract size of the spec the run recorded, or
 * / account.lotSize for a run of an older version, whose lot was the same for every symbol.
 * Sizes are units wherever they are stored; lots are what people read.
 */
export function lotsIn(config: RunConfig): (symbol: string, units: number) => number {
  const perLot = new Map(
    config.symbols.map((symbol, i) => [
      symbol,
      config.money?.specs[i]?.contractSize ?? config.account.lotSize,
    ]),
  );
  return (symbol, units) => units / (perLot.get(symbol) ?? config.account.lotSize);
}
