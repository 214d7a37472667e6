/**
 * Keyboard shortcuts of the shell. One table drives both the handler and the `?` help overlay.
 * Off while typing in a field or while a modal dialog is open.
 */
import { useEffect } from 'react';
import { errorText } from '../api/index.ts';
import { useNav, type Screen } from '../store/nav.ts';
import { useRuns } from '../store/runs.ts';
import { notify, useUi } from '../store/ui.ts';

export interface Shortcut {
  /** KeyboardEvent.key values (letters compared case-insensitively). */
  keys: string[];
  /** As the help shows it. */
  label: string;
  what: string;
  run(): void | Promise<void>;
}

const goTo = (screen: Screen) => () => useNav.getState().go(screen);

function currentRun() {
  const runId = useNav.getState().currentRunId;
  if (!runId) {
    notify('No run selected: open one from Runs (G)');
    return null;
  }
  const run = useRuns.getState().runs.find((r) => r.id === runId);
  if (!run) {
    notify(`Run ${runId} is not in the run list`);
    return null;
  }
  return run;
}

export async function togglePauseCurrentRun(): Promise<void> {
  const run = currentRun();
  if (!run) return;
  const runs = useRuns.getState();
  try {
    if (run.status === 'running') {
      notify(`Pausing ${run.id}: checkpointing…`);
      await runs.pause(run.id);
    } else if (run.status === 'paused' || run.status === 'interrupted') {
      const runId = await runs.resume(run.id);
      notify(`Resumed ${runId}`, 'success');
      useNav.getState().go('run', { runId });
    } else {
      notify(`${run.id} is ${run.status}: nothing to pause or resume`);
    }
  } catch (err) {
    notify(errorText(err), 'error');
  }
}

export async function checkpointCurrentRun(): Promise<void> {
  const run = currentRun();
  if (!run) return;
  if (run.status !== 'running') {
    notify(`${run.id} is ${run.status}: only a running run can be checkpointed`);
    return;
  }
  try {
    await useRuns.getState().checkpointNow(run.id);
    notify(`Checkpoint requested for ${run.id}`);
  } catch (err) {
    notify(errorText(err), 'error');
  }
}

export const SHORTCUTS: readonly Shortcut[] = [
  {
    keys: [' '],
    label: 'Space',
    what: 'Pause / resume the current run',
    run: togglePauseCurrentRun,
  },
  { keys: ['c'], label: 'C', what: 'Checkpoint the current run now', run: checkpointCurrentRun },
  { keys: ['g'], label: 'G', what: 'Go to Runs', run: goTo('runs') },
  { keys: ['d'], label: 'D', what: 'Go to Data', run: goTo('data') },
  { keys: ['n'], label: 'N', what: 'New backtest', run: goTo('new') },
  { keys: ['o'], label: 'O', what: 'Optimise: parameter sweeps', run: goTo('optimise') },
  { keys: ['r'], label: 'R', what: 'Current run: live view', run: goTo('run') },
  { keys: ['k'], label: 'K', what: 'Current run: checkpoints', run: goTo('checkpoints') },
  { keys: ['e'], label: 'E', what: 'Current run: results', run: goTo('results') },
  { keys: ['s'], label: 'S', what: 'Settings: checkpoint budget', run: goTo('settings') },
  {
    keys: ['?'],
    label: '?',
    what: 'Show this help',
    run: () => useUi.getState().setHelpOpen(true),
  },
];

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

export function handleShortcut(e: KeyboardEvent): void {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
  if (isTyping(e.target)) return;
  if (document.querySelector('[aria-modal="true"]')) return;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  const shortcut = SHORTCUTS.find((s) => s.keys.includes(key));
  if (!shortcut) return;
  // Space would also press a focused button or scroll; the shortcut owns it (Enter still presses).
  e.preventDefault();
  if (e.repeat) return;
  void shortcut.run();
}

/** Installs the shortcuts on the document for as long as the calling component is mounted. */
export function useShortcuts(): void {
  useEffect(() => {
    document.addEventListener('keydown', handleShortcut);
    return () => document.removeEventListener('keydown', handleShortcut);
  }, []);
}
