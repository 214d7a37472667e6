/**
 * The rules for the app's cluster settings, shared by the contract (the backend checks every
 * settings:setCluster with them) and the Settings form (which shows a problem before sending).
 * They follow the backend's parsers — parseRedisUrl (services/cluster/redis-url.ts) and
 * parseStoreUrl (services/cluster/store/store-url.ts), which src/shared may not import; a test
 * holds the two to the same verdicts — and add one rule of their own: no password in the Redis
 * URL. Settings are stored in the data folder's database, where no secret may land; the
 * password comes from REDIS_PASSWORD in the environment of the app instead.
 */
import { z } from 'zod';

/** Why `text` is not a Redis URL the app may store, or null when it is one. */
export function redisUrlProblem(text: string): string | null {
  let u: URL;
  try {
    u = new URL(text.trim());
  } catch {
    return `'${text}' is not a URL like redis://HOST:6379`;
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:')
    return `'${u.protocol}' is not redis: or rediss:`;
  if (!u.hostname) return 'no host in the URL';
  if (u.password)
    return 'a password in the URL would be stored in the data folder: remove it and set REDIS_PASSWORD in the environment of the app instead';
  const dbText = u.pathname.replace(/^\//, '');
  if (dbText !== '' && !/^\d+$/.test(dbText)) return `'${dbText}' is not a database number`;
  return null;
}

/** S3's rules for bucket names, as store-url.ts. */
const BUCKET_RE = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Why `text` is not an s3://BUCKET/PREFIX store URL, or null when it is one. */
export function storeUrlProblem(text: string): string | null {
  const m = /^s3:\/\/([^/]+)(?:\/(.*))?$/.exec(text.trim());
  if (!m)
    return `'${text}' is not an s3://BUCKET/PREFIX URL (the endpoint and credentials come from AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, … or ~/.aws)`;
  if (!BUCKET_RE.test(m[1])) return `'${m[1]}' is not a valid bucket name`;
  const prefix = (m[2] ?? '').replace(/^\/+|\/+$/g, '');
  if (prefix.split('/').some((p) => p === '..' || p === '.'))
    return `the prefix '${prefix}' may not contain '.' or '..'`;
  return null;
}

const url = (problem: (text: string) => string | null) =>
  z
    .string()
    .max(2048)
    .transform((s) => s.trim())
    .superRefine((s, ctx) => {
      const p = problem(s);
      if (p) ctx.addIssue({ code: 'custom', message: p });
    });

/** settings:setCluster's argument: both URLs, or null to forget the cluster. */
export const clusterSettingsSchema = z
  .object({ redisUrl: url(redisUrlProblem), storeUrl: url(storeUrlProblem) })
  .strict()
  .nullable();

export type ClusterSettingsInput = z.input<typeof clusterSettingsSchema>;
