// createWebApi() (the renderer's window.api in a browser) against the real web bridge server,
// with Node's global fetch; on() with Node's EventSource in a child process, and its reopen logic
// with a scripted EventSource.
import { EVENT_NAMES } from '../../src/shared/api.ts';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import { Window } from 'happy-dom';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startWebServer, type WebServer } from '../../src/main/web/server.ts';
import {
  createWebApi,
  uploadFile,
  type EventSourceLike,
} from '../../src/renderer/src/api/web-api.ts';
import { FakeBackend, waitFor } from './fake-backend.ts';
import { makeSite } from './helpers.ts';

let site: Awaited<ReturnType<typeof makeSite>>;
let backend: FakeBackend;
let server: WebServer;
const origin = (): string => `http://127.0.0.1:${server.port}`;

beforeAll(async () => {
  site = await makeSite();
});
afterAll(async () => {
  await rm(site.root, { recursive: true, force: true });
});
beforeEach(async () => {
  backend = new FakeBackend();
  server = await startWebServer({ backend, staticDir: site.staticDir });
});
afterEach(async () => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  await server.close();
});

describe('createWebApi: invoke and upload', () => {
  it('invoke returns the result', async () => {
    const api = createWebApi({ baseUrl: origin(), token: server.token });
    backend.handler = () => ({ version: '1.2.3', host: 'web' });
    await expect(api.invoke('app:info')).resolves.toEqual({ version: '1.2.3', host: 'web' });
    backend.handler = () => undefined;
    await expect(api.invoke('runs:pause', { runId: 'r1' })).resolves.toBeUndefined();
    expect(backend.calls).toEqual([
      { channel: 'app:info', args: undefined },
      { channel: 'runs:pause', args: { runId: 'r1' } },
    ]);
  });

  it('a handler error throws Error(message)', async () => {
    const api = createWebApi({ baseUrl: origin(), token: server.token });
    backend.handler = () => {
      throw new Error("runs:get: no run 'zz'");
    };
    const err = await api.invoke('runs:get', { runId: 'zz' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe("runs:get: no run 'zz'");
  });

  it('a wrong token or an unreachable server throws a readable Error', async () => {
    const wrong = createWebApi({ baseUrl: origin(), token: 'wrong' });
    await expect(wrong.invoke('app:info')).rejects.toThrow('missing or wrong token');
    expect(backend.calls).toEqual([]);
    const gone = createWebApi({ baseUrl: origin(), token: server.token });
    await server.close();
    await expect(gone.invoke('app:info')).rejects.toThrow(
      /^app:info: cannot reach the BackTestr server/,
    );
  });

  it('uploadFile sends a File and returns an upload id that data:import resolves to its bytes', async () => {
    const text = 'time,bid,ask\n2024-01-01T00:00:00Z,1.1,1.2\n'.repeat(1000);
    const file = new File([text], 'EURUSD ticks.csv', { type: 'text/csv' });
    const id = await uploadFile(file, { baseUrl: origin(), token: server.token });
    expect(id).toMatch(/^upload:[A-Za-z0-9_-]+$/);
    // The backend gets the server path of the upload and reads the bytes that were sent.
    backend.handler = async (_channel, args) => readFile((args as { file: string }).file, 'utf8');
    const api = createWebApi({ baseUrl: origin(), token: server.token });
    expect(await api.invoke('data:import', { file: id, symbol: 'EURUSD' })).toBe(text);
    const again = await api.uploadFile(new File(['a'], 'b.csv'));
    expect(again).not.toBe(id);
    expect(await api.invoke('data:import', { file: again, symbol: 'EURUSD' })).toBe('a');
    await expect(uploadFile(file, { baseUrl: origin(), token: 'nope' })).rejects.toThrow(
      'missing or wrong token',
    );
  });

  it('takes the token from the meta tag of the served page', async () => {
    const html = await (await fetch(server.url)).text();
    const win = new Window({ url: server.url });
    try {
      const doc = new win.DOMParser().parseFromString(html, 'text/html');
      vi.stubGlobal('document', doc);
      backend.handler = () => 'hello';
      const api = createWebApi({ baseUrl: origin() });
      await expect(api.invoke('app:info')).resolves.toBe('hello');
      vi.stubGlobal('document', new win.DOMParser().parseFromString('<p>', 'text/html'));
      expect(() => createWebApi({ baseUrl: origin() })).toThrow(/npm run web/);
    } finally {
      await win.happyDOM.close();
    }
  });
});

describe('createWebApi: on() over a real EventSource', () => {
  let child: ChildProcessWithoutNullStreams;
  let messages: Record<string, unknown>[];

  afterEach(() => {
    child?.kill();
  });

  async function next(match: (m: Record<string, unknown>) => boolean, what: string) {
    await waitFor(() => messages.some(match), what);
    const i = messages.findIndex(match);
    return messages.splice(0, i + 1).at(-1)!;
  }
  async function send(line: string): Promise<void> {
    child.stdin.write(`${line}\n`);
    await next((m) => m.ack === line, `ack of ${line}`);
  }

  it('delivers subscribed events through one stream, survives a server restart, unsubscribes', async () => {
    child = spawn(
      process.execPath,
      [
        '--experimental-eventsource',
        path.join(import.meta.dirname, 'sse-client.ts'),
        origin(),
        server.token,
      ],
      { stdio: 'pipe' },
    );
    messages = [];
    readline
      .createInterface({ input: child.stdout })
      .on('line', (l) => messages.push(JSON.parse(l)));
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    const ready = await next((m) => 'ready' in m, `the child (${stderr})`).catch((e) => {
      throw new Error(`${(e as Error).message}: ${stderr}`);
    });
    expect(ready.ready).toBe('function');

    await send('on run:state');
    await send('on run:progress');
    await waitFor(() => backend.listenerCount() === EVENT_NAMES.length, 'the event stream');
    backend.emit('checkpoint:written', { runId: 'r1' } as never); // nobody listens
    backend.emit('run:state', { runId: 'r1', status: 'running' });
    backend.emit('run:progress', { runId: 'r1', ticksDone: 5 } as never);
    expect(await next((m) => 'event' in m, 'an event')).toEqual({
      event: 'run:state',
      payload: { runId: 'r1', status: 'running' },
    });
    expect(await next((m) => 'event' in m, 'an event')).toEqual({
      event: 'run:progress',
      payload: { runId: 'r1', ticksDone: 5 },
    });
    expect(backend.listenerCount()).toBe(EVENT_NAMES.length); // one shared stream for both subscriptions

    await send('off run:state');
    backend.emit('run:state', { runId: 'r1', status: 'paused' });
    backend.emit('run:progress', { runId: 'r1', ticksDone: 6 } as never);
    expect(await next((m) => 'event' in m, 'an event')).toEqual({
      event: 'run:progress',
      payload: { runId: 'r1', ticksDone: 6 },
    });

    // The server restarts on the same port with the same token: the stream comes back by itself.
    const { port, token } = server;
    await server.close();
    expect(backend.listenerCount()).toBe(0);
    server = await startWebServer({ backend, staticDir: site.staticDir, port, token });
    await waitFor(
      () => backend.listenerCount() === EVENT_NAMES.length,
      'the reconnected event stream',
    );
    backend.emit('run:progress', { runId: 'r1', ticksDone: 7 } as never);
    expect(await next((m) => 'event' in m, 'an event after the restart')).toEqual({
      event: 'run:progress',
      payload: { runId: 'r1', ticksDone: 7 },
    });

    // The last unsubscribe closes the stream.
    await send('off run:progress');
    await waitFor(() => backend.listenerCount() === 0, 'the stream to close');
    expect(messages.filter((m) => 'event' in m)).toEqual([]);
  });
});

describe('createWebApi: on() reopening a refused stream', () => {
  class ScriptedEventSource implements EventSourceLike {
    static made: ScriptedEventSource[] = [];
    readyState = 0;
    closed = false;
    readonly handlers = new Map<string, ((e: { type: string; data?: unknown }) => void)[]>();
    readonly url: string;
    constructor(url: string) {
      this.url = url;
      ScriptedEventSource.made.push(this);
    }
    addEventListener(type: string, fn: (e: { type: string; data?: unknown }) => void): void {
      this.handlers.set(type, [...(this.handlers.get(type) ?? []), fn]);
    }
    close(): void {
      this.closed = true;
      this.readyState = 2;
    }
    fire(type: string, data?: string): void {
      for (const fn of this.handlers.get(type) ?? []) fn({ type, data });
    }
  }

  beforeEach(() => {
    ScriptedEventSource.made = [];
  });

  it('opens lazily, reopens with every listener when the server refuses, closes when unused', async () => {
    const api = createWebApi({
      baseUrl: 'http://127.0.0.1:1',
      token: 't/k+n',
      EventSource: ScriptedEventSource,
      reconnectMs: 5,
    });
    expect(ScriptedEventSource.made).toHaveLength(0);
    const states: unknown[] = [];
    const progress: unknown[] = [];
    const offState = api.on('run:state', (p) => states.push(p));
    api.on('run:progress', (p) => progress.push(p));
    expect(ScriptedEventSource.made).toHaveLength(1);
    const first = ScriptedEventSource.made[0]!;
    expect(first.url).toBe('http://127.0.0.1:1/api/events?token=t%2Fk%2Bn');
    first.fire('run:state', '{"runId":"a"}');
    expect(states).toEqual([{ runId: 'a' }]);

    first.fire('error'); // still CONNECTING: EventSource retries by itself
    expect(first.closed).toBe(false);
    first.readyState = 2; // refused (e.g. HTTP 503): EventSource gives up
    first.fire('error');
    expect(first.closed).toBe(true);
    await waitFor(() => ScriptedEventSource.made.length === 2, 'a new EventSource');
    const second = ScriptedEventSource.made[1]!;
    second.fire('run:state', '{"runId":"b"}');
    second.fire('run:progress', '{"runId":"c"}');
    first.fire('run:state', '{"runId":"stale"}'); // the old one is ignored
    expect(states).toEqual([{ runId: 'a' }, { runId: 'b' }]);
    expect(progress).toEqual([{ runId: 'c' }]);

    offState();
    offState(); // idempotent
    second.fire('run:state', '{"runId":"d"}');
    expect(states).toHaveLength(2);
    expect(second.closed).toBe(false); // run:progress still listens
    const offAll = api.on('run:progress', () => {
      throw new Error('a broken listener');
    });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    second.fire('run:progress', '{"runId":"e"}');
    second.fire('run:progress', '{not json');
    expect(progress).toEqual([{ runId: 'c' }, { runId: 'e' }]); // the others still run
    expect(errors).toHaveBeenCalledTimes(2);
    offAll();
    expect(ScriptedEventSource.made).toHaveLength(2);
  });

  it('closes the stream with the last unsubscribe and reopens on the next on()', () => {
    const api = createWebApi({ baseUrl: '', token: 't', EventSource: ScriptedEventSource });
    const off = api.on('run:state', () => {});
    const first = ScriptedEventSource.made[0]!;
    expect(first.url).toBe('/api/events?token=t');
    off();
    expect(first.closed).toBe(true);
    const seen: unknown[] = [];
    api.on('run:state', (p) => seen.push(p));
    const second = ScriptedEventSource.made[1]!;
    second.fire('run:state', '{"n":1}');
    expect(seen).toEqual([{ n: 1 }]);
  });
});
