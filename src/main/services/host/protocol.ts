/**
 * Messages between the main thread (worker-backend.ts) and the backend's worker thread
 * (backend-worker.ts). Calls carry an id; the worker answers each with one result. Events flow
 * from the worker unasked. Everything is structured-cloned: plain data, errors as messages.
 */
import type { Channel, EventMap, EventName } from '../../../shared/contract.ts';

export interface BackendWorkerData {
  dataDir: string;
  host: 'electron' | 'web';
}

export type ToWorker =
  | { type: 'invoke'; id: number; channel: Channel; args: unknown }
  | { type: 'pauseAll'; id: number }
  | { type: 'close'; id: number };

export type FromWorker =
  | { type: 'ready' }
  /** The backend could not start (e.g. the database is from a newer app); the worker exits. */
  | { type: 'startFailed'; message: string }
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; message: string }
  | { type: 'event'; event: EventName; payload: EventMap[EventName] };

/** Every event the worker forwards (the shared list fails to compile when EventMap grows). */
export { EVENT_NAMES } from '../../../shared/api.ts';
