// Proves the layer rules of eslint.config.js fire: each case lints a snippet as if it were a file
// at the given path (the file need not exist).
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../..');
const LAYER_RULES = new Set(['no-restricted-imports', 'no-restricted-syntax']);

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: repo });
});

async function layerErrors(file: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repo, file) });
  const messages = result!.messages;
  // A parse error or an ignored file would make every case below pass vacuously.
  expect(messages.filter((m) => m.fatal || m.ruleId === null)).toEqual([]);
  return messages.filter((m) => m.ruleId !== null && LAYER_RULES.has(m.ruleId));
}

const ELECTRON_MSG = /electron may only be imported by the thin glue in src\/main\/index\.ts/;

type Case = [file: string, code: string, message: RegExp];

const FORBIDDEN: Case[] = [
  // engine: pure, no storage/UI/electron/upper layers
  [
    'src/main/engine/x.ts',
    "import Database from 'better-sqlite3';",
    /Storage belongs in src\/main\/services/,
  ],
  ['src/main/engine/data/x.ts', "import { app } from 'electron';", ELECTRON_MSG],
  ['src/main/engine/x.ts', "import { useState } from 'react';", /UI libraries belong/],
  ['src/main/engine/x.ts', "import { create } from 'zustand';", /UI libraries belong/],
  [
    'src/main/engine/mtf/x.ts',
    "import { openDb } from '../../services/db/database.ts';",
    /must not depend on src\/main\/services/,
  ],
  [
    'src/main/engine/x.ts',
    "import { main } from '../cli/index.ts';",
    /src\/main\/cli is a front end/,
  ],
  [
    'src/main/engine/x.ts',
    "import { register } from '../ipc.ts';",
    /IPC handlers are Electron glue/,
  ],
  ['src/main/engine/x.ts', "import { h } from '../ipc-handlers.ts';", /IPC handlers/],
  ['src/main/engine/x.ts', "import { App } from '../../renderer/src/App.tsx';", /src\/renderer/],
  ['src/main/engine/x.ts', "import '../../preload/index.ts';", /src\/preload/],
  // services: Node, storage fine; no electron or front ends
  ['src/main/services/x.ts', "import { BrowserWindow } from 'electron';", ELECTRON_MSG],
  ['src/main/services/x.ts', "import type { App } from 'electron';", ELECTRON_MSG],
  ['src/main/services/x.ts', "import { ipcMain } from 'electron/main';", ELECTRON_MSG],
  ['src/main/services/runs/x.ts', "import { main } from '../../cli/index.ts';", /front end/],
  ['src/main/services/x.ts', "import { App } from '../../renderer/src/App.tsx';", /src\/renderer/],
  // cli: plain Node
  ['src/main/cli/x.ts', "import { app } from 'electron';", ELECTRON_MSG],
  // shared: runs everywhere, renderer included
  ['src/shared/x.ts', "import { readFileSync } from 'node:fs';", /src\/shared is also bundled/],
  ['src/shared/x.ts', "import fs from 'fs';", /src\/shared is also bundled/],
  ['src/shared/x.ts', "import { join } from 'path';", /src\/shared is also bundled/],
  ['src/shared/x.ts', "import { pipeline } from 'stream/promises';", /src\/shared/],
  ['src/shared/x.ts', "import { app } from 'electron';", ELECTRON_MSG],
  ['src/shared/x.ts', "import { useState } from 'react';", /UI libraries belong/],
  ['src/shared/x.ts', "import { x } from '../main/engine/x.ts';", /src\/main runs in the main/],
  ['src/shared/x.ts', "import { App } from '../renderer/src/App.tsx';", /src\/renderer/],
  ['src/shared/x.ts', "import Database from 'better-sqlite3';", /Native modules/],
  // renderer: a web page
  ['src/renderer/src/x.tsx', "import { ipcRenderer } from 'electron';", /use window\.api/],
  ['src/renderer/src/x.tsx', "import path from 'node:path';", /web page without Node/],
  ['src/renderer/src/x.tsx', "import { EventEmitter } from 'events';", /web page without Node/],
  [
    'src/renderer/src/x.tsx',
    "import { runBacktest } from '../../main/services/runs/run-service.ts';",
    /src\/main runs in the main/,
  ],
  ['src/renderer/src/x.tsx', "import { x } from '../../main/engine/x.ts';", /src\/main runs/],
  ['src/renderer/src/x.tsx', "import Database from 'better-sqlite3';", /Native modules/],
  ['src/renderer/src/x.tsx', "import { compress } from 'zstd-napi';", /Native modules/],
  ['src/renderer/src/x.tsx', "import '../../preload/index.ts';", /window\.api/],
  // preload: sandboxed
  ['src/preload/x.ts', "import fs from 'node:fs';", /preload is sandboxed/],
  ['src/preload/x.ts', "import { x } from '../main/engine/x.ts';", /src\/main runs/],
  // main-process files that are not glue
  ['src/main/window-options.ts', "import { app } from 'electron';", ELECTRON_MSG],
  // everything else, tests included; dynamic import and require too
  ['test/x.test.ts', "import { app } from 'electron';", ELECTRON_MSG],
  ['test/x.test.ts', "export async function f() { return import('electron'); }", ELECTRON_MSG],
  ['bench/x.ts', "export const e = require('electron');", ELECTRON_MSG],
  ['scripts/x.mjs', "export { app } from 'electron';", ELECTRON_MSG],
  ['src/main/services/x.ts', "export const e = await import('electron/main');", ELECTRON_MSG],
];

const ALLOWED: [file: string, code: string][] = [
  ['src/main/index.ts', "import { app, BrowserWindow } from 'electron';"],
  ['src/main/ipc.ts', "import { ipcMain } from 'electron';"],
  ['src/main/menu-glue.ts', "import { Menu } from 'electron';"],
  ['src/main/index.ts', "import { openDb } from './services/db/database.ts';"],
  ['src/preload/index.ts', "import { contextBridge } from 'electron';"],
  ['src/preload/index.ts', "import type { BackTestrApi } from '../shared/api.ts';"],
  ['src/main/engine/x.ts', "import { readFileSync } from 'node:fs';"],
  ['src/main/engine/x.ts', "import { compress } from 'zstd-napi';"],
  ['src/main/engine/mtf/x.ts', "import type { TickBatch } from '../data/tick-batch.ts';"],
  ['src/main/engine/x.ts', "import type { BackTestrApi } from '../../shared/api.ts';"],
  ['src/main/services/x.ts', "import Database from 'better-sqlite3';"],
  ['src/main/services/x.ts', "import { x } from '../engine/x.ts';"],
  ['src/main/cli/x.ts', "import { y } from '../services/x.ts';"],
  ['src/shared/x.ts', "import type { TickBatchLike } from './ticks.ts';"],
  ['src/renderer/src/main.tsx', "import { createRoot } from 'react-dom/client';"],
  ['src/renderer/src/x.tsx', "import { App } from './App.tsx';"],
  ['src/renderer/src/x.tsx', "import { main } from './main.tsx';"],
  ['src/renderer/src/x.tsx', "import type { BackTestrApi } from '../../shared/api.ts';"],
  ['test/x.test.ts', "import { x } from '../src/main/engine/x.ts';"],
  ['test/x.test.ts', "vi.mock('electron', () => import('./fake-electron.ts'));"],
];

describe('layer rules (eslint.config.js)', () => {
  it.each(FORBIDDEN)('%s: %s is an error', async (file, code, message) => {
    const errors = await layerErrors(file, code);
    expect(errors.length, JSON.stringify(errors)).toBeGreaterThan(0);
    for (const e of errors) {
      expect(e.severity).toBe(2);
      expect(e.message).toMatch(message);
    }
  });

  it.each(ALLOWED)('%s: %s is allowed', async (file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });

  it('still applies typescript-eslint recommended, relaxed in tests', async () => {
    const code = 'export const f = (x: any): any => x;\n';
    const [src] = await eslint.lintText(code, {
      filePath: path.join(repo, 'src/main/engine/x.ts'),
    });
    expect(src!.messages.map((m) => m.ruleId)).toContain('@typescript-eslint/no-explicit-any');
    const [test] = await eslint.lintText(code, { filePath: path.join(repo, 'test/x.test.ts') });
    expect(test!.messages).toEqual([]);
  });
});
