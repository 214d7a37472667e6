/**
 * `npm run cluster:demo` cannot rot: its core runs here once, against the real servers and
 * worker processes it starts. A worker is SIGKILLed mid-job with a checkpoint in the store; the
 * sweep still completes, the killed job was taken over (a second attempt) and resumed from a
 * store checkpoint, not from tick 0, and the table says so.
 */
import { describe, expect, it } from 'vitest';
import { runClusterDemo } from '../../scripts/cluster/cluster-demo.ts';
import { pidOfAttempt } from '../../scripts/cluster/store-watch.ts';

describe('npm run cluster:demo', () => {
  it('runs a sweep on two workers, survives a SIGKILLed worker and reports where jobs resumed', async () => {
    const lines: string[] = [];
    const result = await runClusterDemo((l) => lines.push(l));

    expect(result.status, lines.join('\n')).toBe('completed');
    expect(result.rows).toHaveLength(6);
    for (const r of result.rows) {
      expect(r.status).toBe('completed');
      expect(r.worker, `job ${r.index} names its worker`).not.toBeNull();
    }
    expect(result.killed, 'a worker was killed mid-job').not.toBeNull();
    const { checkpoint, worker } = result.killed!;
    const taken = result.rows.find((r) => r.runId === checkpoint.runId)!;
    expect(taken.attempts).toBeGreaterThanOrEqual(2);
    expect(taken.resumedFrom, 'resumed from the store, not tick 0').not.toBeNull();
    expect(taken.resumedFrom!.ticks).toBeGreaterThanOrEqual(checkpoint.ticks);
    expect(result.table).toContain(
      `resumed from ${taken.resumedFrom!.attempt} ckpt seq ${taken.resumedFrom!.seq} at tick ${taken.resumedFrom!.ticks}`,
    );
    expect(pidOfAttempt(taken.attempt!), `another worker than ${worker} finished it`).not.toBe(
      pidOfAttempt(checkpoint.attempt),
    );
  }, 120_000);
});
