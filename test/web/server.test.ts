// The web bridge over real HTTP on a random port, against a fake backend.
import { EVENT_NAMES } from '../../src/shared/api.ts';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/main/window-options.ts';
import {
  injectToken,
  sanitiseFileName,
  startWebServer,
  tokensEqual,
  type WebServer,
} from '../../src/main/web/server.ts';
import { NOT_AN_UPLOAD } from '../../src/main/web/upload-import.ts';
import { FakeBackend, waitFor } from './fake-backend.ts';
import { makeSite, openSse, parseSse, raw } from './helpers.ts';

let site: Awaited<ReturnType<typeof makeSite>>;
let backend: FakeBackend;
let server: WebServer;

beforeAll(async () => {
  site = await makeSite();
});
afterAll(async () => {
  await rm(site.root, { recursive: true, force: true });
});
beforeEach(async () => {
  backend = new FakeBackend();
  server = await startWebServer({ backend, staticDir: site.staticDir, port: 0 });
});
afterEach(async () => {
  await server.close();
});

const invoke = (body: unknown, headers: Record<string, string> = {}) =>
  raw(server.port, {
    method: 'POST',
    path: '/api/invoke',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('startWebServer', () => {
  it('listens on 127.0.0.1 with a random 32-character token', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.port).toBeGreaterThan(0);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const other = await startWebServer({ backend, staticDir: site.staticDir });
    expect(other.token).not.toBe(server.token);
    expect(other.port).not.toBe(server.port);
    await other.close();
  });

  it('serves index.html at / with the token injected and the CSP meta tag kept', async () => {
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toBe(
      `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
    );
    const html = await res.text();
    expect(html).toContain(`<meta name="backtestr-token" content="${server.token}" />`);
    expect(html).toContain('http-equiv="Content-Security-Policy"');
    expect(html).toContain(`content="${CONTENT_SECURITY_POLICY}"`);
    // connect-src 'self' is what fetch and EventSource to this origin need.
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'self'");
    expect(html).toContain('<div id="root"></div>');
    expect((await fetch(new URL('index.html', server.url))).status).toBe(200);
  });

  it('serves assets with their content types and HEAD without a body', async () => {
    const js = await fetch(new URL('assets/index-abc.js', server.url));
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await js.text()).toBe('console.log("app");\n');
    const css = await fetch(new URL('assets/index-abc.css', server.url));
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const bin = await fetch(new URL('assets/blob.bin', server.url));
    expect(bin.headers.get('content-type')).toBe('application/octet-stream');
    expect([...new Uint8Array(await bin.arrayBuffer())]).toEqual([1, 2, 3]);
    const head = await raw(server.port, { method: 'HEAD', path: '/assets/index-abc.js' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect((await fetch(new URL('assets/nope.js', server.url))).status).toBe(404);
    expect((await fetch(new URL('favicon.ico', server.url))).status).toBe(204); // none built
    expect((await fetch(new URL('assets', server.url))).status).toBe(404); // a folder
    expect((await raw(server.port, { method: 'DELETE', path: '/' })).status).toBe(405);
  });

  it('refuses path traversal in every spelling', async () => {
    const attempts = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/%5c..%5csecret.txt',
      '/....//secret.txt',
      `/${encodeURIComponent(site.root)}/secret.txt`,
      '/%00/../secret.txt',
      '/%',
    ];
    for (const p of attempts) {
      const res = await raw(server.port, { path: p });
      expect([400, 404], p).toContain(res.status);
      expect(res.body, p).not.toContain(site.secret);
    }
  });

  it('requires the Host header to name this server (DNS rebinding)', async () => {
    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`]) {
      expect((await raw(server.port, { host })).status, host).toBe(200);
    }
    for (const host of [
      `evil.example:${server.port}`,
      '127.0.0.1',
      `127.0.0.1:${server.port + 1}`,
      `0.0.0.0:${server.port}`,
    ]) {
      const res = await raw(server.port, { host });
      expect(res.status, host).toBe(403);
      expect(res.body).not.toContain(server.token);
    }
    // Node itself refuses an HTTP/1.1 request without Host (400).
    expect([400, 403]).toContain((await raw(server.port, { host: null })).status);
    const api = await raw(server.port, {
      method: 'POST',
      path: '/api/invoke',
      host: `rebound.example:${server.port}`,
      headers: { 'x-backtestr-token': server.token },
      body: JSON.stringify({ channel: 'app:info' }),
    });
    expect(api.status).toBe(403);
    expect(backend.calls).toEqual([]);
  });

  it('invoke with the token answers {ok: true, result}', async () => {
    const res = await invoke(
      { channel: 'runs:get', args: { runId: 'r1' } },
      { 'x-backtestr-token': server.token },
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(res.body)).toEqual({
      ok: true,
      result: { echo: { channel: 'runs:get', args: { runId: 'r1' } } },
    });
    expect(backend.calls).toEqual([{ channel: 'runs:get', args: { runId: 'r1' } }]);
  });

  it('invoke without or with a wrong token is 401 and runs nothing', async () => {
    const body = { channel: 'runs:discard', args: { runId: 'r1' } };
    const tampered = server.token.slice(0, -1) + (server.token.endsWith('A') ? 'B' : 'A');
    const attempts: Record<string, string>[] = [
      {},
      { 'x-backtestr-token': '' },
      { 'x-backtestr-token': 'wrong' },
      { 'x-backtestr-token': tampered },
      { 'x-backtestr-token': server.token + 'x' },
      { authorization: `Bearer ${server.token}` },
    ];
    for (const headers of attempts) {
      const res = await invoke(body, headers);
      expect(res.status, JSON.stringify(headers)).toBe(401);
      expect(JSON.parse(res.body)).toEqual({ ok: false, error: 'missing or wrong token' });
    }
    expect(backend.calls).toEqual([]);
  });

  it('malformed requests are 400 and reach no handler', async () => {
    const token = { 'x-backtestr-token': server.token };
    for (const body of ['{not json', '', '[1,2]', 'null', '"app:info"', '{"args":{}}']) {
      const res = await invoke(body, token);
      expect(res.status, body).toBe(400);
      expect(JSON.parse(res.body).ok).toBe(false);
    }
    for (const channel of ['nope:nothing', 'constructor', '__proto__', 'toString']) {
      const res = await invoke({ channel }, token);
      expect(res.status, channel).toBe(400);
      expect(JSON.parse(res.body).error).toBe(`unknown channel '${channel}'`);
    }
    expect((await raw(server.port, { path: '/api/invoke', headers: token })).status).toBe(405);
    expect((await raw(server.port, { path: '/api/other', headers: token })).status).toBe(404);
    expect(backend.calls).toEqual([]);
  });

  it('refuses invoke bodies over 1 MB with 413', async () => {
    const big = JSON.stringify({ channel: 'app:info', args: { pad: 'x'.repeat(1024 * 1024) } });
    const res = await invoke(big, { 'x-backtestr-token': server.token });
    expect(res.status).toBe(413);
    expect(backend.calls).toEqual([]);
  });

  it('a handler error is HTTP 200 {ok: false, error: message}', async () => {
    backend.handler = () => {
      throw new Error("runs:start: line 7 of 'ma.ts': bad param");
    };
    const res = await invoke(
      { channel: 'runs:start', args: { strategy: 'x' } },
      { 'x-backtestr-token': server.token },
    );
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({
      ok: false,
      error: "runs:start: line 7 of 'ma.ts': bad param",
    });
  });

  it('data:import of a server path is refused before the backend sees it', async () => {
    for (const file of ['/etc/passwd', path.join(site.root, 'secret.txt'), 'upload:nope']) {
      const res = await invoke(
        { channel: 'data:import', args: { file, symbol: 'EURUSD' } },
        { 'x-backtestr-token': server.token },
      );
      expect(JSON.parse(res.body), file).toEqual({ ok: false, error: NOT_AN_UPLOAD });
    }
    expect(backend.calls).toEqual([]);
  });

  it('refuses cross-origin API requests even with the token', async () => {
    const res = await invoke(
      { channel: 'app:info' },
      { 'x-backtestr-token': server.token, origin: 'http://evil.example' },
    );
    expect(res.status).toBe(403);
    const same = await invoke(
      { channel: 'app:info' },
      { 'x-backtestr-token': server.token, origin: `http://127.0.0.1:${server.port}` },
    );
    expect(same.status).toBe(200);
    expect(backend.calls).toHaveLength(1);
  });

  it('streams backend events as Server-Sent Events and unsubscribes on close', async () => {
    const sse = await openSse(server.port, `?token=${encodeURIComponent(server.token)}`);
    expect(sse.status).toBe(200);
    await waitFor(() => backend.listenerCount() === EVENT_NAMES.length, 'the server to subscribe');
    backend.emit('run:state', { runId: 'r1', status: 'running' });
    backend.emit('checkpoint:written', {
      runId: 'r1',
      seq: 2,
      ticks: 100,
      bytes: 5,
      trigger: 'interval',
      ok: true,
    } as never);
    backend.emit('run:state', { runId: 'r1', status: 'failed', error: 'line 1\nline 2' });
    await waitFor(() => sse.text().includes('line 2'), 'the events');
    const frames = parseSse(sse.text());
    expect(frames[0]).toMatchObject({ retry: '1000' });
    const events = frames.filter((f) => f.event);
    expect(events.map((f) => f.event)).toEqual(['run:state', 'checkpoint:written', 'run:state']);
    expect(JSON.parse(events[0]!.data!)).toEqual({ runId: 'r1', status: 'running' });
    expect(JSON.parse(events[2]!.data!).error).toBe('line 1\nline 2'); // one data line: JSON
    sse.close();
    await waitFor(() => backend.listenerCount() === 0, 'the server to unsubscribe');
  });

  it('event streams need the token', async () => {
    for (const q of ['', '?token=', '?token=wrong']) {
      const sse = await openSse(server.port, q);
      expect(sse.status, q).toBe(401);
      await sse.ended;
    }
    expect(backend.listenerCount()).toBe(0);
  });

  it('sends a ping event as the heartbeat pages watch for silence', async () => {
    const fast = await startWebServer({ backend, staticDir: site.staticDir, keepAliveMs: 50 });
    const sse = await openSse(fast.port, `?token=${fast.token}`);
    // An event, not a comment: EventSource never shows comments to the page.
    await waitFor(() => sse.text().includes('event: ping\ndata: 0\n\n'), 'a ping');
    await fast.close(); // ends the open stream too
    await sse.ended;
    expect(backend.listenerCount()).toBe(0);
  });

  it('close() stops listening and ends event streams', async () => {
    const sse = await openSse(server.port, `?token=${server.token}`);
    await server.close();
    await sse.ended;
    expect(backend.listenerCount()).toBe(0);
    await expect(fetch(server.url)).rejects.toThrow();
    await server.close(); // idempotent
  });
});

describe('upload', () => {
  let uploadDir: string;
  beforeEach(async () => {
    uploadDir = await mkdtemp(path.join(site.root, 'uploads-'));
    await server.close();
    server = await startWebServer({
      backend,
      staticDir: site.staticDir,
      uploadDir,
      uploadLimitBytes: 10_000_000,
    });
  });

  const upload = (name: string | null, headers: Record<string, string>, data: Buffer) =>
    raw(server.port, {
      method: 'POST',
      path: name === null ? '/api/upload' : `/api/upload?name=${encodeURIComponent(name)}`,
      headers,
      body: data,
    });

  /** The one upload folder of the running server, and the files in it. */
  const folder = () => {
    const names = readdirSync(uploadDir);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(new RegExp(`^backtestr-uploads-${process.pid}-[A-Za-z0-9]+$`));
    return path.join(uploadDir, names[0]!);
  };
  /** data:import of an upload id through the bridge; the fake backend reads the file it gets. */
  const importBytes = async (id: string) => {
    backend.handler = async (_channel, args) => {
      const file = (args as { file: string }).file;
      return { file, text: await readFile(file, 'utf8') };
    };
    const res = await invoke(
      { channel: 'data:import', args: { file: id, symbol: 'EURUSD' } },
      { 'x-backtestr-token': server.token },
    );
    return JSON.parse(res.body) as { ok: boolean; result?: { file: string; text: string } };
  };

  it('streams the body under a random name into its folder and answers an opaque id', async () => {
    const data = Buffer.alloc(3_000_000);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7919) & 0xff;
    const res = await upload('EURUSD 2024 ticks.csv', { 'x-backtestr-token': server.token }, data);
    expect(res.status).toBe(200);
    const reply = JSON.parse(res.body) as { upload: string; name: string };
    expect(reply).toEqual({
      upload: expect.stringMatching(/^upload:/),
      name: 'EURUSD 2024 ticks.csv',
    });
    expect(res.body, 'the reply names no server path').not.toContain(uploadDir);
    const [stored] = readdirSync(folder());
    expect(stored).toMatch(/^[0-9a-f]{24}\.csv$/);
    expect((await readFile(path.join(folder(), stored!))).equals(data)).toBe(true);
    // The same name twice keeps both files.
    const again = await upload(
      'EURUSD 2024 ticks.csv',
      { 'x-backtestr-token': server.token },
      data,
    );
    expect(JSON.parse(again.body).upload).not.toBe(reply.upload);
    expect(readdirSync(folder())).toHaveLength(2);
    await server.close(); // removes the uploads
    expect(await readdir(uploadDir)).toEqual([]);
  });

  it('also takes a chunked body; a hostile name never reaches the disk', async () => {
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: `/api/upload?name=${encodeURIComponent('../../etc/passwd')}`,
          headers: { 'x-backtestr-token': server.token },
        },
        (r) => {
          let body = '';
          r.on('data', (c) => (body += c));
          r.on('end', () => resolve({ status: r.statusCode!, body }));
        },
      );
      req.on('error', reject);
      req.write('a,b\n');
      setTimeout(() => req.end('1,2\n'), 20);
    });
    expect(res.status).toBe(200);
    const { upload: id, name } = JSON.parse(res.body) as { upload: string; name: string };
    expect(name).toBe('passwd');
    const imported = await importBytes(id);
    expect(imported.result?.text).toBe('a,b\n1,2\n');
    expect(path.dirname(imported.result!.file)).toBe(folder());
  });

  it('deletes the upload when its import ends, and names the user file in the error', async () => {
    const res = await upload(
      'GBPUSD_bad.csv',
      { 'x-backtestr-token': server.token },
      Buffer.from('x'),
    );
    const { upload: id } = JSON.parse(res.body) as { upload: string };
    backend.handler = (_channel, args) => {
      throw new Error(`${(args as { file: string }).file}:1235: bid is not a number`);
    };
    const failed = await invoke(
      { channel: 'data:import', args: { file: id, symbol: 'GBPUSD' } },
      { 'x-backtestr-token': server.token },
    );
    expect(JSON.parse(failed.body)).toEqual({
      ok: false,
      error: 'GBPUSD_bad.csv:1235: bid is not a number',
    });
    expect(readdirSync(folder()), 'the upload is gone after a failed import').toEqual([]);
    const ok = await upload('a.csv', { 'x-backtestr-token': server.token }, Buffer.from('y'));
    expect((await importBytes(JSON.parse(ok.body).upload)).ok).toBe(true);
    expect(readdirSync(folder()), 'the upload is gone after a good import').toEqual([]);
  });

  it('sweeps upload folders of servers that are gone, not of live ones', async () => {
    const dead = await deadPid();
    const leftover = path.join(uploadDir, `backtestr-uploads-${dead}-Abc123`);
    const live = path.join(uploadDir, `backtestr-uploads-${process.ppid}-Abc123`);
    const notOurs = path.join(uploadDir, 'backtestr-uploads-notes');
    for (const dir of [leftover, live, notOurs]) {
      await mkdir(dir);
      await writeFile(path.join(dir, 'x.csv'), 'x');
    }
    const sibling = await startWebServer({ backend, staticDir: site.staticDir, uploadDir });
    try {
      const names = await readdir(uploadDir);
      expect(names).not.toContain(path.basename(leftover));
      expect(names).toContain(path.basename(live));
      expect(names).toContain(path.basename(notOurs));
      // The first server (same process, started earlier) still has its folder.
      expect(names.filter((n) => n.startsWith(`backtestr-uploads-${process.pid}-`))).toHaveLength(
        2,
      );
    } finally {
      await sibling.close();
    }
  });

  it('needs the token and a name; refuses uploads over the limit', async () => {
    const data = Buffer.from('x');
    expect((await upload('a.csv', {}, data)).status).toBe(401);
    expect((await upload('a.csv', { 'x-backtestr-token': 'nope' }, data)).status).toBe(401);
    expect((await upload(null, { 'x-backtestr-token': server.token }, data)).status).toBe(400);
    const big = await upload(
      'big.csv',
      { 'x-backtestr-token': server.token },
      Buffer.alloc(10_000_001),
    );
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body).error).toBe('upload larger than the limit of 10000000 bytes');
    expect(readdirSync(folder())).toEqual([]);
  });
  /** A chunked upload (no Content-Length): `chunks` MB, then either the end or an abort. */
  function chunkedUpload(
    chunks: number,
    finish: 'end' | 'abort',
  ): Promise<{ status: number; body: string } | Error> {
    return new Promise((resolve) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: '/api/upload?name=big.csv',
          headers: { 'x-backtestr-token': server.token },
        },
        (r) => {
          let body = '';
          r.on('data', (c) => (body += c));
          r.on('end', () => resolve({ status: r.statusCode!, body }));
          r.on('error', resolve);
        },
      );
      req.on('error', resolve);
      let sent = 0;
      const next = (): void => {
        if (sent++ < chunks) req.write(Buffer.alloc(1024 * 1024, 0x41), () => setImmediate(next));
        else if (finish === 'end') req.end();
        else {
          req.destroy();
          resolve(new Error('aborted'));
        }
      };
      next();
    });
  }

  it('stops a streamed upload at the limit and removes the partial file', async () => {
    const res = await chunkedUpload(12, 'end');
    // The server answers 413 and closes; a client still sending may see the reset instead.
    if (!(res instanceof Error)) expect(res.status).toBe(413);
    await waitFor(() => readdirSync(folder()).length === 0, 'the partial upload to go');
  });

  it('removes the partial file of an aborted upload', async () => {
    await chunkedUpload(3, 'abort');
    await waitFor(() => readdirSync(folder()).length === 0, 'the partial upload to go');
    // The server is fine afterwards.
    expect((await raw(server.port)).status).toBe(200);
  });
});

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

describe('helpers', () => {
  it('sanitiseFileName keeps a recognisable, safe last segment', () => {
    expect(sanitiseFileName('ticks.csv')).toBe('ticks.csv');
    expect(sanitiseFileName('C:\\Users\\me\\EUR USD (1).csv')).toBe('EUR USD (1).csv');
    expect(sanitiseFileName('../../x/y.csv')).toBe('y.csv');
    expect(sanitiseFileName('a<b>c:d"e|f?g*h\u0001.csv')).toBe('a_b_c_d_e_f_g_h_.csv');
    expect(sanitiseFileName('..')).toBe('upload');
    expect(sanitiseFileName('')).toBe('upload');
    expect(sanitiseFileName('.hidden. ')).toBe('hidden');
    expect(sanitiseFileName('CON.csv')).toBe('_CON.csv');
    expect(sanitiseFileName('é日本.csv')).toBe('é日本.csv');
    expect(sanitiseFileName('x'.repeat(300))).toHaveLength(200);
  });

  it('injectToken escapes the token and places it in <head>', () => {
    expect(injectToken('<html><head><title>t</title></head></html>', 'a"b<')).toBe(
      '<html><head>\n    <meta name="backtestr-token" content="a&#34;b&#60;" /><title>t</title></head></html>',
    );
  });

  it('tokensEqual compares whole tokens', () => {
    expect(tokensEqual('abc', 'abc')).toBe(true);
    expect(tokensEqual('abd', 'abc')).toBe(false);
    expect(tokensEqual('ab', 'abc')).toBe(false);
    expect(tokensEqual(undefined, 'abc')).toBe(false);
    expect(tokensEqual(null, 'abc')).toBe(false);
  });
});
