/**
 * Which screen shows, and the run the run-scoped screens (Run, Checkpoints, Results) are about.
 * Any screen navigates with `useNav.getState().go('results', { runId })` or, in a component,
 * `const go = useNav((s) => s.go)`.
 */
import { create } from 'zustand';

export type Screen =
  'data' | 'new' | 'run' | 'checkpoints' | 'results' | 'runs' | 'settings' | 'optimise' | 'compare';
export interface NavParams {
  runId?: string;
  /** Optimise: the sweep shown (absent: the form and the list of sweeps). */
  sweepId?: string;
  /** Compare: the 2-4 runs side by side. */
  runIds?: string[];
}

export const RUN_SCREENS: readonly Screen[] = ['run', 'checkpoints', 'results'];
export const isRunScreen = (s: Screen): boolean => RUN_SCREENS.includes(s);

export interface NavState {
  screen: Screen;
  params: NavParams;
  /** The run last opened: the left nav keeps its Run / Checkpoints / Results entries. */
  currentRunId: string | null;
  /** A run screen without a runId opens the current run (or Runs when there is none). */
  go(screen: Screen, params?: NavParams): void;
  /** After a discard: drops the run from the nav (and leaves its screens). */
  forgetRun(runId: string): void;
}

export const initialNav = {
  screen: 'data' as Screen,
  params: {} as NavParams,
  currentRunId: null as string | null,
};

export const useNav = create<NavState>()((set) => ({
  ...initialNav,
  go: (screen, params = {}) =>
    set((s) => {
      const runId =
        params.runId ?? (isRunScreen(screen) ? (s.currentRunId ?? undefined) : undefined);
      if (isRunScreen(screen) && !runId) return { screen: 'runs', params: {} };
      return {
        screen,
        params: runId ? { ...params, runId } : { ...params },
        currentRunId: params.runId ?? s.currentRunId,
      };
    }),
  forgetRun: (runId) =>
    set((s) => {
      if (s.currentRunId !== runId && s.params.runId !== runId) return s;
      const leaving = isRunScreen(s.screen) && s.params.runId === runId;
      return {
        currentRunId: s.currentRunId === runId ? null : s.currentRunId,
        screen: leaving ? 'runs' : s.screen,
        params: leaving ? {} : s.params,
      };
    }),
}));
