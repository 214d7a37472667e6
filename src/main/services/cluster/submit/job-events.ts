/**
 * One QueueEvents stream shared by every run a submitter follows (a sweep follows dozens at
 * once): a single listener per event kind dispatches to the follower of that job id, instead of
 * every follower listening to every event of the queue.
 */
import type { QueueEvents } from 'bullmq';

export interface JobWatcher {
  /** The job completed or failed (its state says which; read it). */
  onEnd: () => void;
  onProgress: (data: unknown) => void;
}

export class JobEvents {
  readonly #watchers = new Map<string, Set<JobWatcher>>();

  constructor(events: QueueEvents) {
    const end = ({ jobId }: { jobId: string }) => this.#each(jobId, (w) => w.onEnd());
    events.on('completed', end);
    events.on('failed', end);
    events.on('progress', ({ jobId, data }) => this.#each(jobId, (w) => w.onProgress(data)));
  }

  /** Watches one job until the returned function is called. */
  watch(jobId: string, w: JobWatcher): () => void {
    let set = this.#watchers.get(jobId);
    if (!set) this.#watchers.set(jobId, (set = new Set()));
    set.add(w);
    return () => {
      set.delete(w);
      if (set.size === 0) this.#watchers.delete(jobId);
    };
  }

  #each(jobId: string, f: (w: JobWatcher) => void): void {
    for (const w of this.#watchers.get(jobId) ?? []) f(w);
  }
}
