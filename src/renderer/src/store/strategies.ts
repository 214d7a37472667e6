/**
 * The strategies' param schemas, loaded once for the screens that show a run's params by name
 * (Results, Run, Runs, Compare, Optimise), so they write each param with the label its schema
 * gives. Until the list arrives — or when it cannot be loaded — labels fall back to the
 * humanised name (shared/param-label.ts); a failed load is not an error worth a banner there.
 */
import { useCallback, useEffect } from 'react';
import { create } from 'zustand';
import type { ParamSpecDto } from '../../../shared/dto.ts';
import { paramLabel, paramsSummary } from '../../../shared/param-label.ts';
import { api } from '../api/index.ts';

interface StrategiesState {
  /** Param schemas by strategy name; null until loaded. */
  specs: ReadonlyMap<string, readonly ParamSpecDto[]> | null;
  loading: boolean;
  load(): Promise<void>;
}

export const initialStrategies = { specs: null, loading: false };

export const useStrategies = create<StrategiesState>()((set, get) => ({
  ...initialStrategies,
  async load() {
    if (get().specs || get().loading) return;
    set({ loading: true });
    try {
      const list = await api.invoke('strategies:list');
      set({ specs: new Map(list.strategies.map((s) => [s.name, s.params])), loading: false });
    } catch {
      // Humanised names stand in; the next screen that asks tries again.
      set({ loading: false });
    }
  },
}));

/** The param schemas of `strategy` (loading the list on first use); null until known. */
export function useParamSpecs(strategy: string | null | undefined): readonly ParamSpecDto[] | null {
  const specs = useStrategies((s) => (strategy ? (s.specs?.get(strategy) ?? null) : null));
  useEffect(() => {
    if (strategy) void useStrategies.getState().load();
  }, [strategy]);
  return specs;
}

/** A run's strategy params as one line with labels: 'Fast MA period 10 · Stop loss (pips) 20'. */
export function useParamsSummary(
  strategy: { name: string; params: Record<string, number | boolean | string> } | null | undefined,
): string {
  const specs = useParamSpecs(strategy?.name);
  return strategy ? paramsSummary(strategy.params, specs) : '';
}

/** A labeller for the params of `strategy`; the same function until the schemas arrive. */
export function useParamLabel(strategy: string | null | undefined): (name: string) => string {
  const specs = useParamSpecs(strategy);
  return useCallback((name: string) => paramLabel(name, specs), [specs]);
}
