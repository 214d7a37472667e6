/**
 * The preload's behaviour, checked for the source (preload.test.ts, electron mocked) and for the
 * built CommonJS bundle (build.test.ts, run in a sandbox-like wrapper): both must give the page
 * the same `window.api` and nothing else.
 */
import { describe, expect, it } from 'vitest';
import type { FakeRendererElectron } from './fake-electron-renderer.ts';

type Api = {
  host: string;
  invoke: (channel: string, args?: unknown) => Promise<unknown>;
  on: (event: string, listener: (payload: unknown) => void) => () => void;
  getPathForFile: (file: unknown) => string;
  onConnection: (listener: (event: unknown) => void) => () => void;
};

/** `load` runs a fresh copy of the preload against a fresh fake electron. */
export function preloadSuite(name: string, load: () => Promise<FakeRendererElectron>): void {
  describe(`preload: ${name}`, () => {
    const api = (fake: FakeRendererElectron): Api => fake.exposed['api'] as Api;

    it('exposes only window.api: host, invoke, on, getPathForFile, onConnection', async () => {
      const fake = await load();
      expect(fake.module.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
      expect(Object.keys(fake.exposed)).toEqual(['api']);
      expect(Object.keys(api(fake)).sort()).toEqual([
        'getPathForFile',
        'host',
        'invoke',
        'on',
        'onConnection',
      ]);
      expect(api(fake).host).toBe('electron');
    });

    it('invoke forwards to ipcRenderer.invoke and resolves with the result', async () => {
      const fake = await load();
      fake.ipcRenderer.invoke.mockResolvedValueOnce({ runId: 'r-1' });
      await expect(api(fake).invoke('runs:start', { symbols: ['EURUSD'] })).resolves.toEqual({
        runId: 'r-1',
      });
      expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith('runs:start', { symbols: ['EURUSD'] });
    });

    it("invoke rejects with the backend's own message, without Electron's wrapping", async () => {
      const fake = await load();
      const wrapped = (m: string) => new Error(`Error invoking remote method 'runs:get': ${m}`);
      fake.ipcRenderer.invoke.mockRejectedValueOnce(wrapped("Error: run 'r-9' not found"));
      await expect(api(fake).invoke('runs:get', { runId: 'r-9' })).rejects.toThrow(
        new Error("run 'r-9' not found"),
      );
      fake.ipcRenderer.invoke.mockRejectedValueOnce(
        wrapped('ContractError: runs:get: invalid arguments (runId: not a run id)'),
      );
      await expect(api(fake).invoke('runs:get', { runId: '' })).rejects.toThrow(
        new Error('runs:get: invalid arguments (runId: not a run id)'),
      );
    });

    it('onConnection delivers the main process host:connection events until unsubscribed', async () => {
      const fake = await load();
      const got: unknown[] = [];
      const off = api(fake).onConnection((e) => got.push(e));
      fake.push('host:connection', { state: 'disconnected', since: 1 });
      fake.push('event:run:state', { runId: 'r-1', status: 'paused' });
      expect(got).toEqual([{ state: 'disconnected', since: 1 }]);
      off();
      fake.push('host:connection', { state: 'connected', since: 2 });
      expect(got).toHaveLength(1);
      expect(fake.ipcRenderer.listenerCount('host:connection')).toBe(0);
    });

    it('on delivers its event only, and returns an unsubscribe that works across the bridge', async () => {
      const fake = await load();
      const got: unknown[] = [];
      const other: unknown[] = [];
      const listener = (p: unknown) => got.push(p);
      const off = api(fake).on('run:progress', listener);
      api(fake).on('run:state', (p) => other.push(p));

      fake.push('event:run:progress', { runId: 'r-1', ticksDone: 5 });
      fake.push('event:checkpoint:written', { runId: 'r-1', seq: 1 });
      expect(got).toEqual([{ runId: 'r-1', ticksDone: 5 }]);

      // The bridge wrapped `listener`: the preload never saw this function object, so only the
      // returned unsubscribe can remove the registration.
      off();
      off();
      fake.push('event:run:progress', { runId: 'r-1', ticksDone: 6 });
      fake.push('event:run:state', { runId: 'r-1', status: 'paused' });
      expect(got).toHaveLength(1);
      expect(other).toEqual([{ runId: 'r-1', status: 'paused' }]);
      expect(fake.ipcRenderer.listenerCount('event:run:progress')).toBe(0);
      expect(fake.ipcRenderer.listenerCount('event:run:state')).toBe(1);
    });

    it('on refuses names that are not events (no listening on arbitrary channels)', async () => {
      const fake = await load();
      expect(() => api(fake).on('runs:start', () => {})).toThrow("unknown event 'runs:start'");
      expect(fake.ipcRenderer.eventNames()).toEqual([]);
    });

    it('getPathForFile asks webUtils', async () => {
      const fake = await load();
      expect(api(fake).getPathForFile({ name: 'EURUSD.csv' })).toBe('/dropped/EURUSD.csv');
      expect(fake.module.webUtils.getPathForFile).toHaveBeenCalledOnce();
    });
  });
}
