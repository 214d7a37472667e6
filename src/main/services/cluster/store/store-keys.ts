/**
 * The object layout under a store's prefix — one place, so the submitter, the workers and
 * `resume --from` agree on it (docs/scaling.md draws it):
 *
 *   chunks/<hash>                                   tick chunk, content-addressed (tick_chunks.hash)
 *   strategies/<sha256>.mjs                         a user strategy's source, content-addressed
 *   runs/<run-id>/job.json                          the cluster job's manifest (job-manifest.ts)
 *   runs/<run-id>/checkpoints/<attempt>/ckpt-….btck a savepoint per checkpoint, per attempt
 *   runs/<run-id>/results/<attempt>.btres           the finished run's output (run-result.ts)
 *   runs/<run-id>/quarantine/<attempt>/ckpt-….btck  objects that failed a check, moved aside
 *
 * Every key an attempt writes holds its attempt id, so two attempts of one job (a worker whose
 * lock expired and came back) never overwrite each other's objects: the fence is the key.
 */
import type { StoreUrl } from './store-url.ts';

/** Ids that become key segments: letters, digits, '-', '_' and '.', never '.' or '..' alone. */
const SEGMENT_RE = /^(?!\.{1,2}$)[A-Za-z0-9._-]{1,128}$/;

export function checkSegment(what: string, s: string): string {
  if (!SEGMENT_RE.test(s)) throw new Error(`${what} '${s}' cannot be part of an object key`);
  return s;
}

function under(url: StoreUrl, key: string): string {
  return url.prefix ? `${url.prefix}/${key}` : key;
}

export const storeKeys = {
  chunk: (url: StoreUrl, hash: string) => under(url, `chunks/${checkSegment('chunk hash', hash)}`),
  strategy: (url: StoreUrl, sha256: string) =>
    under(url, `strategies/${checkSegment('strategy hash', sha256)}.mjs`),
  run: (url: StoreUrl, runId: string) => under(url, `runs/${checkSegment('run id', runId)}`),
  job: (url: StoreUrl, runId: string) => `${storeKeys.run(url, runId)}/job.json`,
  checkpoints: (url: StoreUrl, runId: string) => `${storeKeys.run(url, runId)}/checkpoints/`,
  checkpoint: (url: StoreUrl, runId: string, attempt: string, fileName: string) =>
    `${storeKeys.checkpoints(url, runId)}${checkSegment('attempt', attempt)}/${checkSegment('file', fileName)}`,
  result: (url: StoreUrl, runId: string, attempt: string) =>
    `${storeKeys.run(url, runId)}/results/${checkSegment('attempt', attempt)}.btres`,
  quarantine: (url: StoreUrl, runId: string, attempt: string, fileName: string) =>
    `${storeKeys.run(url, runId)}/quarantine/${checkSegment('attempt', attempt)}/${checkSegment('file', fileName)}`,
};

/** `<host>-<pid>-<n>`: who wrote an object, readable in a listing, safe as a key segment. */
export function attemptId(host: string, pid: number, n: number): string {
  const h = host.replace(/[^A-Za-z0-9-]/g, '-').slice(0, 40) || 'host';
  return `${h}-${pid}-${n}`;
}
