// The web bridge's export download: GET /api/export/run/<id>.zip streams the run's export as a
// zip; unzipped, its files are byte for byte what `backtestr runs export` writes. Refused without
// the token; an unknown run is a 404 with the backend's message.
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../src/main/web/server.ts';
import { createWebApi } from '../../src/renderer/src/api/web-api.ts';
import { completedRun, tempDataDir, useBackends } from '../api/helpers.ts';
import { cli } from '../cli/run-cli.ts';
import { makeSite } from './helpers.ts';

const backendIn = useBackends();
const scratch = tempDataDir();
const servers: WebServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

function filesUnder(dir: string): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const name of fs.readdirSync(dir).sort()) out[name] = fs.readFileSync(path.join(dir, name));
  return out;
}

describe('GET /api/export/run/<id>.zip', () => {
  it('downloads the export as a zip equal to the CLI export; refuses without token; 404 for an unknown run', async () => {
    const { backend, dataDir, runId } = await completedRun(backendIn, {
      symbols: ['EURUSD'],
      timeframes: ['M5', 'H1'],
      indicators: ['ema(10)'],
      strategy: 'ma-cross',
      params: { timeframe: 'M5', trendTimeframe: 'H1', fast: 5, slow: 20, trendPeriod: 10 },
      checkpoints: { intervalMs: 0, everyTicks: 1_000_000, keep: 1, level: 1 },
    });
    const site = await makeSite();
    const server = await startWebServer({
      backend,
      staticDir: site.staticDir,
      uploadDir: scratch(),
    });
    servers.push(server);
    const url = (id: string) => `http://127.0.0.1:${server.port}/api/export/run/${id}.zip`;
    const withToken = { headers: { 'x-backtestr-token': server.token } };

    const res = await fetch(url(runId), withToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${runId}.zip"`);
    const zipped = unzipSync(new Uint8Array(await res.arrayBuffer()));

    const out = path.join(scratch(), 'cli-export');
    const r = cli(dataDir, ['runs', 'export', runId, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const expected = filesUnder(out);
    expect(Object.keys(zipped).sort()).toEqual(Object.keys(expected));
    expect(Object.keys(expected)).toContain('trades.csv');
    for (const [name, bytes] of Object.entries(expected)) {
      expect(Buffer.from(zipped[name]!).equals(bytes), name).toBe(true);
    }

    // Two downloads at once (each rewrites the export folder) and again: the same zip bytes (no
    // wall-clock time in the entries, no download reading files the other replaces).
    const [a, b] = await Promise.all([fetch(url(runId), withToken), fetch(url(runId), withToken)]);
    const [za, zb] = [Buffer.from(await a.arrayBuffer()), Buffer.from(await b.arrayBuffer())];
    expect(za.equals(zb)).toBe(true);
    const zc = Buffer.from(await (await fetch(url(runId), withToken)).arrayBuffer());
    expect(zc.equals(za)).toBe(true);

    // The renderer's side (web-api.ts): the same zip, named by the server; the backend's message.
    const webApi = createWebApi({
      baseUrl: `http://127.0.0.1:${server.port}`,
      token: server.token,
    });
    const got = await webApi.fetchExport('run', runId);
    expect(got.name).toBe(`${runId}.zip`);
    expect(Buffer.from(await got.blob.arrayBuffer()).equals(za)).toBe(true);
    await expect(webApi.fetchExport('run', 'no-such-run')).rejects.toThrow(/^no run 'no-such-run'/);

    const noToken = await fetch(url(runId));
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toEqual({ ok: false, error: 'missing or wrong token' });
    const wrong = await fetch(url(runId), { headers: { 'x-backtestr-token': 'nope' } });
    expect(wrong.status).toBe(401);

    const unknown = await fetch(url('no-such-run'), withToken);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: string }).error).toMatch(/^no run 'no-such-run'/);

    const bad = await fetch(url('a%2F..'), withToken);
    expect(bad.status).toBe(400);
    const post = await fetch(url(runId), { ...withToken, method: 'POST' });
    expect(post.status).toBe(405);
    fs.rmSync(site.root, { recursive: true, force: true });
  });
});
