/**
 * Whether the UI can reach its backend, as a host reports it (the web bridge's page from its
 * requests and event stream; Electron's main process from its backend worker). Not a contract
 * channel: the backend cannot report its own absence.
 */
export type ConnectionState = 'connected' | 'disconnected';

export interface ConnectionEvent {
  state: ConnectionState;
  /** ms since the epoch at which this state began (wall clock of whoever noticed). */
  since: number;
}

/** Electron's IPC channel for ConnectionEvent (main → renderer). */
export const CONNECTION_CHANNEL = 'host:connection';

/** What a host adds to window.api to report its connection; absent hosts are always connected. */
export interface ConnectionSource {
  onConnection(listener: (event: ConnectionEvent) => void): () => void;
}
