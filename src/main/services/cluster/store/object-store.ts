/**
 * The object store every cluster part talks to: a few verbs over any S3-compatible service
 * (AWS S3, MinIO, R2, the tests' local server) through @aws-sdk/client-s3. Endpoint, region and
 * credentials come from the SDK's own chain — AWS_ENDPOINT_URL(_S3), AWS_REGION,
 * AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or ~/.aws — and never pass through our code, so they
 * cannot end up in a checkpoint, a log line or the database. Errors name the object, not the
 * credentials.
 */
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { formatStoreUrl, type StoreUrl } from './store-url.ts';

export interface StoredObject {
  key: string;
  size: number;
}

export interface ObjectStore {
  readonly url: StoreUrl;
  put(key: string, body: Uint8Array): Promise<void>;
  /** null when there is no such object; refuses one over `maxBytes` before reading it. */
  get(key: string, maxBytes: number): Promise<Uint8Array | null>;
  exists(key: string): Promise<boolean>;
  /** Every object under `prefix` (all pages), in key order. */
  list(prefix: string): Promise<StoredObject[]>;
  /** Copy, then delete the original (S3 has no rename). */
  move(from: string, to: string): Promise<void>;
  delete(key: string): Promise<void>;
  close(): void;
}

export class ObjectStoreError extends Error {
  readonly code: string;
  constructor(message: string, code: string) {
    super(message);
    this.name = 'ObjectStoreError';
    this.code = code;
  }
}

const notFound = (e: unknown) =>
  (e as { name?: string }).name === 'NoSuchKey' ||
  (e as { name?: string }).name === 'NotFound' ||
  (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404;

/**
 * A client for the SDK's configuration. A custom endpoint (MinIO, R2, a local server) gets
 * path-style addressing, which they all accept, and checksums only when an operation requires
 * them: the SDK's default CRC headers and aws-chunked uploads are not understood by every
 * S3-compatible service.
 */
function client(): S3Client {
  const custom = Boolean(process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL);
  const pathStyle = process.env.BACKTESTR_S3_PATH_STYLE;
  return new S3Client({
    region:
      process.env.AWS_REGION ??
      process.env.AWS_DEFAULT_REGION ??
      (custom ? 'us-east-1' : undefined),
    forcePathStyle: pathStyle === undefined ? custom : pathStyle === '1',
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 2, // our own queues retry; the SDK should fail fast when the store is down
  });
}

export class S3ObjectStore implements ObjectStore {
  readonly #s3 = client();
  readonly url: StoreUrl;

  constructor(url: StoreUrl) {
    this.url = url;
  }

  #fail(op: string, key: string, e: unknown): ObjectStoreError {
    const err = e as { name?: string; message?: string; code?: string };
    const where = `${formatStoreUrl({ bucket: this.url.bucket, prefix: '' })}/${key}`;
    return new ObjectStoreError(
      `${op} ${where}: ${err.name ?? 'Error'}: ${err.message ?? String(e)}`,
      err.code ?? err.name ?? 'EUNKNOWN',
    );
  }

  async put(key: string, body: Uint8Array): Promise<void> {
    try {
      await this.#s3.send(new PutObjectCommand({ Bucket: this.url.bucket, Key: key, Body: body }));
    } catch (e) {
      throw this.#fail('put', key, e);
    }
  }

  async get(key: string, maxBytes: number): Promise<Uint8Array | null> {
    try {
      const r = await this.#s3.send(new GetObjectCommand({ Bucket: this.url.bucket, Key: key }));
      if ((r.ContentLength ?? 0) > maxBytes) {
        await r.Body?.transformToWebStream().cancel();
        throw new ObjectStoreError(
          `get ${key}: ${r.ContentLength} bytes, over the ${maxBytes}-byte limit for it`,
          'ETOOBIG',
        );
      }
      const bytes = r.Body ? await r.Body.transformToByteArray() : new Uint8Array();
      if (bytes.length > maxBytes)
        throw new ObjectStoreError(`get ${key}: over the ${maxBytes}-byte limit`, 'ETOOBIG');
      return bytes;
    } catch (e) {
      if (e instanceof ObjectStoreError) throw e;
      if (notFound(e)) return null;
      throw this.#fail('get', key, e);
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.#s3.send(new HeadObjectCommand({ Bucket: this.url.bucket, Key: key }));
      return true;
    } catch (e) {
      if (notFound(e)) return false;
      throw this.#fail('head', key, e);
    }
  }

  async list(prefix: string): Promise<StoredObject[]> {
    const out: StoredObject[] = [];
    let token: string | undefined;
    try {
      do {
        const r = await this.#s3.send(
          new ListObjectsV2Command({
            Bucket: this.url.bucket,
            Prefix: prefix,
            ContinuationToken: token,
          }),
        );
        for (const o of r.Contents ?? []) if (o.Key) out.push({ key: o.Key, size: o.Size ?? 0 });
        token = r.IsTruncated ? r.NextContinuationToken : undefined;
      } while (token);
    } catch (e) {
      throw this.#fail('list', prefix, e);
    }
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async move(from: string, to: string): Promise<void> {
    try {
      const source = `${this.url.bucket}/${from.split('/').map(encodeURIComponent).join('/')}`;
      await this.#s3.send(
        new CopyObjectCommand({ Bucket: this.url.bucket, Key: to, CopySource: source }),
      );
    } catch (e) {
      throw this.#fail('copy', from, e);
    }
    await this.delete(from);
  }

  async delete(key: string): Promise<void> {
    try {
      await this.#s3.send(new DeleteObjectCommand({ Bucket: this.url.bucket, Key: key }));
    } catch (e) {
      throw this.#fail('delete', key, e);
    }
  }

  close(): void {
    this.#s3.destroy();
  }
}
