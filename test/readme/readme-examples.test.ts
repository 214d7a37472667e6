// Every `npx backtestr …` line of README.md's ```sh blocks runs as written, in order, on one
// fresh data folder (the quickstart data the README generates), so the README cannot rot: a
// command must exit 0, placeholders are filled from what earlier commands printed (<RUN_ID>: the
// block's run; <CHECKPOINT_FILE>: that run's newest checkpoint), a command followed by the
// `# Ctrl-C …` note is interrupted with SIGINT after its first checkpoint, and what the README
// claims beside a command is checked (a strategy run makes trades; an export writes the files
// its comment names). `npx backtestr` in the repo is bin/backtestr.js, which is what runs here.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkpointsDir } from '../../src/main/services/checkpoints/checkpoint-store.ts';
import { backtestrCommands, shellBlocks } from './readme-commands.ts';

const repo = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(repo, 'bin', 'backtestr.js');
const blocks = shellBlocks(fs.readFileSync(path.join(repo, 'README.md'), 'utf8'))
  .map(backtestrCommands)
  .filter((commands) => commands.length > 0);
/** Slow enough that the Ctrl-C lands mid-run; see run-loop.ts. */
const THROTTLE = { BACKTESTR_TEST_THROTTLE_MS: '100' };
/** These commands generate and run over millions of ticks on a shared machine. */
const COMMAND_TIMEOUT_MS = 600_000;

let dataDir: string;
let workDir: string; // the reader's current folder: `--out ./export` lands here

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backtestr-readme-data-'));
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backtestr-readme-cwd-'));
});
afterAll(() => {
  for (const dir of [dataDir, workDir]) fs.rmSync(dir, { recursive: true, force: true });
});

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function backtestr(argv: string[]): Result {
  const r = spawnSync(process.execPath, [BIN, ...argv], {
    cwd: workDir,
    encoding: 'utf8',
    env: { ...process.env, BACKTESTR_DATA_DIR: dataDir },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The command, interrupted as the README's Ctrl-C note says: SIGINT after its first checkpoint. */
async function interrupted(argv: string[]): Promise<Result> {
  const child = spawn(process.execPath, [BIN, ...argv], {
    cwd: workDir,
    env: { ...process.env, BACKTESTR_DATA_DIR: dataDir, ...THROTTLE },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  let running = true;
  void exited.then(() => (running = false));
  while (running) {
    const runId = /run (\S+) started/.exec(stderr)?.[1];
    if (runId && checkpointFiles(runId).length > 0) {
      child.kill('SIGINT');
      break;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return { code: await exited, stdout, stderr };
}

function checkpointFiles(runId: string): string[] {
  const dir = checkpointsDir(dataDir, runId);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.btck'))
    .sort()
    .map((f) => path.join(dir, f));
}

function fill(word: string, runId: string | undefined): string {
  return word.replace(/<([A-Z_]+)>/g, (_, name: string) => {
    if (!runId) throw new Error(`the README uses <${name}> before a run in its block`);
    if (name === 'RUN_ID') return runId;
    if (name === 'CHECKPOINT_FILE') return checkpointFiles(runId).at(-1)!;
    throw new Error(`the README uses a placeholder <${name}> this test does not know`);
  });
}

describe('README examples, as written, in order, on a fresh data folder', () => {
  it('has its quickstart, strategy and checkpoint examples', () => {
    const all = blocks.flat().map((c) => c.argv.slice(0, 2).join(' '));
    expect(all).toContain('data generate');
    expect(all).toContain('runs export');
    expect(all).toContain('checkpoints diff');
    expect(blocks.flat().some((c) => c.interrupted)).toBe(true);
  });

  blocks.forEach((commands, b) => {
    describe(`code block ${b + 1}`, () => {
      let runId: string | undefined;
      for (const command of commands) {
        it(
          command.text,
          async () => {
            const argv = command.argv.map((w) => fill(w, runId));
            const r = command.interrupted ? await interrupted(argv) : backtestr(argv);
            expect(r.code, `${command.text}\n${r.stderr}`).toBe(0);
            if (argv[0] === 'run') runId ??= /run (\S+) started/.exec(r.stderr)?.[1];
            if (command.interrupted) expect(r.stdout).toMatch(/paused at \d+ ticks/);
            if (argv[0] === 'run' && argv.includes('--strategy') && !command.interrupted) {
              // The report's Trades section: "  Trades   1,234".
              const count = /^\s*Trades\s+([\d,]+)$/m.exec(r.stdout)?.[1];
              const trades = Number(count?.replaceAll(',', ''));
              expect(trades, `the strategy example trades:\n${r.stdout}`).toBeGreaterThan(0);
            }
            if (argv[0] === 'runs' && argv[1] === 'export') {
              const out = path.resolve(workDir, argv[argv.indexOf('--out') + 1]!);
              for (const name of command.comment.match(/[\w-]+\.(?:csv|json)/g) ?? []) {
                expect(fs.existsSync(path.join(out, name)), `${name} in ${out}`).toBe(true);
              }
            }
          },
          COMMAND_TIMEOUT_MS,
        );
      }
    });
  });
});
