/** Stored tick data sets (data:list) and the latest import progress. */
import { create } from 'zustand';
import type { ArgsOf } from '../../../shared/contract.ts';
import type { DataChange, ImportProgressEvent, SymbolSummary } from '../../../shared/dto.ts';
import { api, errorText } from '../api/index.ts';

export interface DataState {
  symbols: SymbolSummary[];
  loaded: boolean;
  error: string | null;
  importProgress: ImportProgressEvent | null;
  load(): Promise<void>;
  /** data:generate; the new summary replaces the symbol's row. Throws the backend's error. */
  generate(args: ArgsOf<'data:generate'>): Promise<DataChange>;
  /** data:import (the file is a path the backend can read). Throws the backend's error. */
  importFile(args: ArgsOf<'data:import'>): Promise<DataChange>;
  setImportProgress(p: ImportProgressEvent | null): void;
}

const bySymbol = (a: SymbolSummary, b: SymbolSummary) => a.symbol.localeCompare(b.symbol);

function upsert(list: SymbolSummary[], s: SymbolSummary): SymbolSummary[] {
  return [...list.filter((x) => x.symbol !== s.symbol), s].sort(bySymbol);
}

export const initialData = {
  symbols: [] as SymbolSummary[],
  loaded: false,
  error: null as string | null,
  importProgress: null as ImportProgressEvent | null,
};

export const useData = create<DataState>()((set) => ({
  ...initialData,
  async load() {
    try {
      const symbols = await api.invoke('data:list');
      set({ symbols: [...symbols].sort(bySymbol), loaded: true, error: null });
    } catch (err) {
      set({ loaded: true, error: errorText(err) });
    }
  },
  async generate(args) {
    const change = await api.invoke('data:generate', args);
    set((s) => ({ symbols: upsert(s.symbols, change.symbol) }));
    return change;
  },
  async importFile(args) {
    set({ importProgress: null });
    try {
      const change = await api.invoke('data:import', args);
      set((s) => ({ symbols: upsert(s.symbols, change.symbol) }));
      return change;
    } finally {
      set({ importProgress: null });
    }
  },
  setImportProgress(p) {
    set({ importProgress: p });
  },
}));
