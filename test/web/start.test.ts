// `npm run web` (src/main/web/start.ts): options, and the real process end to end — the printed
// URL and token, the served page, the backend in its worker, SIGINT.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../src/main/services/api/backend.ts';
import { DEFAULT_STATIC_DIR, parseWebArgs } from '../../src/main/web/start.ts';
import { createWebApi } from '../../src/renderer/src/api/web-api.ts';
import { makeSite } from './helpers.ts';

const START = path.resolve(import.meta.dirname, '../../src/main/web/start.ts');
let site: Awaited<ReturnType<typeof makeSite>>;

beforeAll(async () => {
  site = await makeSite();
});
afterAll(async () => {
  await rm(site.root, { recursive: true, force: true });
});

describe('parseWebArgs', () => {
  const env = { BACKTESTR_DATA_DIR: '/env/data' };
  it('defaults: a free port, the data dir of BACKTESTR_DATA_DIR, out/renderer', () => {
    expect(parseWebArgs([], env)).toEqual({
      port: 0,
      dataDir: path.resolve('/env/data'),
      staticDir: DEFAULT_STATIC_DIR,
    });
    expect(DEFAULT_STATIC_DIR).toBe(path.resolve(import.meta.dirname, '../../out/renderer'));
  });

  it('takes --port, --data-dir (over the environment) and --static-dir', () => {
    expect(parseWebArgs(['--port', '8123', '--data-dir', 'd', '--static-dir=s'], env)).toEqual({
      port: 8123,
      dataDir: path.resolve('d'),
      staticDir: path.resolve('s'),
    });
    expect(parseWebArgs(['-h'], env)).toBe('help');
  });

  it('refuses bad input', () => {
    for (const port of ['-1', '65536', 'abc', '1.5', '']) {
      expect(() => parseWebArgs([`--port=${port}`], env), port).toThrow(/--port must be/);
    }
    expect(() => parseWebArgs(['--nope'], env)).toThrow();
    expect(() => parseWebArgs(['extra'], env)).toThrow(/unexpected argument 'extra'/);
  });
});

/** Starts `npm run web`'s entry and waits for its two stdout lines: the URL and the token. */
async function startWeb(args: string[], env: NodeJS.ProcessEnv) {
  const p = run(args, env);
  const end = Date.now() + 30_000;
  while (p.lines.length < 2 && p.child.exitCode === null && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 20));
  }
  expect(p.lines, p.stderr()).toHaveLength(2);
  const [urlLine, tokenLine] = p.lines as [string, string];
  expect(urlLine).toMatch(/^BackTestr web UI: http:\/\/127\.0\.0\.1:\d+\/$/);
  expect(tokenLine).toMatch(/^token: [A-Za-z0-9_-]{32}$/);
  return {
    ...p,
    url: urlLine.slice('BackTestr web UI: '.length),
    token: tokenLine.slice('token: '.length),
  };
}

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [START, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  const lines: string[] = [];
  readline.createInterface({ input: child.stdout }).on('line', (l) => lines.push(l));
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, lines, stderr: () => stderr, exited };
}

describe('npm run web', () => {
  it('without a built UI says to run npm run build', async () => {
    const p = run(['--static-dir', path.join(site.root, 'missing')]);
    expect(await p.exited).toBe(1);
    expect(p.stderr()).toMatch(/no built UI at .*missing.index\.html; run `npm run build` first/);
    expect(p.lines).toEqual([]);
  });

  it('bad options: usage on stderr, exit 2', async () => {
    const p = run(['--port', 'x']);
    expect(await p.exited).toBe(2);
    expect(p.stderr()).toContain('--port must be a number');
    expect(p.stderr()).toContain('Usage: npm run web');
  });

  it('prints the URL and token, serves the page and the backend, exits 0 on SIGINT', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'backtestr-web-data-'));
    try {
      const p = await startWeb(['--static-dir', site.staticDir, '--port', '0'], {
        BACKTESTR_DATA_DIR: dataDir,
      });
      const { url, token } = p;

      const html = await (await fetch(url)).text();
      expect(html).toContain(`<meta name="backtestr-token" content="${token}" />`);

      const api = createWebApi({ baseUrl: url, token });
      const info = await api.invoke('app:info');
      expect(info).toMatchObject({ host: 'web', dataDir });
      await expect(api.invoke('runs:list')).resolves.toEqual([]);

      p.child.kill('SIGINT');
      expect(await p.exited, p.stderr()).toBe(0);
      expect(p.stderr()).toContain('SIGINT: checkpointing and pausing running runs');
      expect(p.lines).toHaveLength(2); // nothing else on stdout
      await expect(fetch(url)).rejects.toThrow();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('SIGINT checkpoints and pauses a running run before exiting', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'backtestr-web-data-'));
    try {
      const p = await startWeb(['--static-dir', site.staticDir, '--data-dir', dataDir], {
        BACKTESTR_TEST_THROTTLE_MS: '300',
      });
      const api = createWebApi({ baseUrl: p.url, token: p.token });
      await api.invoke('data:generate', {
        symbol: 'EURUSD',
        start: '2024-01-01',
        days: 5,
        seed: 1,
      });
      const { runId } = await api.invoke('runs:start', { symbols: ['EURUSD'] });
      const end = Date.now() + 20_000;
      let info = await api.invoke('runs:get', { runId });
      while (!(info.status === 'running' && info.ticksDone > 0) && Date.now() < end) {
        await new Promise((r) => setTimeout(r, 50));
        info = await api.invoke('runs:get', { runId });
      }
      expect(info).toMatchObject({ status: 'running' });
      expect(info.ticksDone).toBeLessThan(info.ticksTotal);

      p.child.kill('SIGINT');
      expect(await p.exited, p.stderr()).toBe(0);

      const backend = await createBackend({ dataDir, host: 'web' });
      try {
        const after = await backend.invoke('runs:get', { runId });
        expect(after.status).toBe('paused');
        expect(after.ticksDone).toBeLessThan(after.ticksTotal);
        const checkpoints = await backend.invoke('checkpoints:list', { runId });
        expect(checkpoints.some((c) => c.status === 'valid')).toBe(true);
      } finally {
        await backend.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('an upload left by a crashed server (SIGKILL) is swept by the next start', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'backtestr-web-data-'));
    const temp = await mkdtemp(path.join(tmpdir(), 'backtestr-web-tmp-'));
    try {
      const env = { BACKTESTR_DATA_DIR: dataDir, TMPDIR: temp };
      const first = await startWeb(['--static-dir', site.staticDir], env);
      const api = createWebApi({ baseUrl: first.url, token: first.token });
      await api.uploadFile(new File(['timestamp,bid,ask\n'], 'EURUSD.csv'));
      const [left] = await readdir(temp);
      expect(left).toMatch(/^backtestr-uploads-\d+-/);
      expect(await readdir(path.join(temp, left!))).toHaveLength(1);
      first.child.kill('SIGKILL');
      await first.exited;
      expect(await readdir(temp), 'the crash left the upload behind').toEqual([left]);

      const second = await startWeb(['--static-dir', site.staticDir], env);
      const now = await readdir(temp);
      expect(now, 'swept at start: only the new server folder is there').toHaveLength(1);
      expect(now).not.toContain(left);
      second.child.kill('SIGINT');
      expect(await second.exited, second.stderr()).toBe(0);
      expect(await readdir(temp), 'a clean exit removes its folder').toEqual([]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
      await rm(temp, { recursive: true, force: true });
    }
  });
});
