/**
 * The app's cluster settings as the forms need them: whether "Run on the cluster" can be offered
 * and where it would go. Read once when a form opens (settings change on the Settings screen,
 * which the user leaves to come back here); an error reads as not configured, with its text.
 */
import { useEffect, useState } from 'react';
import type { ClusterSettings } from '../../../shared/dto.ts';
import { api, errorText } from '../api/index.ts';

export type ClusterChoiceState =
  | { state: 'loading' }
  | { state: 'unset'; error: string | null }
  | { state: 'ready'; settings: ClusterSettings };

export function useClusterSettings(): ClusterChoiceState {
  const [state, setState] = useState<ClusterChoiceState>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    api
      .invoke('settings:cluster')
      .then((s) => {
        if (!live) return;
        const configured = s.redisUrl !== null && s.storeUrl !== null;
        setState(configured ? { state: 'ready', settings: s } : { state: 'unset', error: null });
      })
      .catch((err: unknown) => live && setState({ state: 'unset', error: errorText(err) }));
    return () => {
      live = false;
    };
  }, []);
  return state;
}
