import { Portfolio } from '../../../src/main/engine/portfolio/portfolio.ts';
import type {
  MoneyConfig,
  OrderRejection,
  PortfolioConfig,
  RateSource,
  SymbolSpec,
} from '../../../src/main/engine/portfolio/types.ts';
import { defaultSymbolSpec } from '../../../src/shared/symbol-spec.ts';
import { TradeLog } from '../helpers.ts';

/** 2024-01-01T00:00:00Z, a Monday. */
export const MON = Date.UTC(2024, 0, 1);
export const SEC = 1000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** Keeps trades and refusals, in order. */
export class MoneyLog extends TradeLog {
  readonly rejections: OrderRejection[] = [];
  onReject(r: OrderRejection): void {
    this.rejections.push(r);
  }
}

export interface MoneySetup {
  symbols?: string[];
  /** Per symbol, merged over its default spec. */
  specs?: Partial<SymbolSpec>[];
  money?: Partial<Omit<MoneyConfig, 'specs'>>;
  balance?: number;
  commissionPerLot?: number;
  slippage?: number;
  rates?: RateSource | null;
}

/**
 * A USD account over EURUSD and GBPUSD by default: 10 000 start, no commission, no slippage,
 * unlimited leverage, rollover 22:00 UTC — each test sets what it is about.
 */
export function moneySetup(o: MoneySetup = {}): { pf: Portfolio; log: MoneyLog } {
  const symbols = o.symbols ?? ['EURUSD', 'GBPUSD'];
  const specs = symbols.map((s, i) => ({ ...defaultSymbolSpec(s), ...o.specs?.[i] }));
  const config: PortfolioConfig = {
    symbols,
    balance: o.balance ?? 10_000,
    lotSize: specs[0].contractSize,
    commissionPerLot: o.commissionPerLot ?? 0,
    slippage: o.slippage ?? 0,
    money: {
      currency: 'USD',
      specs,
      leverage: null,
      stopOutPct: 50,
      rolloverMinutes: 22 * 60,
      ...o.money,
    },
  };
  const log = new MoneyLog();
  return { pf: new Portfolio(config, log, o.rates ?? null), log };
}

/** A tick with bid = ask = `price` (no spread keeps hand arithmetic short). */
export function at(pf: Portfolio, symbol: number, time: number, price: number): void {
  pf.onTick(symbol, time, price, price);
}

/** A market order placed at `time`; it fills on the symbol's next tick. */
export function buy(pf: Portfolio, symbol: number, size: number, time: number): number {
  return pf.submit({ symbol, side: 'buy', size }, time);
}
export function sell(pf: Portfolio, symbol: number, size: number, time: number): number {
  return pf.submit({ symbol, side: 'sell', size }, time);
}
