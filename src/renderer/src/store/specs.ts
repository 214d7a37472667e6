/**
 * Symbol specifications of the data folder (data:specs): what the Data screen shows next to each
 * data set and edits. Apart from the data sets' store so that screens listing symbols (New
 * backtest, Optimise) do not fetch specs they never show.
 */
import { create } from 'zustand';
import type { SymbolSpecDto } from '../../../shared/dto.ts';
import type { SymbolSpecPatch } from '../../../shared/symbol-spec-rules.ts';
import { api, errorText } from '../api/index.ts';

export interface SpecsState {
  specs: SymbolSpecDto[];
  error: string | null;
  load(): Promise<void>;
  /** data:setSpec; the answer replaces the symbol's spec. Throws the backend's error. */
  save(symbol: string, spec: SymbolSpecPatch): Promise<SymbolSpecDto>;
  /** data:resetSpec; the default replaces it. Throws the backend's error. */
  reset(symbol: string): Promise<SymbolSpecDto>;
}

export const initialSpecs = { specs: [] as SymbolSpecDto[], error: null as string | null };

function upsert(list: SymbolSpecDto[], s: SymbolSpecDto): SymbolSpecDto[] {
  return [...list.filter((x) => x.symbol !== s.symbol), s].sort((a, b) =>
    a.symbol.localeCompare(b.symbol),
  );
}

export const useSpecs = create<SpecsState>()((set) => ({
  ...initialSpecs,
  async load() {
    try {
      set({ specs: await api.invoke('data:specs'), error: null });
    } catch (err) {
      set({ error: errorText(err) });
    }
  },
  async save(symbol, spec) {
    const saved = await api.invoke('data:setSpec', { symbol, spec });
    set((s) => ({ specs: upsert(s.specs, saved) }));
    return saved;
  },
  async reset(symbol) {
    const dflt = await api.invoke('data:resetSpec', { symbol });
    set((s) => ({ specs: upsert(s.specs, dflt) }));
    return dflt;
  },
}));
