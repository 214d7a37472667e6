/**
 * A checkpoint read request in a short-lived child process (checkpoint-read-process.ts) with a
 * heap limit (--max-old-space-size) and a deadline. A worker thread's resourceLimits cannot
 * promise this: V8 aborts the whole process when the allocation that fails is one large block
 * (nodejs/node#47224), which for the backend would be the web bridge or the app. Here a heap
 * blow-up aborts only the child; the caller gets "ran out of memory (limit N MB)" naming the file.
 * Costs one Node start per request (tens of ms), nothing next to a user clicking "verify".
 */
import { fork } from 'node:child_process';
import module from 'node:module';
import { fileURLToPath } from 'node:url';
import { workerExecArgv } from '../runs/isolation/limits.ts';
import type { ReadAnswer, ReadRequest } from './checkpoint-read-ops.ts';
import { readLimits, settleRead } from './read-limits.ts';

const ENTRY_URL = new URL('./checkpoint-read-process.ts', import.meta.url);

/** Enough of the child's stderr to show V8's FATAL ERROR line or a stack's head, never more. */
const STDERR_TAIL = 4096;

/** The request's answer; rejects with the reader's error, or why the child ended without one. */
export function readInProcess<R extends ReadRequest>(req: R): Promise<ReadAnswer<R>> {
  const { heapMb, timeoutMs } = readLimits();
  const child = fork(fileURLToPath(ENTRY_URL), [], {
    execArgv: [...workerExecArgv(), `--max-old-space-size=${heapMb}`],
    env: withCompileCache(process.env),
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'advanced', // structured clone, as postMessage: reports keep their shapes
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (s: string) => (stderr = (stderr + s).slice(-STDERR_TAIL)));
  return new Promise<ReadAnswer<R>>((resolve, reject) => {
    const stop = (): void => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
    const { answer, fail } = settleRead<ReadAnswer<R>>(req, timeoutMs, stop, resolve, reject);
    child.on('message', answer);
    child.on('error', (e) => fail(`the reader could not run: ${e.message}`));
    // 'close', not 'exit': stderr is complete by then, so the reason can quote it.
    child.on('close', (code, signal) => fail(endedWhy(code, signal, stderr, heapMb)));
    child.send(req, (err) => err && fail(`the reader could not be asked: ${err.message}`));
  });
}

/** Why a child that never answered ended: its heap limit, or the error it died of. */
function endedWhy(
  code: number | null,
  signal: NodeJS.Signals | null,
  stderr: string,
  heapMb: number,
): string {
  // V8 says so on stderr before it aborts (SIGABRT); an abort without that line is something else.
  if (/heap out of memory|Reached heap limit/.test(stderr))
    return `ran out of memory (limit ${heapMb} MB)`;
  const how = signal ? `signal ${signal}` : `exit code ${code}`;
  // An uncaught error's "Error: …" line says more than any stack frame (an abort prints only those).
  const said = stderr
    .split('\n')
    .find((l) => /^\w*Error\b/.test(l.trim()))
    ?.trim();
  return `the reader ended (${how}) without an answer${said ? `: ${said}` : ''}`;
}

/**
 * The child compiles (and strips the types of) the reader's modules at every start: ~1 s of CPU
 * for the .ts sources. Node's compile cache this process uses (bin/compile-cache.js for the CLI)
 * halves that measured under load, so the child shares it.
 */
function withCompileCache(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const dir = module.getCompileCacheDir?.();
  return dir ? { ...env, NODE_COMPILE_CACHE: dir } : env;
}
