/**
 * The web page's view of whether its server is there. Anything that shows the server gone (a
 * request that could not be sent, the event stream erroring or falling silent) calls lost();
 * anything that shows it back calls seen(). While lost, it probes (an app:info request) with a
 * backoff capped at maxRetryMs, so a restarted server is noticed within ~2 s without a reload.
 */
import type { ConnectionEvent, ConnectionState } from '../../../shared/connection.ts';

export interface ConnectionMonitorOptions {
  /** Resolves when the server answered, rejects when it did not. */
  probe(): Promise<void>;
  minRetryMs?: number;
  maxRetryMs?: number;
  now?: () => number;
}

export interface ConnectionMonitor {
  state(): ConnectionState;
  lost(): void;
  seen(): void;
  on(listener: (event: ConnectionEvent) => void): () => void;
  /** Stops probing (the API is discarded). */
  close(): void;
}

export function createConnectionMonitor(opts: ConnectionMonitorOptions): ConnectionMonitor {
  const minRetry = opts.minRetryMs ?? 250;
  const maxRetry = opts.maxRetryMs ?? 2000;
  const now = opts.now ?? Date.now;
  const listeners = new Set<(event: ConnectionEvent) => void>();
  let state: ConnectionState = 'connected';
  let timer: ReturnType<typeof setTimeout> | null = null;
  let delay = minRetry;
  let closed = false;

  function emit(): void {
    const event = { state, since: now() };
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (err) {
        console.error('BackTestr: a connection listener failed', err);
      }
    }
  }

  function schedule(): void {
    if (closed || timer || state === 'connected') return;
    timer = setTimeout(() => {
      timer = null;
      opts.probe().then(seen, () => {
        delay = Math.min(delay * 2, maxRetry);
        schedule();
      });
    }, delay);
  }

  function lost(): void {
    if (closed || state === 'disconnected') return;
    state = 'disconnected';
    delay = minRetry;
    emit();
    schedule();
  }

  function seen(): void {
    if (closed || state === 'connected') return;
    state = 'connected';
    if (timer) clearTimeout(timer);
    timer = null;
    emit();
  }

  return {
    state: () => state,
    lost,
    seen,
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
