import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventLog, START, useBackends } from './helpers.ts';

const backendIn = useBackends();

function writeCsv(file: string, rows: number, badAt?: number): void {
  const lines = ['timestamp,bid,ask,bid_volume,ask_volume'];
  for (let i = 0; i < rows; i++) {
    const t = 1_704_067_200_000 + i * 1000;
    lines.push(i === badAt ? `${t},1.2,1.1,1,1` : `${t},1.10000,1.10010,1,2`);
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

describe('data channels', () => {
  it('generates ticks and lists them', async () => {
    const { backend } = await backendIn();
    const change = await backend.invoke('data:generate', {
      symbol: 'EURUSD',
      start: START,
      days: 2,
      seed: 7,
    });
    expect(change.added).toBeGreaterThan(10_000);
    expect(change.symbol).toMatchObject({ symbol: 'EURUSD', ticks: change.added });
    expect(change.symbol.first).toBeGreaterThanOrEqual(Date.parse(`${START}T00:00:00Z`));
    expect(await backend.invoke('data:list')).toEqual([change.symbol]);
  });

  it('reports generate:progress: monotone days and ticks, the last one at 100 % with every tick', async () => {
    const { backend } = await backendIn();
    const log = new EventLog(backend);
    const days = 3;
    // The generation must give the event loop turns (else an HTTP event stream flushes nothing
    // until the end): count loop turns between its first and its last progress event.
    let turns = 0;
    let spinning = true;
    const spin = (): void => {
      turns++;
      if (spinning) setImmediate(spin);
    };
    spin();
    const turnsAt: number[] = [];
    const off = backend.on('generate:progress', () => void turnsAt.push(turns));
    const change = await backend.invoke('data:generate', {
      symbol: 'EURUSD',
      start: START,
      days,
      seed: 5,
    });
    spinning = false;
    off();
    expect(turnsAt.at(-1)! - turnsAt[0]!).toBeGreaterThanOrEqual(3);
    const progress = log.of('generate:progress');
    expect(progress.length).toBeGreaterThan(0);
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]!.daysDone).toBeGreaterThanOrEqual(progress[i - 1]!.daysDone);
      expect(progress[i]!.ticks).toBeGreaterThanOrEqual(progress[i - 1]!.ticks);
    }
    for (const p of progress.slice(0, -1)) expect(p.daysDone).toBeLessThan(days);
    expect(progress.at(-1)).toEqual({
      symbol: 'EURUSD',
      daysDone: days,
      days,
      ticks: change.added,
    });
  });

  it('refuses a second generation while one runs, by name, and stores the first whole', async () => {
    const { backend } = await backendIn();
    const first = backend.invoke('data:generate', {
      symbol: 'EURUSD',
      start: START,
      days: 2,
      seed: 1,
    });
    const second = backend.invoke('data:generate', {
      symbol: 'GBPUSD',
      start: START,
      days: 1,
      seed: 1,
    });
    await expect(second).rejects.toThrow('generating EURUSD is in progress; wait for it to finish');
    const change = await first;
    expect(await backend.invoke('data:list')).toEqual([change.symbol]);
  });

  it('imports a CSV with progress events and reports the detected format', async () => {
    const { backend, dataDir } = await backendIn();
    const log = new EventLog(backend);
    const file = path.join(dataDir, 'ticks.csv');
    writeCsv(file, 5000);
    const change = await backend.invoke('data:import', { file, symbol: 'GBPUSD' });
    expect(change).toMatchObject({ added: 5000, format: 'generic' });
    expect(change.symbol).toMatchObject({ symbol: 'GBPUSD', ticks: 5000 });
    const progress = log.of('import:progress');
    expect(progress.length, 'at least the final progress event').toBeGreaterThan(0);
    expect(progress.at(-1)).toEqual({
      file,
      bytesRead: fs.statSync(file).size,
      totalBytes: fs.statSync(file).size,
    });
  });

  it('rejects an import with a bad line with file:line in the message and stores nothing', async () => {
    const { backend, dataDir } = await backendIn();
    const file = path.join(dataDir, 'bad.csv');
    writeCsv(file, 100, 41); // tick 41 is on line 43 (header on line 1)
    const err = await backend
      .invoke('data:import', { file, symbol: 'EURUSD' })
      .catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain(`${file}:43: `);
    expect(await backend.invoke('data:list')).toEqual([]);
  });

  it('names a missing file', async () => {
    const { backend, dataDir } = await backendIn();
    const file = path.join(dataDir, 'nope.csv');
    await expect(backend.invoke('data:import', { file, symbol: 'EURUSD' })).rejects.toThrow(
      `${file}: no such file`,
    );
  });

  it('has no file dialog of its own', async () => {
    const { backend } = await backendIn();
    expect(await backend.invoke('data:pickFile')).toBeNull();
  });

  it('lists the built-in strategies with their params', async () => {
    const { backend } = await backendIn();
    const list = await backend.invoke('strategies:list');
    expect(list.errors).toEqual([]);
    const ma = list.strategies.find((s) => s.name === 'ma-cross');
    expect(ma).toMatchObject({ source: 'builtin', file: null });
    expect(ma!.params.map((p) => p.name)).toContain('fast');
  });
});
