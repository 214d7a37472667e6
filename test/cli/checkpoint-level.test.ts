import { describe, expect, it } from 'vitest';
import { useTempDir } from '../services/temp-dir.ts';
import { cli } from './run-cli.ts';

const tempDir = useTempDir();

describe('--checkpoint-level', () => {
  it('is a usage error (exit 2) outside zstd levels 1–22, for run and resume alike', () => {
    const dir = tempDir();
    for (const level of ['99', '0', '23', '2.5']) {
      const run = cli(dir, ['run', '--symbol', 'NOPE', '--checkpoint-level', level]);
      expect(run.code, `run --checkpoint-level ${level}: ${run.stderr}`).toBe(2);
      expect(run.stderr).toContain(`--checkpoint-level must be a whole number from 1 to 22`);
    }
    const resume = cli(dir, ['resume', 'r1', '--checkpoint-level', '99']);
    expect(resume.code, resume.stderr).toBe(2);
  });

  it('accepts the ends of the range (the run then fails only for want of data)', () => {
    const dir = tempDir();
    for (const level of ['1', '22']) {
      const run = cli(dir, ['run', '--symbol', 'NOPE', '--checkpoint-level', level]);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toMatch(/no ticks stored for NOPE/);
    }
  });
});
