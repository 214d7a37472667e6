/**
 * Reads user strategy files' metadata (name, description, params, hooks) without running their
 * code on this thread: a worker (strategy-probe-worker.ts) imports them in turn, each within a
 * time budget and under a heap limit. A file whose import never finishes (a top-level await that
 * never settles, an endless top-level loop) or kills the worker becomes an error entry naming
 * it, the worker is replaced, and the files after it are still read.
 */
import { Worker } from 'node:worker_threads';
import type { ParamSpec } from '../../engine/strategy/types.ts';
import {
  loadTimeoutMs,
  runMemoryMb,
  secondsText,
  workerExecArgv,
} from '../runs/isolation/limits.ts';

export interface ProbedStrategy {
  name: string;
  description: string;
  params: ParamSpec[];
  /** Which of requires/init/onBar/onTick the module defines. */
  hooks: string[];
}

export type ProbeResult =
  { file: string; ok: true; info: ProbedStrategy } | { file: string; ok: false; message: string };

export type FromProbeWorker =
  | { type: 'loading'; file: string }
  | { type: 'loaded'; file: string; info: ProbedStrategy }
  | { type: 'failed'; file: string; message: string }
  | { type: 'done' };

const WORKER_URL = new URL('./strategy-probe-worker.ts', import.meta.url);

/** Every file's result, in the order given. */
export async function probeStrategyFiles(
  files: string[],
  timeoutMs = loadTimeoutMs(),
): Promise<ProbeResult[]> {
  const results = new Map<string, ProbeResult>();
  let left = files;
  while (left.length > 0) {
    await probeSome(left, timeoutMs, results);
    left = files.filter((f) => !results.has(f));
  }
  return files.map((f) => results.get(f)!);
}

/** One worker over `files` until it is done, or until one file stops it (then that file fails). */
function probeSome(
  files: string[],
  timeoutMs: number,
  results: Map<string, ProbeResult>,
): Promise<void> {
  return new Promise<void>((resolve) => {
    const worker = new Worker(WORKER_URL, {
      workerData: { files },
      execArgv: workerExecArgv(),
      resourceLimits: { maxOldGenerationSizeMb: runMemoryMb() },
    });
    let current: string = files[0];
    let timer: NodeJS.Timeout | null = null;
    let ended = false;
    const end = (failure: string | null): void => {
      if (ended) return;
      ended = true;
      if (timer) clearTimeout(timer);
      if (failure !== null && !results.has(current))
        results.set(current, { file: current, ok: false, message: failure });
      void worker.terminate();
      resolve();
    };
    worker.on('message', (m: FromProbeWorker) => {
      if (m.type === 'loading') {
        current = m.file;
        if (timer) clearTimeout(timer);
        timer = setTimeout(
          () => end(`loading ${m.file} did not finish within ${secondsText(timeoutMs)}`),
          timeoutMs,
        );
      } else if (m.type === 'loaded') {
        results.set(m.file, { file: m.file, ok: true, info: m.info });
      } else if (m.type === 'failed') {
        results.set(m.file, { file: m.file, ok: false, message: m.message });
      } else {
        end(null);
      }
    });
    let error: Error | null = null;
    worker.on('error', (err) => (error ??= err));
    worker.on('exit', (code) => {
      const oom = (error as { code?: string } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
      end(
        oom
          ? `loading ${current} ran out of memory (limit ${runMemoryMb()} MB)`
          : `loading ${current} stopped the loader: ${error?.message ?? `exit code ${code}`}`,
      );
    });
  });
}
