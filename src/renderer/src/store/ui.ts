/** App-wide bits: who the backend is (app:info), toasts, the help overlay. */
import { create } from 'zustand';
import type { AppInfo } from '../../../shared/dto.ts';
import { api, errorText } from '../api/index.ts';

export type ToastKind = 'info' | 'success' | 'error';
export interface Toast {
  id: number;
  kind: ToastKind;
  text: string;
}

export interface UiState {
  info: AppInfo | null;
  infoError: string | null;
  toasts: Toast[];
  helpOpen: boolean;
  loadInfo(): Promise<void>;
  notify(text: string, kind?: ToastKind): void;
  dismiss(id: number): void;
  setHelpOpen(open: boolean): void;
}

/** Info and success toasts fade; errors stay until dismissed. */
const TOAST_MS = 5000;
let nextToastId = 1;

export const initialUi = {
  info: null as AppInfo | null,
  infoError: null as string | null,
  toasts: [] as Toast[],
  helpOpen: false,
};

export const useUi = create<UiState>()((set, get) => ({
  ...initialUi,
  async loadInfo() {
    try {
      set({ info: await api.invoke('app:info'), infoError: null });
    } catch (err) {
      set({ infoError: errorText(err) });
    }
  },
  notify(text, kind = 'info') {
    const id = nextToastId++;
    set((s) => ({ toasts: [...s.toasts.slice(-4), { id, kind, text }] }));
    if (kind !== 'error') setTimeout(() => get().dismiss(id), TOAST_MS);
  },
  dismiss(id) {
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  },
  setHelpOpen(open) {
    set({ helpOpen: open });
  },
}));

/** Shows a toast from anywhere (other screens too). */
export function notify(text: string, kind: ToastKind = 'info'): void {
  useUi.getState().notify(text, kind);
}
