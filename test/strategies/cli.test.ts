import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { strategiesCommand } from '../../src/main/cli/commands/strategies.ts';
import { CliContext } from '../../src/main/cli/context.ts';
import { UsageError } from '../../src/main/cli/usage.ts';
import { useTempDir } from '../services/temp-dir.ts';
import { strategySource, writeStrategy } from './helpers.ts';

const tempDir = useTempDir();

class Collect extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

async function run(dataDir: string, args: string[]) {
  const stdout = new Collect();
  const stderr = new Collect();
  const ctx = new CliContext(dataDir, { stdout, stderr });
  try {
    const code = await strategiesCommand(ctx, args);
    return { code, stdout: stdout.text, stderr: stderr.text };
  } finally {
    ctx.close();
  }
}

describe('backtestr strategies list', () => {
  it('prints a table of strategies, then the params of each, and the user folder', async () => {
    const dir = tempDir();
    writeStrategy(dir, 'mine.mjs', strategySource('mine'));
    const r = await run(dir, ['list']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^name\s+source\s+description$/);
    expect(lines[1]).toMatch(/^ma-cross\s+builtin\s+Fast\/slow moving-average crossover/);
    expect(lines[4]).toMatch(/^mine\s+user\s+test strategy mine$/);
    expect(r.stdout).toContain('ma-cross params:\n  param ');
    expect(r.stdout).toMatch(/\n {2}fast\s+integer\s+10\s+2\.\.1000\s+fast MA period\n/);
    expect(r.stdout).toMatch(/\n {2}maType\s+string\s+ema\s+ema\|sma\s+/);
    expect(r.stdout).toMatch(/\n {2}timeframe\s+timeframe\s+H1\s+M1\.\.W1\s+/);
    expect(r.stdout).toMatch(
      /mine params:\n {2}param.*\n {2}lots\s+number\s+1\s+>= 0\.01\s+size\n/,
    );
    expect(r.stdout).toContain(`user strategies: ${dir}/strategies/*.js|*.mjs`);
  });

  it('prints load errors on stderr as file: message and still lists the rest (exit 0)', async () => {
    const dir = tempDir();
    const bad = writeStrategy(dir, 'bad.mjs', 'throw new Error("boom");');
    writeStrategy(dir, 'good.mjs', strategySource('good'));
    const r = await run(dir, ['list']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`${bad}: failed to load: boom\n`);
    expect(r.stdout).toMatch(/\ngood\s+user\s+/);
  });

  it('--json prints one array of {name, description, source, file, params}', async () => {
    const dir = tempDir();
    const file = writeStrategy(dir, 'mine.mjs', strategySource('mine'));
    const r = await run(dir, ['list', '--json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout);
    expect(list.map((s: { name: string }) => s.name)).toEqual([
      'ma-cross',
      'rsi-reversion',
      'donchian-breakout',
      'mine',
    ]);
    expect(Object.keys(list[0])).toEqual(['name', 'description', 'source', 'file', 'params']);
    expect(list[0]).toMatchObject({ source: 'builtin', file: null });
    expect(list[0].params[1]).toEqual({
      name: 'fast',
      type: 'integer',
      default: 10,
      min: 2,
      max: 1000,
      description: 'fast MA period',
      label: 'Fast MA period',
    });
    expect(list[3]).toMatchObject({ name: 'mine', source: 'user', file });
  });

  it('is a usage error without a known sub-command', async () => {
    const dir = tempDir();
    await expect(run(dir, [])).rejects.toThrow(
      new UsageError("'strategies' needs a command: list"),
    );
    await expect(run(dir, ['show'])).rejects.toThrow("unknown command 'strategies show'");
  });
});
