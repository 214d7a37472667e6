/**
 * `s3://BUCKET/PREFIX`: where a cluster (or a run's --checkpoint-store) keeps its objects. Only
 * the bucket and the prefix are in the URL; the endpoint, region and credentials come from the
 * standard AWS variables or shared config files, so a URL can be printed and stored safely.
 */
export interface StoreUrl {
  bucket: string;
  /** Without leading or trailing slashes; '' for the bucket's root. */
  prefix: string;
}

/** S3's rules for bucket names (3–63 lower-case letters, digits, dots and hyphens). */
const BUCKET_RE = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export class StoreUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreUrlError';
  }
}

export function parseStoreUrl(text: string, option = '--store'): StoreUrl {
  const m = /^s3:\/\/([^/]+)(?:\/(.*))?$/.exec(text.trim());
  if (!m)
    throw new StoreUrlError(
      `${option}: '${text}' is not an s3://BUCKET/PREFIX URL (the endpoint and credentials come from AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, … or ~/.aws)`,
    );
  const bucket = m[1];
  if (!BUCKET_RE.test(bucket))
    throw new StoreUrlError(`${option}: '${bucket}' is not a valid bucket name`);
  const prefix = (m[2] ?? '').replace(/^\/+|\/+$/g, '');
  if (prefix.split('/').some((p) => p === '..' || p === '.'))
    throw new StoreUrlError(`${option}: the prefix '${prefix}' may not contain '.' or '..'`);
  return { bucket, prefix };
}

export function formatStoreUrl(u: StoreUrl): string {
  return `s3://${u.bucket}${u.prefix ? `/${u.prefix}` : ''}`;
}
