// A stand-in Backend for transport tests: records invocations, answers from a handler, and emits
// events on demand. It is the HTTP bridge under test, not the backend.
import type {
  ArgsOf,
  BackendApi,
  Channel,
  EventMap,
  EventName,
  ResultOf,
} from '../../src/shared/contract.ts';

export type Handler = (channel: Channel, args: unknown) => unknown;

export class FakeBackend implements BackendApi {
  readonly calls: { channel: Channel; args: unknown }[] = [];
  handler: Handler = (channel, args) => ({ echo: { channel, args } });
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  async invoke<C extends Channel>(channel: C, args?: ArgsOf<C>): Promise<ResultOf<C>> {
    this.calls.push({ channel, args });
    return (await this.handler(channel, args)) as ResultOf<C>;
  }

  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
    const fn = listener as (payload: unknown) => void;
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(fn);
    return () => set.delete(fn);
  }

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const fn of [...(this.listeners.get(event) ?? [])]) fn(payload);
  }

  listenerCount(event?: EventName): number {
    if (event) return this.listeners.get(event)?.size ?? 0;
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }
}

/** Polls until `check` holds (the server subscribes when an event stream connects). */
export async function waitFor(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
