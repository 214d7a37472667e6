import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/main/services/api/backend.ts';
import type { BackendContext } from '../../src/main/services/api/context.ts';
import { APP_VERSION } from '../../src/main/services/checkpoints/checkpoint-capture.ts';
import { contract } from '../../src/shared/contract.ts';
import { useBackends } from './helpers.ts';

const backendIn = useBackends();

describe('the backend serves the contract', () => {
  it('has exactly one handler per contract channel (the types say so too; this checks at run time)', () => {
    // The factories only close over the context; nothing is called.
    const handlers = createHandlers({} as BackendContext);
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(contract).sort());
    for (const [channel, h] of Object.entries(handlers))
      expect(typeof h, `handler of ${channel}`).toBe('function');
  });

  it('answers app:info with the version, data folder and host', async () => {
    const { backend, dataDir } = await backendIn();
    expect(await backend.invoke('app:info')).toEqual({
      version: APP_VERSION,
      dataDir,
      platform: process.platform,
      host: 'web',
    });
  });

  it('rejects bad arguments naming the channel and the field, before anything runs', async () => {
    const { backend } = await backendIn();
    const bad: [string, unknown, RegExp][] = [
      ['data:generate', { symbol: 'EURUSD', start: '2024-01-01', days: 0, seed: 1 }, /days/],
      ['data:generate', { symbol: 'EUR USD', start: '2024-01-01', days: 1, seed: 1 }, /symbol/],
      ['data:generate', { symbol: 'EURUSD', start: 'yesterday', days: 1, seed: 1 }, /start/],
      ['runs:start', { symbols: [] }, /symbols/],
      ['runs:start', { symbols: ['EURUSD'], timeframes: ['M2'] }, /timeframes\.0/],
      ['runs:start', { symbols: ['EURUSD'], checkpoints: { keep: 0 } }, /checkpoints\.\w+/],
      ['runs:start', { symbols: ['EURUSD'], record: ['bars', 'ticks'] }, /record\.1/],
      ['runs:start', { symbols: ['EURUSD'], record: [] }, /record/],
      ['runs:get', { runId: '../etc' }, /runId/],
      ['checkpoints:inspect', { runId: 'r1', seq: 0 }, /seq/],
      ['app:info', { extra: 1 }, /arguments|extra/],
    ];
    for (const [channel, args, field] of bad) {
      const err = await (backend.invoke as (c: string, a: unknown) => Promise<unknown>)(
        channel,
        args,
      ).then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(err, `${channel} ${JSON.stringify(args)} is refused`).toBeInstanceOf(Error);
      expect(err!.constructor, 'a plain Error crosses to the UI').toBe(Error);
      expect(err!.message).toContain(`${channel}: invalid arguments`);
      expect(err!.message).toMatch(field);
    }
    expect(await backend.invoke('data:list'), 'nothing was generated').toEqual([]);
    expect(await backend.invoke('runs:list'), 'no run was created').toEqual([]);
  });

  it('refuses unknown channels, including names inherited from Object.prototype', async () => {
    const { backend } = await backendIn();
    const invoke = backend.invoke as (c: string, a?: unknown) => Promise<unknown>;
    await expect(invoke('runs:explode')).rejects.toThrow("unknown channel 'runs:explode'");
    await expect(invoke('toString')).rejects.toThrow("unknown channel 'toString'");
  });

  it('passes service errors on as plain Errors with their message', async () => {
    const { backend } = await backendIn();
    const err = await backend.invoke('runs:get', { runId: 'nope' }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).constructor).toBe(Error);
    expect((err as Error).message).toBe("no run 'nope'");
    await expect(backend.invoke('runs:start', { symbols: ['EURUSD'] })).rejects.toThrow(
      /no ticks stored for EURUSD/,
    );
    expect(await backend.invoke('runs:list')).toEqual([]);
  });

  it('refuses calls once closed', async () => {
    const { backend } = await backendIn();
    await backend.close();
    await expect(backend.invoke('runs:list')).rejects.toThrow('runs:list: the backend is closed');
  });
});
