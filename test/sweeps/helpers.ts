/** The real CLI on sweeps: a small ma-cross grid that trades on two days of generated ticks. */
import { expect } from 'vitest';
import { cli } from '../cli/run-cli.ts';
import type { SweepJobInfo } from '../../src/shared/sweeps.ts';

/** The run settings every job shares; ma-cross's D1 trend filter needs 50 days, so H1 × 5. */
export const BASE_ARGS = [
  '--symbol',
  'EURUSD',
  '--strategy',
  'ma-cross',
  '--param',
  'timeframe=M15',
  '--param',
  'trendTimeframe=H1',
  '--param',
  'trendPeriod=5',
  '--commission',
  '3.5',
];

/** 2 × 2 jobs. */
export const SWEPT_ARGS = ['--param', 'fast=3:5:2', '--param', 'slow=8,12'];

export interface SweepJson {
  sweepId: string;
  status: string;
  objective: string;
  bestJob: number | null;
  jobs: Pick<
    SweepJobInfo,
    'index' | 'phase' | 'window' | 'runId' | 'params' | 'status' | 'stats' | 'objective' | 'error'
  >[];
  windows: {
    window: number;
    inSample: { from: number; to: number };
    outOfSample: { from: number; to: number };
    bestJob: number | null;
    oosJob: number | null;
  }[];
  oosStats: unknown;
}

/** `sweep …` or `sweeps resume|show …` with --json; exit 0 expected. */
export function sweepJson(dir: string, args: string[]): SweepJson {
  const r = cli(dir, [...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as SweepJson;
}

/** What must not depend on workers or interruptions: everything but run ids. */
export function jobResults(s: SweepJson) {
  return s.jobs.map(({ runId: _, ...rest }) => rest);
}
