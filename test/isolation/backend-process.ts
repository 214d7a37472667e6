/**
 * The app's backend hosted in a child process (backend-process-entry.ts), for tests whose subject
 * could abort the process that hosts it (a heap blow-up in a run's worker thread: V8 may abort the
 * whole process instead of ending the thread, nodejs/node#47224). Hosted in the vitest worker,
 * such an abort kills the worker and vitest names no file; hosted here, calls reject with how the
 * backend process died — the product problem is reported, not hidden.
 */
import { fork } from 'node:child_process';
import type { BackendApi } from '../../src/shared/contract.ts';
import type { FromBackendProcess, ToBackendProcess } from './backend-process-entry.ts';

const ENTRY = new URL('./backend-process-entry.ts', import.meta.url);

export interface BackendProcess extends Pick<BackendApi, 'invoke' | 'on'> {
  workerThreadId(): Promise<number | null>;
  close(): Promise<void>;
}

type Pending = Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>;

export async function startBackendProcess(dataDir: string): Promise<BackendProcess> {
  const child = fork(ENTRY, [dataDir], { stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4096)));
  const pending: Pending = new Map();
  const listeners = new Map<string, ((payload: unknown) => void)[]>();
  let died: Error | null = null;
  let nextId = 1;
  const ready = new Promise<void>((resolve, reject) => {
    child.on('message', (m: FromBackendProcess) => {
      if (m.type === 'ready') resolve();
      else if (m.type === 'event') for (const l of listeners.get(m.event) ?? []) l(m.payload);
      else {
        const call = pending.get(m.id);
        pending.delete(m.id);
        if (m.ok) call?.resolve(m.value);
        else call?.reject(new Error(m.message));
      }
    });
    child.on('close', (code, signal) => {
      const fatal = /FATAL ERROR[^\n]*/.exec(stderr)?.[0] ?? stderr.trim().split('\n').at(-1);
      died = new Error(`the backend process died (${signal ?? `exit code ${code}`}): ${fatal}`);
      for (const call of pending.values()) call.reject(died);
      pending.clear();
      reject(died);
    });
  });
  await ready;
  const call = (m: Omit<ToBackendProcess, 'id'>): Promise<unknown> =>
    died
      ? Promise.reject(died)
      : new Promise((resolve, reject) => {
          const id = nextId++;
          pending.set(id, { resolve, reject });
          child.send({ ...m, id });
        });
  return {
    invoke: ((channel: string, args?: unknown) => call({ channel, args } as never)) as never,
    on: ((event: string, fn: (payload: unknown) => void) => {
      listeners.set(event, [...(listeners.get(event) ?? []), fn]);
      return () =>
        listeners.set(
          event,
          (listeners.get(event) ?? []).filter((l) => l !== fn),
        );
    }) as never,
    workerThreadId: () => call({ channel: 'test:workerThreadId' }) as Promise<number | null>,
    close: async () => {
      if (died) return;
      await call({ channel: 'test:close' }).catch(() => {});
      child.disconnect();
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    },
  };
}
