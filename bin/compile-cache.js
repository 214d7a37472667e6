// Node compiles every module again — and strips the types of every .ts source first — in each
// thread of a command: the CLI's own, and for `run`/`resume` the run's worker, its heartbeat
// thread and the checkpoint writer. Measured on the 2-core development machine: ~1 s of CPU per
// `backtestr run`, paid again on every invocation, and on a run's first second (the threads
// start while the engine does). Node's on-disk compile cache keeps the compiled code between
// invocations; an entry is used only for a source with the same content, so an edited file is
// compiled afresh.
//
// Plain JavaScript, like node24.js: it runs before the TypeScript sources are loaded.
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';

/**
 * Enables the compile cache for this process and the worker threads it starts. The folder is
 * the user's own cache folder (not a shared temp folder, where another user could plant code);
 * NODE_COMPILE_CACHE, when set, wins. A cache that cannot be used is no error: Node then simply
 * compiles, as without it.
 */
export function enableCompileCache() {
  if (typeof module.enableCompileCache !== 'function') return;
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  const dir = process.env.NODE_COMPILE_CACHE || path.join(base, 'backtestr', 'compile-cache');
  try {
    module.enableCompileCache(dir);
    // Worker threads start with a copy of this environment and enable the same cache from it.
    process.env.NODE_COMPILE_CACHE = dir;
  } catch {
    // e.g. no home folder: run without the cache.
  }
}
