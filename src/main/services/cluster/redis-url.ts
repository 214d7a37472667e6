/**
 * `redis://[USER:PASSWORD@]HOST[:PORT][/DB]` (or rediss:// for TLS) into a Redis connection for
 * BullMQ. The password may come in the URL or REDIS_PASSWORD; `redacted` is the form that may be
 * printed or stored (no credentials). BullMQ 6 loads ioredis itself only under CommonJS: an ES
 * module hands it a client (openRedis), and closes that client itself when done.
 */
import { Redis, type RedisOptions } from 'ioredis';

export interface RedisTarget {
  options: RedisOptions;
  /** redis://HOST:PORT/DB — safe for logs and the database. */
  redacted: string;
}

export class RedisUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisUrlError';
  }
}

export function parseRedisUrl(text: string, option = '--redis'): RedisTarget {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new RedisUrlError(`${option}: '${text}' is not a URL like redis://HOST:6379`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:')
    throw new RedisUrlError(`${option}: '${u.protocol}' is not redis: or rediss:`);
  if (!u.hostname) throw new RedisUrlError(`${option}: no host in the URL`);
  const port = u.port ? Number(u.port) : 6379;
  const dbText = u.pathname.replace(/^\//, '');
  const db = dbText === '' ? 0 : Number(dbText);
  if (!Number.isInteger(db) || db < 0)
    throw new RedisUrlError(`${option}: '${dbText}' is not a database number`);
  const password = u.password ? decodeURIComponent(u.password) : process.env.REDIS_PASSWORD;
  const host = u.hostname.replace(/^\[|\]$/g, '');
  return {
    options: {
      host,
      port,
      db,
      ...(u.username && { username: decodeURIComponent(u.username) }),
      ...(password && { password }),
      ...(u.protocol === 'rediss:' && { tls: {} }),
      // BullMQ's workers block on Redis: they must never give up on a command by themselves.
      maxRetriesPerRequest: null,
    },
    redacted: `${u.protocol}//${u.host}/${db}`,
  };
}

/** A new client for BullMQ (a Queue, Worker or QueueEvents each takes its own; quit it after). */
export function openRedis(target: RedisTarget): Redis {
  return new Redis(target.options);
}
