/**
 * A tiny typed event emitter for the backend's pushed events (EventMap in the contract). A
 * listener that throws is reported and skipped: it must not break a run's progress callback or
 * the other listeners.
 */
export class Emitter<M extends object> {
  readonly #listeners = new Map<keyof M, Set<(payload: never) => void>>();

  /** Returns its own unsubscribe. */
  on<E extends keyof M>(event: E, listener: (payload: M[E]) => void): () => void {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    const entry = listener as (payload: never) => void;
    set.add(entry);
    return () => void set.delete(entry);
  }

  emit<E extends keyof M>(event: E, payload: M[E]): void {
    for (const listener of this.#listeners.get(event) ?? []) {
      try {
        (listener as (payload: M[E]) => void)(payload);
      } catch (err) {
        console.error(`BackTestr: a '${String(event)}' listener failed:`, err);
      }
    }
  }
}
