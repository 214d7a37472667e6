// The web bridge in front of the real backend (createBackend, in-process): the browser flow of
// the Data screen — upload a CSV, import it by its upload id, read the error that names the
// original file and line — plus generation and its listing, and import:progress over SSE. And
// what the bridge refuses: server paths in data:import, a second import of one upload; and what
// it leaves behind: no uploaded file once its import ended.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/services/api/backend.ts';
import { startWebServer, type WebServer } from '../../src/main/web/server.ts';
import { createWebApi, type WebApi } from '../../src/renderer/src/api/web-api.ts';
import { makeSite, openSse, parseSse } from './helpers.ts';

let site: Awaited<ReturnType<typeof makeSite>>;
let dataDir: string;
let backend: Backend;
let server: WebServer;
let api: WebApi;

beforeAll(async () => {
  site = await makeSite();
  dataDir = await mkdtemp(path.join(tmpdir(), 'backtestr-web-real-'));
  backend = await createBackend({ dataDir, host: 'web' });
  server = await startWebServer({ backend, staticDir: site.staticDir, uploadDir: site.root });
  api = createWebApi({ baseUrl: `http://127.0.0.1:${server.port}`, token: server.token });
});
afterAll(async () => {
  await server?.close();
  await backend?.close();
  await rm(dataDir, { recursive: true, force: true });
  await rm(site.root, { recursive: true, force: true });
});

const HEADER = 'timestamp,bid,ask,bid_volume,ask_volume\n';

/** The server's upload folders in uploadDir (one while it runs). */
async function uploadFolders(): Promise<string[]> {
  const names = (await readdir(site.root)).filter((n) => n.startsWith('backtestr-upload'));
  return names.map((n) => path.join(site.root, n));
}

/** Every uploaded file still on disk. */
async function uploadedFiles(): Promise<string[]> {
  const files: string[] = [];
  for (const dir of await uploadFolders())
    files.push(...(await readdir(dir)).map((f) => path.join(dir, f)));
  return files;
}
const row = (ms: number) => `${ms},1.10353,1.10371,1.5,0.75\n`;

describe('web bridge + createBackend', () => {
  it('app:info says host web; invalid arguments come back as the contract message', async () => {
    expect(await api.invoke('app:info')).toMatchObject({ host: 'web', dataDir });
    await expect(api.invoke('runs:get', { runId: '../x' } as never)).rejects.toThrow(
      /runs:get: invalid arguments \(runId: not a run id\)/,
    );
  });

  it('upload then data:import: the error names the original file name and line, not the server path', async () => {
    const bad = new File(
      [`${HEADER}${row(1703880009803)}1703880009804,abc,1.2,1,1\n`],
      'EURUSD bad.csv',
    );
    const stored = await api.uploadFile(bad);
    const err = await api
      .invoke('data:import', { file: stored, symbol: 'EURUSD' })
      .catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe('EURUSD bad.csv:3: bid is not a number: "abc"');
    expect(await api.invoke('data:list')).toEqual([]);
  });

  it('deletes the uploaded file when its import ends, failed or not', async () => {
    const bad = await api.uploadFile(new File([`${HEADER}1,x,1,1,1\n`], 'bad.csv'));
    const good = await api.uploadFile(new File([`${HEADER}${row(1703880009803)}`], 'good.csv'));
    expect(await uploadedFiles(), 'both uploads are on disk before their import').toHaveLength(2);
    await expect(api.invoke('data:import', { file: bad, symbol: 'AUDUSD' })).rejects.toThrow(
      /^bad\.csv:2: /,
    );
    await api.invoke('data:import', { file: good, symbol: 'AUDUSD' });
    expect(await uploadedFiles(), 'no uploaded file is left after the imports').toEqual([]);
  });

  it('refuses a server path in data:import without reading it (no line of it in the error)', async () => {
    const targets = [path.join(site.root, 'secret.txt'), '/etc/passwd'].filter((f) =>
      existsSync(f),
    );
    for (const file of targets) {
      const err = await api
        .invoke('data:import', { file, symbol: 'EURUSD' })
        .catch((e: unknown) => e as Error);
      expect(err, file).toBeInstanceOf(Error);
      expect((err as Error).message, file).toMatch(
        /only a file uploaded to this server can be imported/,
      );
      expect((err as Error).message, file).not.toContain(site.secret);
      expect((err as Error).message, file).not.toMatch(/root:/);
    }
    // Nor a path made to look like one inside the upload folder.
    const folder = (await uploadFolders())[0]!;
    await expect(
      api.invoke('data:import', { file: path.join(folder, '..', 'secret.txt'), symbol: 'EURUSD' }),
    ).rejects.toThrow(/only a file uploaded/);
    expect((await api.invoke('data:list')).map((s) => s.symbol)).not.toContain('EURUSD');
  });

  it('imports an upload once: a second data:import of its id is refused', async () => {
    const id = await api.uploadFile(new File([`${HEADER}${row(1703880009803)}`], 'once.csv'));
    await api.invoke('data:import', { file: id, symbol: 'NZDUSD' });
    await expect(api.invoke('data:import', { file: id, symbol: 'USDCAD' })).rejects.toThrow(
      /only a file uploaded to this server can be imported/,
    );
  });

  it('upload then data:import of a good file, with import:progress on the event stream', async () => {
    const sse = await openSse(server.port, `?token=${server.token}`);
    let csv = HEADER;
    for (let i = 0; i < 2000; i++) csv += row(1703880009803 + i * 250);
    const stored = await api.uploadFile(new File([csv], 'GBPUSD ticks.csv'));
    const r = await api.invoke('data:import', { file: stored, symbol: 'GBPUSD' });
    expect(r).toMatchObject({ added: 2000, symbol: { symbol: 'GBPUSD', ticks: 2000 } });
    expect((await api.invoke('data:list')).map((s) => s.symbol)).toContain('GBPUSD');
    const end = Date.now() + 5000;
    while (!sse.text().includes('import:progress') && Date.now() < end) {
      await new Promise((res) => setTimeout(res, 10));
    }
    const progress = parseSse(sse.text()).filter((f) => f.event === 'import:progress');
    expect(progress.length).toBeGreaterThan(0);
    // The event names the upload as the browser knows it, never the server's path.
    expect(JSON.parse(progress.at(-1)!.data!)).toMatchObject({ file: stored });
    expect(sse.text()).not.toContain(site.root);
    sse.close();
  });
});
