import { describe, expect, it } from 'vitest';
import { moneyRequestOf } from '../../src/main/cli/money-options.ts';
import { sweepSpecOf } from '../../src/main/cli/sweep-spec-args.ts';
import { jobRequest } from '../../src/main/services/sweeps/job-request.ts';
import { sweepSpecSchema } from '../../src/shared/sweeps.ts';

describe('broker options of run and sweep', () => {
  it('parses each flag into the request’s money', () => {
    expect(
      moneyRequestOf({
        'account-currency': 'usd',
        leverage: '1:30',
        'stop-out': '20',
        rollover: '21:05',
        rate: ['JPY=0.0067', 'chf=1.1'],
        'lot-size': '1000',
      }),
    ).toEqual({
      currency: 'USD',
      leverage: 30,
      stopOutPct: 20,
      rolloverMinutes: 21 * 60 + 5,
      rates: { JPY: 0.0067, CHF: 1.1 },
      contractSize: 1000,
    });
    expect(moneyRequestOf({ leverage: '0' })).toEqual({ leverage: null });
    expect(moneyRequestOf({ rate: [] })).toEqual({});
  });

  it('names the flag of a bad value', () => {
    const bad: [Parameters<typeof moneyRequestOf>[0], RegExp][] = [
      [{ leverage: '-3' }, /^--leverage/],
      [{ leverage: '1:x' }, /^--leverage/],
      [{ rollover: '24:00' }, /^--rollover/],
      [{ rollover: '22' }, /^--rollover/],
      [{ rate: ['JPY'] }, /^--rate/],
      [{ rate: ['JPY=0'] }, /^--rate JPY/],
      [{ rate: ['JPY=1', 'jpy=2'] }, /^--rate JPY is given twice/],
      [{ 'stop-out': 'half' }, /^--stop-out/],
    ];
    for (const [values, message] of bad) expect(() => moneyRequestOf(values)).toThrow(message);
  });

  it('a sweep spec carries the flags given to every job’s run request, and none when none', () => {
    const base = { symbol: 'USDJPY', strategy: 'ma-cross', param: ['fast=5,10'] };
    expect(sweepSpecOf(base).base.money).toBeUndefined();
    const spec = sweepSpecOf({ ...base, 'account-currency': 'USD', leverage: '30' });
    expect(sweepSpecSchema.safeParse(spec).success).toBe(true);
    expect(spec.base.money).toEqual({ currency: 'USD', leverage: 30 });
    const job = { index: 1, phase: 'search' as const, window: null, params: { fast: 10 } };
    expect(jobRequest('sw-1', spec, [], job).money).toEqual({ currency: 'USD', leverage: 30 });
  });
});
