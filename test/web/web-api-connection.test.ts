// createWebApi's connection reports against a real web bridge server that goes away and comes
// back on the same port with the same token: disconnected on the failed request, connected again
// by its own probing, without another request from the page.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionEvent } from '../../src/shared/connection.ts';
import { startWebServer, type WebServer } from '../../src/main/web/server.ts';
import { createWebApi } from '../../src/renderer/src/api/web-api.ts';
import { FakeBackend, waitFor } from './fake-backend.ts';
import { makeSite } from './helpers.ts';

let site: Awaited<ReturnType<typeof makeSite>>;
let server: WebServer | null = null;

beforeAll(async () => {
  site = await makeSite();
});
afterAll(async () => {
  await server?.close();
  await rm(site.root, { recursive: true, force: true });
});

describe('createWebApi: connection', () => {
  it('reports disconnected when the server is gone and connected when it is back', async () => {
    const backend = new FakeBackend();
    backend.handler = () => ({ version: '1', host: 'web' });
    server = await startWebServer({ backend, staticDir: site.staticDir });
    const { port, token } = server;
    const api = createWebApi({ baseUrl: `http://127.0.0.1:${port}`, token });
    const events: ConnectionEvent[] = [];
    api.onConnection((e) => events.push(e));
    await api.invoke('app:info');
    expect(events).toEqual([]);

    await server.close();
    server = null;
    await expect(api.invoke('app:info')).rejects.toThrow(/cannot reach the BackTestr server/);
    expect(events.map((e) => e.state)).toEqual(['disconnected']);

    server = await startWebServer({ backend, staticDir: site.staticDir, port, token });
    await waitFor(() => events.length === 2, 'the reconnection');
    expect(events.map((e) => e.state)).toEqual(['disconnected', 'connected']);
    await expect(api.invoke('app:info')).resolves.toEqual({ version: '1', host: 'web' });
  });
});
