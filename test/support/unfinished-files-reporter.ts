/**
 * A vitest reporter for the one failure vitest itself explains badly: a test worker process that
 * dies mid-file ("[vitest-pool]: Worker forks emitted error … Worker exited unexpectedly") — a V8
 * heap abort, the kernel's OOM killer, a native crash. Vitest then names neither the file nor how
 * the process ended. At the end of the run this prints, in a few lines,
 *   - every test file that was handed to a worker but never reported its end, and
 *   - every worker process that ended abnormally: pid, exit code or signal (SIGABRT = an abort,
 *     e.g. "FATAL ERROR: Reached heap limit"; SIGKILL without vitest asking = the OOM killer).
 * Worker processes are seen through Node's 'child_process' diagnostics channel: vitest does not
 * expose them, and this needs no patching of vitest or of child_process.
 */
import { subscribe } from 'node:diagnostics_channel';
import type { ChildProcess } from 'node:child_process';
import type { Reporter, TestModule, TestSpecification } from 'vitest/node';

interface Exit {
  pid: number | undefined;
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Vitest ends idle workers with SIGTERM (then SIGKILL after 500 ms if they linger). */
function abnormal(e: Exit): boolean {
  return e.signal !== null ? e.signal !== 'SIGTERM' : e.code !== 0;
}

export default class UnfinishedFilesReporter implements Reporter {
  readonly #planned = new Set<string>();
  readonly #started = new Set<string>();
  readonly #ended = new Set<string>();
  readonly #exits: Exit[] = [];
  #printed = false;

  constructor() {
    subscribe('child_process', (message) => {
      const child = (message as { process: ChildProcess }).process;
      child.once('exit', (code, signal) => this.#exits.push({ pid: child.pid, code, signal }));
    });
    // If vitest itself dies of the worker's error before onTestRunEnd, say it on the way out.
    process.once('exit', () => this.#print());
  }

  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    for (const s of specifications) this.#planned.add(s.moduleId);
  }

  onTestModuleQueued(module: TestModule): void {
    this.#started.add(module.moduleId);
  }

  onTestModuleStart(module: TestModule): void {
    this.#started.add(module.moduleId);
  }

  onTestModuleEnd(module: TestModule): void {
    this.#ended.add(module.moduleId);
  }

  onTestRunEnd(): void {
    this.#print();
  }

  #print(): void {
    if (this.#printed) return;
    this.#printed = true;
    const unfinished = [...this.#started].filter((f) => !this.#ended.has(f));
    const neverStarted = [...this.#planned].filter((f) => !this.#started.has(f));
    const deaths = this.#exits.filter(abnormal);
    if (unfinished.length === 0 && deaths.length === 0) return;
    const lines = ['', '[unfinished-files] test files that started but never finished:'];
    for (const f of unfinished) lines.push(`  ${relative(f)}`);
    if (unfinished.length === 0) lines.push('  (none)');
    if (neverStarted.length > 0) lines.push(`  (${neverStarted.length} more never started)`);
    lines.push('[unfinished-files] worker processes that ended abnormally:');
    for (const e of deaths.slice(0, 10))
      lines.push(
        `  pid ${e.pid ?? '?'}: ${e.signal ? `signal ${e.signal}` : `exit code ${e.code}`}`,
      );
    if (deaths.length === 0) lines.push('  (none)');
    if (deaths.length > 10) lines.push(`  … and ${deaths.length - 10} more`);
    process.stderr.write(`${lines.join('\n')}\n`);
  }
}

function relative(file: string): string {
  const cwd = `${process.cwd()}/`;
  return file.startsWith(cwd) ? file.slice(cwd.length) : file;
}
