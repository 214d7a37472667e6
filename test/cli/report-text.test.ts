/**
 * The CLI report's text for runs with everything issue 12 records (a fake RunInfo of the DTO
 * type, as the services will fill it): monthly table, warnings, "to date", money settings.
 */
import { describe, expect, it } from 'vitest';
import type { RunInfo } from '../../src/shared/dto.ts';
import { defaultSymbolSpec } from '../../src/shared/symbol-spec.ts';
import { printRunReport } from '../../src/main/cli/run-report.ts';
import { runInfo } from '../renderer/screens/fake-backend.ts';

function report(run: RunInfo): string[] {
  const lines: string[] = [];
  printRunReport((l) => lines.push(l), run);
  return lines;
}

const money: RunInfo['money'] = {
  currency: 'USD',
  leverage: 30,
  stopOutPct: 50,
  rolloverMinutes: 1320,
  specs: [
    { symbol: 'EURUSD', ...defaultSymbolSpec('EURUSD') },
    { symbol: 'USDJPY', ...defaultSymbolSpec('USDJPY'), swapLong: -5.5, swapShort: 1.2 },
  ],
  conversions: ['same', 'USDJPY (inverted)'],
};

describe('CLI run report', () => {
  it('prints the monthly table, warnings, the to-date mark and the money used', () => {
    const lines = report(
      runInfo({
        status: 'paused',
        ticksDone: 500,
        ticksTotal: 1000,
        stats: { netProfit: -12.5, trades: 0 },
        money,
        report: {
          toDate: true,
          warnings: ['ma-cross made no trade: ema(50) on D1 needs 50 bars, the data has 3'],
          monthly: [
            { month: '2024-11', profit: 1000, returnPct: 10 },
            { month: '2024-12', profit: -550, returnPct: -5 },
          ],
        },
      }),
    );
    expect(lines[0]).toBe(
      'TO DATE: the run is paused; figures cover the 500 of 1,000 ticks done so far',
    );
    expect(lines).toContain('Summary (USD)');
    expect(lines.find((l) => l.includes('Net profit'))).toMatch(/Net profit\s+-12\.50$/);
    const monthly = lines.indexOf('Monthly returns (%)');
    expect(lines[monthly + 1]).toMatch(/^ {2}Year\s+Jan\s+Feb .* Dec\s+YTD$/);
    // 1.10 × 0.95 − 1 = 4.5 % for the year.
    expect(lines[monthly + 2]).toMatch(/^ {2}2024\s+10\.00\s+-5\.00\s+4\.50$/);
    expect(lines).toContain(
      '  ! ma-cross made no trade: ema(50) on D1 needs 50 bars, the data has 3',
    );
    expect(lines).toContain(
      '  Currency: USD   Leverage: 1:30   Stop-out: 50%   Rollover: 22:00 UTC',
    );
    const jpy = lines.find((l) => l.includes('USDJPY (inverted)'));
    expect(jpy).toMatch(/USDJPY\s+USDJPY \(inverted\)\s+3\s+0\.01\s+100,000\s+USD\/JPY/);
    expect(jpy).toContain('-5.5 / 1.2 points');
    expect(jpy).toMatch(/wed\s+1$/);
  });

  it('says when a run recorded no money settings and has no to-date mark when completed', () => {
    const lines = report(runInfo({ status: 'completed', stats: { trades: 0 } }));
    expect(lines.some((l) => l.startsWith('TO DATE'))).toBe(false);
    expect(lines.at(-1)).toMatch(/No money settings recorded/);
    expect(lines).not.toContain('Monthly returns (%)');
  });
});
