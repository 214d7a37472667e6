import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadHasher } from '../../../src/main/services/hash.ts';
import {
  checkpointFileName,
  encodeBtck,
  readBtckFile,
  removeStrayTemps,
  TEMP_EXT,
  writeFileDurably,
} from '../../../src/main/services/checkpoints/btck/index.ts';
import { TEST_DELAY_ENV } from '../../../src/main/services/checkpoints/checkpoint-writer.ts';
import { useTempDir } from '../../services/temp-dir.ts';

const CHILD = fileURLToPath(new URL('./writer-child.ts', import.meta.url));
const tempDir = useTempDir();

beforeAll(async () => {
  await loadHasher();
});

interface Child {
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>;
  kill: () => void;
}

function runChild(mode: string, dir: string, env: Record<string, string> = {}): Child {
  const child = spawn(process.execPath, [CHILD, mode, dir], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
  }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout })));
  return { exited, kill: () => child.kill('SIGKILL') };
}

async function until(what: string, check: () => boolean): Promise<void> {
  for (let i = 0; i < 3000 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`gave up waiting: ${what}`);
}

describe('checkpoint writer in a real process', () => {
  it('SIGKILL mid-write leaves only a stray temp; the earlier checkpoint is intact', async () => {
    const dir = tempDir();
    const earlierPayload = new TextEncoder().encode('the checkpoint before the crash');
    const earlier = await writeFileDurably(
      dir,
      checkpointFileName(1, 1000),
      encodeBtck(earlierPayload, { version: 1, createdAt: 1 }),
    );
    const child = runChild('hold', dir, { [TEST_DELAY_ENV]: '60000' });
    const temp = path.join(dir, checkpointFileName(2, 2000) + TEMP_EXT);
    await until('the child to write its temp file', () => fs.existsSync(temp));
    child.kill();
    const { signal } = await child.exited;
    expect(signal).toBe('SIGKILL');
    expect(fs.existsSync(path.join(dir, checkpointFileName(2, 2000))), 'no final name').toBe(false);
    expect((await readBtckFile(earlier, 1)).payload).toEqual(earlierPayload);
    expect(removeStrayTemps(dir, dir)).toEqual([temp]);
    expect(fs.readdirSync(dir)).toEqual([path.basename(earlier)]);
  });

  it('an idle writer that was never closed does not keep the process alive', async () => {
    const dir = tempDir();
    const { code, stdout } = await runChild('idle', dir).exited;
    expect(code).toBe(0);
    expect(stdout.trim()).toBe('{"ok":true}');
  });

  it('a write in flight keeps the process alive until the checkpoint is durable', async () => {
    const dir = tempDir();
    const { code, stdout } = await runChild('leave', dir, { [TEST_DELAY_ENV]: '300' }).exited;
    expect(code).toBe(0);
    expect(stdout.trim()).toBe('submitted');
    const file = path.join(dir, checkpointFileName(1, 1000));
    expect((await readBtckFile(file, 1)).header.version).toBe(1);
    expect(fs.readdirSync(dir)).toEqual([path.basename(file)]);
  });
});
