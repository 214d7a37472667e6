import type { RunConfig } from '../../src/main/services/runs/run-config.ts';

/** The smallest valid run config (one symbol, M1, no indicators), for tests that need a run row. */
export function minimalConfig(overrides: Partial<RunConfig> = {}): RunConfig {
  return {
    symbols: ['EURUSD'],
    from: null,
    to: null,
    timeframes: ['M1'],
    indicators: [],
    price: 'bid',
    historySize: 10,
    strategy: null,
    account: { balance: 10_000, lotSize: 100_000, commissionPerLot: 0, slippage: 0 },
    ...overrides,
  };
}
