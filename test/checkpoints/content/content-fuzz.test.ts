import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { clonePlain } from '../../../src/main/engine/persist/clone-plain.ts';
import { checkpointDataSchema } from '../../../src/main/services/checkpoints/content/checkpoint-schema.ts';
import { checkpointContentProblems } from '../../../src/main/services/checkpoints/content/validate-checkpoint.ts';
import { payloadOf, type Payload } from './rewrite-checkpoint.ts';

const FIXTURE = path.resolve(
  import.meta.dirname,
  '../../fixtures/checkpoints/v1/ckpt-v1-ma-cross.btck',
);
let original: Payload;
beforeAll(async () => {
  original = await payloadOf(FIXTURE);
});

/** Every field path of the payload, the first two items of each array only. */
function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v)) return [at];
  const keys = Array.isArray(v) ? [0, 1].filter((i) => i < v.length) : Object.keys(v);
  return [at, ...keys.flatMap((k) => paths((v as Record<string, unknown>)[k], [...at, k]))];
}

const REPLACEMENTS: unknown[] = [
  null,
  undefined,
  42,
  -1,
  0.5,
  NaN,
  'x',
  [],
  {},
  new Float64Array(3),
];

describe('content checks on arbitrary damage', () => {
  it('never throw: any field replaced by any value gives problems or passes, never an exception', () => {
    const all = paths(original).filter((p) => p.length > 0);
    expect(all.length).toBeGreaterThan(200);
    let refused = 0;
    for (const p of all) {
      for (const value of REPLACEMENTS) {
        const d = clonePlain(original, 'fixture');
        let parent = d;
        for (const k of p.slice(0, -1)) parent = parent[k];
        parent[p.at(-1)!] = value;
        let problems: string[] = [];
        expect(
          () => (problems = checkpointContentProblems(d)),
          `${p.join('.')} = ${String(value)}`,
        ).not.toThrow();
        if (problems.length > 0) refused++;
      }
    }
    expect(
      refused / (all.length * REPLACEMENTS.length),
      'most damage is refused (a number in place of a number is often a valid state)',
    ).toBeGreaterThan(0.85);
  });

  it('a million bad rows give a handful of issues, not a million', () => {
    const d = clonePlain(original, 'fixture');
    d.pending.equity = Array.from({ length: 1_000_000 }, () => [NaN]);
    d.config.strategy.params = Object.fromEntries(
      Array.from({ length: 100_000 }, (_, i) => [`p${i}`, null]),
    );
    const r = checkpointDataSchema.safeParse(d);
    expect(r.success).toBe(false);
    expect(r.error!.issues.length).toBeLessThanOrEqual(24);
    expect(checkpointContentProblems(d)[0]).toMatch(/^config\.strategy\.params\.p0: null — /);
  });
});
