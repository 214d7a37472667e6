/**
 * Whether the backend is reachable, as the host reports it (api/index.ts onConnection). While
 * disconnected the shell shows a banner and live states read "unknown"; when the backend is back
 * `epoch` goes up — the shell remounts the current screen and the recovery prompts under that key,
 * so every view loads afresh — and the app-wide stores reload.
 */
import { create } from 'zustand';
import type { ConnectionEvent, ConnectionState } from '../../../shared/connection.ts';
import { onConnection } from '../api/index.ts';
import { useData } from './data.ts';
import { useRuns } from './runs.ts';
import { useUi } from './ui.ts';

export interface ConnectionStore {
  state: ConnectionState;
  /** When the current state began (ms since the epoch). */
  since: number;
  /** Reconnections so far: views keyed on it load afresh after each. */
  epoch: number;
  apply(event: ConnectionEvent): void;
}

export const initialConnection = { state: 'connected' as ConnectionState, since: 0, epoch: 0 };

export const useConnection = create<ConnectionStore>()((set, get) => ({
  ...initialConnection,
  apply(event) {
    const was = get().state;
    if (event.state === was) return;
    const back = event.state === 'connected';
    set((s) => ({ state: event.state, since: event.since, epoch: back ? s.epoch + 1 : s.epoch }));
    if (back) {
      void useUi.getState().loadInfo();
      void useRuns.getState().load();
      void useData.getState().load();
    }
  },
}));

/** Feeds the store from the host; call from the shell's effect, return value is its cleanup. */
export function connectConnection(): () => void {
  return onConnection((event) => useConnection.getState().apply(event));
}

/** True while the backend is unreachable: states it last reported may be stale. */
export const useDisconnected = (): boolean => useConnection((s) => s.state === 'disconnected');
