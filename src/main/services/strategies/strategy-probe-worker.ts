/**
 * A short-lived worker that imports user strategy files one after the other and reports each
 * one's plain metadata (or its load error). User code runs at import (top-level statements and
 * awaits), so it runs here, where strategy-probe.ts can time it out and terminate it, never on
 * the thread that lists strategies for the CLI or the app. Bundled as its own entry
 * (electron.vite.config.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadUserStrategyFile, StrategyLoadError } from './user-strategy-file.ts';
import type { FromProbeWorker } from './strategy-probe.ts';

const port = parentPort;
if (!port) throw new Error('strategy-probe-worker.ts must run in a worker thread');
// A listener keeps the thread alive while an import's top-level await hangs, so the host's
// timeout (which names the file) decides, not an unsettled-await exit.
port.on('message', () => {});
const send = (m: FromProbeWorker): void => port.postMessage(m);
const HOOKS = ['requires', 'init', 'onBar', 'onTick'] as const;

for (const file of (workerData as { files: string[] }).files) {
  send({ type: 'loading', file });
  try {
    const { module, params } = await loadUserStrategyFile(file);
    send({
      type: 'loaded',
      file,
      info: {
        name: module.name,
        description: module.description,
        params,
        hooks: HOOKS.filter((k) => typeof module[k] === 'function'),
      },
    });
  } catch (err) {
    const message =
      err instanceof StrategyLoadError
        ? err.problem
        : err instanceof Error
          ? err.message
          : String(err);
    send({ type: 'failed', file, message });
  }
}
send({ type: 'done' });
