/**
 * The screens' access to the backend: the shell's `api` (swappable for a fake in tests) and a hook
 * for pushed events that always calls the latest listener without resubscribing on each render.
 */
import { useEffect, useEffectEvent } from 'react';
import type { EventMap, EventName } from '../../../../shared/contract.ts';
import { api, errorText } from '../../api/index.ts';

export { api, errorText };

/** Subscribes to a backend event for the component's lifetime. */
export function useBackendEvent<E extends EventName>(
  event: E,
  listener: (payload: EventMap[E]) => void,
): void {
  const onEvent = useEffectEvent(listener);
  useEffect(() => api.on(event, (payload) => onEvent(payload)), [event]);
}
