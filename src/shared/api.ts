/**
 * What `window.api` offers the renderer, in Electron (the preload) and in the browser (the web
 * bridge): the typed backend contract plus what only a host knows. Plain data and functions only
 * (it crosses the context bridge, which copies values and drops prototypes).
 */
import type { ConnectionEvent } from './connection.ts';
import type { BackendApi, EventName } from './contract.ts';

export interface BackTestrApi extends BackendApi {
  /** Which host serves the UI. */
  readonly host: 'electron' | 'web';
  /**
   * The absolute path of a dropped or picked `File`, for `data:import`. Electron only: a web page
   * never learns file paths. '' for a File that is not backed by a file on disk.
   */
  readonly getPathForFile?: (file: File) => string;
  /** Electron: the backend worker died (disconnected) and was restarted (connected). */
  readonly onConnection?: (listener: (event: ConnectionEvent) => void) => () => void;
}

/** Every pushed event, for hosts that subscribe to or forward them all. */
export const EVENT_NAMES = [
  'run:progress',
  'run:state',
  'checkpoint:written',
  'import:progress',
  'generate:progress',
  'sweep:progress',
] as const satisfies readonly EventName[];

// A compile error here names the event that EventMap has and EVENT_NAMES lacks.
type Missing = Exclude<EventName, (typeof EVENT_NAMES)[number]>;
const _complete: [Missing] extends [never] ? true : Missing = true;

export function isEventName(name: unknown): name is EventName {
  return (EVENT_NAMES as readonly unknown[]).includes(name);
}

/** The Electron IPC channel an event is pushed on (main → renderer). */
export function eventChannel(event: EventName): `event:${EventName}` {
  return `event:${event}`;
}
