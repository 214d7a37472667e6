/**
 * Messages between a run's controller (run-host.ts: the CLI's main thread, or the app's backend
 * thread) and the worker thread that executes the run (run-worker.ts). Everything is
 * structured-cloned: plain data, errors as name + message.
 */
import type { RunProgressEvent } from '../../../../shared/dto.ts';
import type { CheckpointPolicy } from '../../checkpoints/checkpoint-manager.ts';
import type { CheckpointResult } from '../../checkpoints/checkpoint-writer.ts';
import type { ResumeRequest, ResumeSummary } from '../resume-service.ts';
import type { PauseReason, RunProgress } from '../run-loop.ts';
import type { RunRequest } from '../run-request.ts';
import type { RunSummary } from '../run-service.ts';

/** What the worker does: prepareRun + startRun, or resumeRun. */
export type RunJob =
  { kind: 'start'; request: RunRequest } | { kind: 'resume'; request: ResumeRequest };

export interface RunWorkerData {
  dataDir: string;
  job: RunJob;
  checkpoints: CheckpointPolicy | null;
  /** callback-watch.ts layout: which strategy callback the worker is inside. */
  watch: SharedArrayBuffer;
  /** Build the app's run:progress payload (live bars, indicators) next to the engine. */
  liveProgress: boolean;
  /** A sweep's job: RunOptions.sweepJob (lazy checkpoint writer, no end checkpoint). */
  sweepJob: boolean;
}

export type ToRunWorker =
  { type: 'pause'; reason: PauseReason } | { type: 'stop' } | { type: 'checkpoint' };

/** Where the run's strategy code lives: what a watchdog message names. */
export interface StartedRun {
  runId: string;
  /** The user file, else the built-in's name; null for a run without a strategy. */
  strategy: string | null;
  symbols: string[];
  timeframes: string[];
}

export type FromRunWorker =
  /** About to import (or call `requires` of) a user strategy file. */
  | { type: 'loading'; file: string }
  | ({ type: 'started' } & StartedRun)
  | { type: 'progress'; progress: RunProgress; event: RunProgressEvent | null }
  | { type: 'checkpoint'; result: CheckpointResult; trigger: string }
  | { type: 'done'; summary: RunSummary | ResumeSummary }
  | { type: 'failed'; name: string; message: string };
