/** resources/strategies/example-breakout.mjs is what users copy: it must load and behave. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createIndicator } from '../../src/main/engine/indicators/index.ts';
import { isTimeframe } from '../../src/main/engine/mtf/timeframes.ts';
import { parseParamArgs } from '../../src/main/engine/strategy/params.ts';
import type { StrategyContext, StrategyModule } from '../../src/main/engine/strategy/types.ts';
import { useTempDir } from '../services/temp-dir.ts';
import { writeStrategy } from './helpers.ts';
import { listInNode } from './in-node.ts';

const EXAMPLE = path.resolve(
  import.meta.dirname,
  '../../resources/strategies/example-breakout.mjs',
);
const tempDir = useTempDir();

async function example(): Promise<StrategyModule> {
  return ((await import(EXAMPLE)) as { default: StrategyModule }).default;
}

describe('example user strategy', () => {
  it('loads from a data folder with no errors, as a user strategy', () => {
    const dir = tempDir();
    const file = writeStrategy(dir, 'example-breakout.mjs', fs.readFileSync(EXAMPLE, 'utf8'));
    const { strategies, errors } = listInNode(dir);
    expect(errors).toEqual([]);
    const entry = strategies.find((s) => s.name === 'example-breakout');
    expect(entry).toMatchObject({ source: 'user', file });
    expect(entry!.hooks).toEqual(['requires', 'init', 'onBar']);
    expect(entry!.params.length).toBeGreaterThan(3);
  });

  it('requires valid timeframes and indicator specs, and initialises plain state', async () => {
    const s = await example();
    const params = parseParamArgs(s.params, ['atrPeriod=20']);
    const needs = s.requires!(params);
    expect(needs.timeframes!.every(isTimeframe)).toBe(true);
    expect(needs).toEqual({ timeframes: ['M15', 'D1'], indicators: ['atr(20)'] });
    for (const spec of needs.indicators!) expect(() => createIndicator(spec)).not.toThrow();
    const ctx = { params, state: {} } as unknown as StrategyContext;
    s.init(ctx);
    expect(ctx.state).toEqual({ symbols: {} });
  });

  it('refuses an entry timeframe of a day or more in init', async () => {
    const s = await example();
    const ctx = { params: parseParamArgs(s.params, ['timeframe=D1']), state: {} };
    expect(() => s.init(ctx as unknown as StrategyContext)).toThrow(
      'timeframe must be below D1 (it trades inside the day), got D1',
    );
  });
});
