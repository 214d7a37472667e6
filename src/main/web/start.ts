/**
 * `npm run web`: the backend in a worker thread, the built renderer and the BackendApi contract
 * over HTTP on 127.0.0.1 (server.ts) — the app in a browser, for end-to-end tests and for
 * watching a headless engine.
 *
 *   npm run web -- [--port N] [--data-dir DIR] [--static-dir DIR]
 *
 * Prints `BackTestr web UI: http://127.0.0.1:PORT/` and `token: …` on stdout (the page served at
 * that URL carries the token, so opening it is enough); everything else goes to stderr.
 * The token is kept in the data folder (web-token.ts): a restart on the same port keeps open pages
 * working. SIGINT/SIGTERM: checkpoint and pause running runs, close, exit 0. A second signal exits at once.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveDataDir } from '../services/data-dir.ts';
import { startWorkerBackend } from '../services/host/worker-backend.ts';
import { startWebServer } from './server.ts';
import { persistentToken } from './web-token.ts';

const REPO = path.resolve(import.meta.dirname, '..', '..', '..');
export const DEFAULT_STATIC_DIR = path.join(REPO, 'out', 'renderer');

const USAGE = `Usage: npm run web -- [options]

Serves the BackTestr UI and its backend on http://127.0.0.1 for a browser.

Options:
  --port N          port to listen on (default: a free one)
  --data-dir DIR    data folder (default: BACKTESTR_DATA_DIR, else the app's folder)
  --static-dir DIR  the built renderer (default: out/renderer, written by npm run build)
  -h, --help        show this help
`;

export interface WebOptions {
  port: number;
  dataDir: string;
  staticDir: string;
}

/** Parses the command line; throws Error(message) for the user on bad input. */
export function parseWebArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): WebOptions | 'help' {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'static-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) return 'help';
  if (positionals.length > 0) throw new Error(`unexpected argument '${positionals[0]}'`);
  let port = 0;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535) {
      throw new Error(`--port must be a number from 0 to 65535, not '${values.port}'`);
    }
  }
  return {
    port,
    dataDir: resolveDataDir({ flag: values['data-dir'], env }),
    staticDir: path.resolve(values['static-dir'] ?? DEFAULT_STATIC_DIR),
  };
}

async function main(): Promise<number> {
  let opts: WebOptions | 'help';
  try {
    opts = parseWebArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`backtestr web: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (opts === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (!existsSync(path.join(opts.staticDir, 'index.html'))) {
    process.stderr.write(
      `backtestr web: no built UI at ${path.join(opts.staticDir, 'index.html')}; ` +
        'run `npm run build` first (`npm run web` builds it too).\n',
    );
    return 1;
  }

  const backend = await startWorkerBackend({ dataDir: opts.dataDir, host: 'web' });
  let server: Awaited<ReturnType<typeof startWebServer>>;
  try {
    server = await startWebServer({
      backend,
      staticDir: opts.staticDir,
      port: opts.port,
      token: persistentToken(opts.dataDir),
    });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why = e.code === 'EADDRINUSE' ? `port ${opts.port} is in use` : e.message;
    process.stderr.write(`backtestr web: cannot listen on 127.0.0.1: ${why}\n`);
    await backend.close();
    return 1;
  }

  let stopping = false;
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) {
      process.stderr.write(`${signal} again: exiting without waiting for runs to pause\n`);
      process.exit(130);
    }
    stopping = true;
    process.stderr.write(`${signal}: checkpointing and pausing running runs, then closing...\n`);
    try {
      // The backend first, so open pages still see the runs' 'paused' events.
      await backend.close();
      await server.close();
      process.exit(0);
    } catch (err) {
      process.stderr.write(`backtestr web: closing failed: ${(err as Error).message}\n`);
      process.exit(1);
    }
  };
  process.on('SIGINT', (s) => void stop(s));
  process.on('SIGTERM', (s) => void stop(s));

  process.stderr.write(`data folder: ${opts.dataDir}\nCtrl+C stops (running runs are paused)\n`);
  process.stdout.write(`BackTestr web UI: ${server.url}\ntoken: ${server.token}\n`);
  return -1; // keep running
}

if (import.meta.main) {
  main().then(
    (code) => {
      if (code >= 0) process.exit(code);
    },
    (err: unknown) => {
      process.stderr.write(`backtestr web: ${(err as Error)?.stack ?? String(err)}\n`);
      process.exit(1);
    },
  );
}
