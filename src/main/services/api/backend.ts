/**
 * The backend: every contract channel served by one typed handler map over the services, plus
 * the pushed events. Hosts carry it to the UI unchanged — Electron (in a worker thread, see
 * services/host), the web bridge, tests — so they all behave alike.
 *
 *   invoke(channel, args)   args checked against the contract's schema before anything runs;
 *                           errors come back as plain Error(message)
 *   on(event, listener)     run:progress, run:state, checkpoint:written, import:progress
 *   pauseAll()              OS suspend / shutdown: checkpoint and pause every active run and sweep
 *   close()                 pauseAll, wait for calls in flight, close the cluster connection
 *                           and the database
 *
 * One backend per data folder per process: at start it takes over runs this process left
 * 'running' (a previous backend here that died, e.g. a crashed worker) as interrupted.
 */
import {
  parseArgs,
  type ArgsOf,
  type BackendApi,
  type Channel,
  type EventMap,
  type ResultOf,
} from '../../../shared/contract.ts';
import { openDatabase, type Db } from '../db/database.ts';
import { loadHasher } from '../hash.ts';
import { ActiveRuns } from './active-runs.ts';
import { ActiveSweeps } from './active-sweeps.ts';
import { appHandlers } from './app.ts';
import { chartsHandlers } from './charts.ts';
import { checkpointsHandlers } from './checkpoints.ts';
import { ClusterConnection } from './cluster-connection.ts';
import type { BackendContext } from './context.ts';
import { dataHandlers } from './data.ts';
import { Emitter } from './events.ts';
import type { Handler, Handlers } from './handler-types.ts';
import { runsHandlers } from './runs.ts';
import { settingsHandlers } from './settings.ts';
import { strategiesHandlers } from './strategies.ts';
import { sweepsHandlers } from './sweeps.ts';

export interface Backend extends BackendApi {
  /** Checkpoints and pauses every active run and sweep, waits for them; the backend stays usable. */
  pauseAll(): Promise<void>;
  /** pauseAll, then waits for calls in flight and closes the database. Idempotent. */
  close(): Promise<void>;
}

export interface BackendOptions {
  dataDir: string;
  host: 'electron' | 'web';
}

/** Every channel's handler; a domain left out or a handler of the wrong type does not compile. */
export function createHandlers(ctx: BackendContext): Handlers {
  return {
    ...appHandlers(ctx),
    ...dataHandlers(ctx),
    ...strategiesHandlers(ctx),
    ...runsHandlers(ctx),
    ...chartsHandlers(ctx),
    ...checkpointsHandlers(ctx),
    ...settingsHandlers(ctx),
    ...sweepsHandlers(ctx),
  };
}

export async function createBackend(opts: BackendOptions): Promise<Backend> {
  await loadHasher();
  const db = openDatabase(opts.dataDir);
  try {
    interruptOwnOrphans(db);
  } catch (err) {
    db.close();
    throw err;
  }
  const events = new Emitter<EventMap>();
  const cluster = new ClusterConnection(db);
  const runs = new ActiveRuns(db, opts.dataDir, events, cluster);
  const sweeps = new ActiveSweeps(db, opts.dataDir, events);
  const handlers = createHandlers({
    db,
    dataDir: opts.dataDir,
    host: opts.host,
    events,
    runs,
    sweeps,
    cluster,
  });
  // A sweep's jobs are not in ActiveRuns: each pauses through its sweep's control.
  const pauseAll = async (): Promise<void> => {
    await Promise.all([sweeps.pauseAll(), runs.pauseAll()]);
  };
  const inFlight = new Set<Promise<unknown>>();
  let closing: Promise<void> | null = null;

  async function call<C extends Channel>(channel: C, args: unknown): Promise<ResultOf<C>> {
    try {
      if (closing) throw new Error(`${String(channel)}: the backend is closed`);
      const parsed = checkCall(channel, args);
      const handler = handlers[channel] as Handler<C>;
      return await handler(parsed);
    } catch (err) {
      throw plainError(err);
    }
  }

  return {
    invoke<C extends Channel>(channel: C, args?: ArgsOf<C>): Promise<ResultOf<C>> {
      const p = call(channel, args);
      inFlight.add(p);
      const forget = () => inFlight.delete(p);
      p.then(forget, forget);
      return p;
    },
    on: (event, listener) => events.on(event, listener),
    pauseAll,
    close() {
      closing ??= (async () => {
        await pauseAll();
        await Promise.allSettled([...inFlight]);
        await pauseAll(); // a runs:start or sweeps:start in flight may have started one
        await cluster.close();
        db.close();
      })();
      return closing;
    },
  };
}

/**
 * A call's channel and arguments checked against the contract (parseArgs), also for channel
 * names a caller made up — `toString` is no channel even though `contract.toString` exists.
 */
export function checkCall<C extends Channel>(channel: C, args: unknown): ArgsOf<C> {
  return parseArgs(channel, args);
}

/** What crosses to the UI: the message only (no stack, no class the other side cannot rebuild). */
function plainError(err: unknown): Error {
  return new Error(err instanceof Error ? err.message : String(err));
}

/**
 * Runs and sweeps this process left 'running' without a backend driving them: the loop of a
 * previous backend in this process (a worker thread that crashed or was terminated) is gone, but
 * the process id in the row is still alive, so markDeadRunsInterrupted (markDeadSweepsInterrupted)
 * cannot tell. This backend has no runs or sweeps yet, so every such one is orphaned.
 */
function interruptOwnOrphans(db: Db): void {
  db.prepare(
    `UPDATE runs SET status = 'interrupted', owner_pid = NULL WHERE status = 'running' AND owner_pid = ?`,
  ).run(process.pid);
  db.prepare(
    `UPDATE sweeps SET status = 'interrupted', owner_pid = NULL, owner_token = NULL
     WHERE status = 'running' AND owner_pid = ?`,
  ).run(process.pid);
}
