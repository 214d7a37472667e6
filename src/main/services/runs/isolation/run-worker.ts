/**
 * One run session (start or resume) in its own worker thread: opens its own connection to the
 * data folder's database, loads the strategy and drives the run with the in-process services
 * (prepareRun/startRun, resumeRun). Strategy code runs only here, so the thread that answers
 * signals and IPC (run-host.ts) stays free even when a callback never returns; every strategy
 * call is marked in the shared watch buffer for the host's watchdog. Bundled as its own entry
 * (electron.vite.config.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CALLBACK, CallbackWatch } from '../../../engine/strategy/callback-watch.ts';
import { progressEvent } from '../../api/live-progress.ts';
import { openDatabase } from '../../db/database.ts';
import type { LoadWatch } from '../../strategies/strategy-loader.ts';
import { resumeRun } from '../resume-service.ts';
import { prepareRun, RunControl, startRun, type RunOptions } from '../run-service.ts';
import { getRun } from '../run-store.ts';
import type { FromRunWorker, RunWorkerData, ToRunWorker } from './run-protocol.ts';

const port = parentPort;
if (!port) throw new Error('run-worker.ts must run in a worker thread');
const data = workerData as RunWorkerData;
const send = (m: FromRunWorker): void => port.postMessage(m);

const control = new RunControl();
port.on('message', (m: ToRunWorker) => {
  if (m.type === 'pause') control.requestPause(m.reason);
  else if (m.type === 'stop') control.requestStop();
  else control.requestCheckpoint();
});

const watch = new CallbackWatch(data.watch);
const loadWatch: LoadWatch = {
  loading(file) {
    send({ type: 'loading', file }); // first, so the host can name the file if this hangs
    watch.enter(CALLBACK.loading, -1, -1, NaN);
  },
  loaded: () => watch.exit(),
};

const db = openDatabase(data.dataDir);
let outcome: FromRunWorker;
try {
  const opts: RunOptions = {
    checkpoints: data.checkpoints,
    control,
    callbackWatch: watch,
    loadWatch,
    sweepJob: data.sweepJob,
    onStart(runId) {
      const config = getRun(db, runId)!.config;
      send({
        type: 'started',
        runId,
        strategy: config.strategy ? (config.strategy.file ?? config.strategy.name) : null,
        symbols: config.symbols,
        timeframes: config.timeframes,
      });
    },
    onProgress: (progress, backtest) =>
      send({
        type: 'progress',
        progress,
        event: data.liveProgress ? progressEvent(progress, backtest) : null,
      }),
    onCheckpoint: (result, trigger) => send({ type: 'checkpoint', result, trigger }),
  };
  const job = data.job;
  const summary =
    job.kind === 'start'
      ? await startRun(
          db,
          data.dataDir,
          await prepareRun(db, data.dataDir, job.request, loadWatch),
          opts,
        )
      : await resumeRun(db, data.dataDir, job.request, opts);
  outcome = { type: 'done', summary };
} catch (err) {
  const e = err instanceof Error ? err : new Error(String(err));
  outcome = { type: 'failed', name: e.name, message: e.message };
}
// Closed before the outcome is sent: the host terminates the thread when it gets it, so timers
// or promises a strategy left behind cannot keep the session (and the CLI) alive.
db.close();
send(outcome);
