/**
 * The data sets and the strategy a backtest form (New backtest, Optimise) is about: loads the
 * data sets and the strategy list, and follows the user's picks — untouched, the first data set
 * and the first strategy; a pick that disappears (a data set deleted) drops out.
 */
import { useEffect, useState } from 'react';
import type { StrategyList } from '../../../../shared/dto.ts';
import { api, errorText } from '../../api/index.ts';
import { useData } from '../../store/data.ts';

export function useStrategyChoice() {
  const dataSets = useData((s) => s.symbols);
  const [strategies, setStrategies] = useState<StrategyList | null>(null);
  const [strategiesError, setStrategiesError] = useState<string | null>(null);
  // null = untouched: the first data set / the first strategy until the user picks.
  const [chosenSymbols, setChosenSymbols] = useState<string[] | null>(null);
  const [chosenStrategy, setChosenStrategy] = useState<string | null>(null);

  useEffect(() => {
    void useData.getState().load();
    let cancelled = false;
    api
      .invoke('strategies:list')
      .then((list) => !cancelled && setStrategies(list))
      .catch((err: unknown) => !cancelled && setStrategiesError(errorText(err)));
    return () => {
      cancelled = true;
    };
  }, []);

  const symbols = (chosenSymbols ?? (dataSets[0] ? [dataSets[0].symbol] : [])).filter((s) =>
    dataSets.some((d) => d.symbol === s),
  );
  const strategy = chosenStrategy ?? strategies?.strategies[0]?.name ?? '';
  const info = strategies?.strategies.find((s) => s.name === strategy) ?? null;
  return {
    dataSets,
    strategies,
    strategiesError,
    symbols,
    setSymbols: setChosenSymbols,
    strategy,
    setStrategy: setChosenStrategy,
    /** The chosen strategy's entry; null without strategies (or none chosen). */
    info,
    specs: info?.params ?? [],
  };
}
