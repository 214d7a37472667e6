/**
 * What a running session reports as events: `run:progress` (at most one per PROGRESS_MS; a
 * report that comes sooner is held and sent by flush(), so the last state always arrives) and
 * `checkpoint:written`, straight from the checkpoint manager's callback (with the real error of
 * a failed write), and as a fallback from the run's checkpoint index rows not seen before.
 */
import { performance } from 'node:perf_hooks';
import type { EventMap } from '../../../shared/contract.ts';
import type { RunProgressEvent } from '../../../shared/dto.ts';
import path from 'node:path';
import { parseCheckpointFileName } from '../checkpoints/btck/file-name.ts';
import { listCheckpointRows } from '../checkpoints/checkpoint-store.ts';
import type { CheckpointResult } from '../checkpoints/checkpoint-writer.ts';
import type { Db } from '../db/database.ts';
import type { Emitter } from './events.ts';

/** ≤ 10 progress events per second per run, as the contract promises. */
export const PROGRESS_MS = 100;

export class RunWatch {
  readonly #db: Db;
  readonly #events: Emitter<EventMap>;
  readonly #runId: string;
  /** Checkpoint seqs already reported (or there before this session). */
  readonly #seen: Set<number>;
  #lastSent = -Infinity;
  #held: RunProgressEvent | null = null;

  constructor(db: Db, events: Emitter<EventMap>, runId: string) {
    this.#db = db;
    this.#events = events;
    this.#runId = runId;
    this.#seen = new Set(listCheckpointRows(db, runId).map((r) => r.seq));
  }

  /** A progress payload, built next to the engine (live-progress.ts, in the run's worker). */
  progress(event: RunProgressEvent): void {
    this.#checkpoints();
    const now = performance.now();
    if (now - this.#lastSent >= PROGRESS_MS) {
      this.#lastSent = now;
      this.#held = null;
      this.#events.emit('run:progress', event);
    } else {
      this.#held = event;
    }
  }

  /** The checkpoint manager finished a write (valid or failed). */
  checkpointWritten(r: CheckpointResult, trigger: string): void {
    if (this.#seen.has(r.seq)) return;
    this.#seen.add(r.seq);
    this.#events.emit('checkpoint:written', {
      runId: this.#runId,
      seq: r.seq,
      ticks: r.ok ? (parseCheckpointFileName(path.basename(r.path))?.ticks ?? 0) : 0,
      bytes: r.ok ? r.bytes : 0,
      trigger,
      ok: r.ok,
      ...(!r.ok && { error: r.error }),
    });
  }

  /** The session ended: report what is still held and the last checkpoints. */
  flush(): void {
    this.#checkpoints();
    if (this.#held) this.#events.emit('run:progress', this.#held);
    this.#held = null;
  }

  #checkpoints(): void {
    for (const row of listCheckpointRows(this.#db, this.#runId)) {
      if (this.#seen.has(row.seq)) continue;
      this.#seen.add(row.seq);
      const ok = row.status !== 'failed';
      this.#events.emit('checkpoint:written', {
        runId: this.#runId,
        seq: row.seq,
        ticks: row.ticks,
        bytes: row.bytes,
        trigger: row.trigger,
        ok,
        ...(!ok && { error: `checkpoint ${row.seq} could not be written` }),
      });
    }
  }
}
