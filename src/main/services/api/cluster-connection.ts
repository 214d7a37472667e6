/**
 * The backend's one connection to the cluster of its settings. Opened lazily, at the first run
 * sent there (an app that never uses a cluster never connects), then shared by every cluster run
 * of the backend — one Queue, one QueueEvents and one store client however many runs — and closed
 * when the settings point elsewhere or the backend closes. The URLs live in the `settings` table
 * (without credentials: cluster-settings.ts refuses a Redis password there).
 */
import type { ClusterSettingsInput } from '../../../shared/cluster-settings.ts';
import type { ClusterSettings, ClusterTestResult } from '../../../shared/dto.ts';
import { parseRedisUrl } from '../cluster/redis-url.ts';
import { parseStoreUrl, formatStoreUrl } from '../cluster/store/store-url.ts';
import { ClusterClient, type ClusterTarget } from '../cluster/submit/cluster-client.ts';
import type { Db } from '../db/database.ts';
import { getSetting, setSetting } from '../settings/settings-store.ts';
import { openWithin } from './cluster-open.ts';

/** How long Test connection (and a run's first connect) may take before it is called failed. */
export const CONNECT_MS = 5_000;

type Urls = NonNullable<ClusterSettingsInput>;

export class ClusterConnection {
  readonly #db: Db;
  #client: Promise<ClusterClient> | null = null;
  #connected = false;
  #error: string | null = null;

  constructor(db: Db) {
    this.#db = db;
  }

  settings(): ClusterSettings {
    const urls = getSetting(this.#db, 'cluster');
    return {
      redisUrl: urls?.redisUrl ?? null,
      storeUrl: urls?.storeUrl ?? null,
      status: !urls ? 'unset' : this.#error ? 'error' : this.#connected ? 'connected' : 'idle',
      error: urls ? this.#error : null,
    };
  }

  /** Stores new URLs (null forgets them); a connection to the old cluster is closed. */
  async set(urls: Urls | null): Promise<ClusterSettings> {
    if (urls) targetOf(urls); // the backend's own parsers have the last word
    setSetting(this.#db, 'cluster', urls);
    await this.close();
    return this.settings();
  }

  /** The shared client; refuses clearly when no cluster is configured or it cannot be reached. */
  client(): Promise<ClusterClient> {
    if (!this.#client) {
      const urls = getSetting(this.#db, 'cluster');
      if (!urls)
        return Promise.reject(
          new Error('no cluster configured: set its Redis and store URLs in Settings first'),
        );
      const opening = openWithin(targetOf(urls), CONNECT_MS);
      this.#client = opening;
      opening.then(
        () => {
          if (this.#client === opening) [this.#connected, this.#error] = [true, null];
        },
        (err: unknown) => {
          // Forgotten, so that the next run tries again (Redis may be back by then).
          if (this.#client !== opening) return;
          this.#client = null;
          this.#error = messageOf(err);
        },
      );
    }
    return this.#client;
  }

  /**
   * Refuses to follow a run on another cluster than the one it was sent to (its job and
   * checkpoints are there): `sent` is its cluster_runs row's redacted Redis URL and store URL;
   * `what` names it ("run X", "sweep Y").
   */
  requireSame(what: string, sent: { redis: string; store: string }): void {
    const urls = getSetting(this.#db, 'cluster');
    const now = urls && targetOf(urls);
    if (now && now.redis.redacted === sent.redis && formatStoreUrl(now.store) === sent.store)
      return;
    const there = now ? `${now.redis.redacted} and ${formatStoreUrl(now.store)}` : 'no cluster';
    throw new Error(
      `${what} was sent to ${sent.redis} and ${sent.store}, but the settings name ${there}: set those URLs in Settings to follow it again`,
    );
  }

  /** Opens a separate connection to `urls` (default: the stored ones) and closes it again. */
  async test(urls?: Urls): Promise<ClusterTestResult> {
    const given = urls ?? getSetting(this.#db, 'cluster');
    if (!given) throw new Error('no cluster configured: enter its Redis and store URLs first');
    const target = targetOf(given);
    const base = { redis: target.redis.redacted, store: formatStoreUrl(target.store) };
    const t0 = performance.now();
    try {
      const client = await openWithin(target, CONNECT_MS, true);
      await client.close();
      return { ...base, reachable: true, error: null, ms: performance.now() - t0 };
    } catch (err) {
      return { ...base, reachable: false, error: messageOf(err), ms: performance.now() - t0 };
    }
  }

  async close(): Promise<void> {
    const client = this.#client;
    this.#client = null;
    [this.#connected, this.#error] = [false, null];
    if (client) await client.then((c) => c.close()).catch(() => {});
  }
}

function targetOf(urls: Urls): ClusterTarget {
  return {
    redis: parseRedisUrl(urls.redisUrl, 'Redis URL'),
    store: parseStoreUrl(urls.storeUrl, 'store URL'),
  };
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
