/**
 * The cluster settings' URL rules exist twice: in src/shared (the contract and the Settings form
 * check them, and src/shared may not import the backend) and in the backend's parsers. They
 * must agree, except that the settings also refuse a Redis password.
 */
import { describe, expect, it } from 'vitest';
import { parseRedisUrl } from '../../src/main/services/cluster/redis-url.ts';
import { parseStoreUrl } from '../../src/main/services/cluster/store/store-url.ts';
import { redisUrlProblem, storeUrlProblem } from '../../src/shared/cluster-settings.ts';

const accepts = (parse: () => unknown) => {
  try {
    parse();
    return true;
  } catch {
    return false;
  }
};

describe('cluster URL rules', () => {
  it.each([
    'redis://127.0.0.1:6379',
    'redis://queue.lan',
    'rediss://user@queue.lan:6380/3',
    'redis://[::1]:6379/0',
    'http://queue:6379',
    'redis://',
    'redis://queue:6379/x',
    'redis://queue:6379/-1',
    'not a url',
  ])('Redis %s: same verdict as parseRedisUrl', (url) => {
    expect(redisUrlProblem(url) === null).toBe(accepts(() => parseRedisUrl(url)));
  });

  it('refuses a Redis password the parser would accept, naming REDIS_PASSWORD', () => {
    const url = 'redis://:pw@queue:6379';
    expect(accepts(() => parseRedisUrl(url))).toBe(true);
    expect(redisUrlProblem(url)).toMatch(/set REDIS_PASSWORD in the environment/);
  });

  it.each([
    's3://bucket',
    's3://bucket/',
    's3://my.bucket-1/a/b/c',
    's3://Bucket',
    's3://b',
    's3://bucket/a/../b',
    's3://bucket/./x',
    'https://bucket/x',
    's3:/bucket',
  ])('store %s: same verdict as parseStoreUrl', (url) => {
    expect(storeUrlProblem(url) === null).toBe(accepts(() => parseStoreUrl(url)));
  });
});
