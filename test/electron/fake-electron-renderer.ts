/**
 * A stand-in for the renderer side of `electron` that the preload may require: contextBridge,
 * ipcRenderer, webUtils. The fake bridge behaves like the real one where it matters for the
 * preload's design: values are copied, and every function crossing it (in either direction) is
 * wrapped anew, so the main world never holds the preload's own function objects.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type Fn = (...args: unknown[]) => unknown;

/** One crossing of the bridge: functions are wrapped, objects copied, the rest passed as is. */
function cross(value: unknown): unknown {
  if (typeof value === 'function') {
    const fn = value as Fn;
    return (...args: unknown[]) => cross(fn(...args.map(cross)));
  }
  if (value instanceof Promise) return value.then(cross);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cross(v)]));
  }
  return value;
}

export function fakeRendererElectron() {
  const exposed: Record<string, unknown> = {};
  const ipcRenderer = Object.assign(new EventEmitter(), {
    invoke: vi.fn(async (_channel: string, _args?: unknown): Promise<unknown> => undefined),
    send: vi.fn(),
    sendSync: vi.fn(),
  });
  const module = {
    contextBridge: {
      exposeInMainWorld: vi.fn((key: string, value: unknown) => {
        exposed[key] = cross(value);
      }),
    },
    ipcRenderer,
    webUtils: { getPathForFile: vi.fn((file: { name: string }) => `/dropped/${file.name}`) },
  };
  /** What main's webContents.send(channel, payload) looks like to the preload. */
  const push = (channel: string, payload: unknown): boolean =>
    ipcRenderer.emit(channel, { sender: ipcRenderer }, payload);
  return { module, exposed, ipcRenderer, push };
}

export type FakeRendererElectron = ReturnType<typeof fakeRendererElectron>;
