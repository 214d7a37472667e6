/**
 * The number of jobs a spec implies, from `sweeps:plan`, as the form is edited: asked ~300 ms
 * after the last change (not on every keystroke: the backend checks the spec against the
 * strategy and the data), and only the answer to the newest spec is kept.
 */
import { useEffect, useState } from 'react';
import { api, errorText } from '../../api/index.ts';
import type { SweepSpecArgs } from './sweep-form.ts';

export const PLAN_DEBOUNCE_MS = 300;

export type PlanState =
  | { state: 'idle' }
  | { state: 'asking' }
  | { state: 'ok'; jobs: number; windows: number }
  | { state: 'error'; error: string };

export function usePlan(spec: SweepSpecArgs | null): PlanState {
  // The spec is rebuilt on every render: compare by content, not identity.
  const key = spec ? JSON.stringify(spec) : '';
  // The answer and the spec it answers: an answer to an older spec reads as still asking.
  const [answer, setAnswer] = useState<{ key: string; plan: PlanState } | null>(null);

  useEffect(() => {
    if (!key) return;
    let current = true;
    const timer = setTimeout(() => {
      const settle = (plan: PlanState) => current && setAnswer({ key, plan });
      api
        .invoke('sweeps:plan', { spec: JSON.parse(key) as SweepSpecArgs })
        .then((r) =>
          settle(
            r.error
              ? { state: 'error', error: r.error }
              : { state: 'ok', jobs: r.jobs, windows: r.windows },
          ),
        )
        .catch((err: unknown) => settle({ state: 'error', error: errorText(err) }));
    }, PLAN_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key]);

  if (!key) return { state: 'idle' };
  return answer?.key === key ? answer.plan : { state: 'asking' };
}
