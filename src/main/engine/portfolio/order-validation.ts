import type { OrderRequest } from './types.ts';

/** A request the portfolio refuses: the message says which field and why. */
export class OrderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OrderError';
  }
}

const SIDES: ReadonlySet<unknown> = new Set(['buy', 'sell']);
const TYPES: ReadonlySet<unknown> = new Set(['market', 'limit', 'stop']);

/** Throws unless `symbol` is the index of a symbol of the run. */
export function checkSymbol(symbol: number, symbols: readonly string[]): void {
  if (!Number.isInteger(symbol) || symbol < 0 || symbol >= symbols.length) {
    throw new OrderError(
      `unknown symbol index ${String(symbol)} (the run has ${symbols.length} symbol(s): ` +
        `${symbols.join(', ')})`,
    );
  }
}

/**
 * Checks an order before it is queued. Stops on the "wrong" side of the market are allowed on
 * purpose: such a stop triggers on the next tick, at that tick's price.
 */
export function validateOrder(o: OrderRequest, symbols: readonly string[]): void {
  checkSymbol(o.symbol, symbols);
  const where = `order on ${symbols[o.symbol]}`;
  if (!SIDES.has(o.side)) {
    throw new OrderError(`${where}: side must be 'buy' or 'sell', got ${String(o.side)}`);
  }
  if (typeof o.size !== 'number' || !Number.isFinite(o.size) || o.size <= 0) {
    throw new OrderError(`${where}: size must be a finite number of units > 0, got ${o.size}`);
  }
  const type = o.type ?? 'market';
  if (!TYPES.has(type)) {
    throw new OrderError(`${where}: type must be 'market', 'limit' or 'stop', got ${type}`);
  }
  if (type === 'market') {
    if (o.price !== undefined) {
      throw new OrderError(`${where}: a market order takes no price (use type 'limit' or 'stop')`);
    }
  } else if (!isFiniteNumber(o.price)) {
    throw new OrderError(`${where}: a ${type} order needs a finite price, got ${String(o.price)}`);
  }
  checkStops(where, o.stopLoss ?? null, o.takeProfit ?? null);
}

/** Throws unless each stop is null or a finite price. */
export function checkStops(
  where: string,
  stopLoss: number | null,
  takeProfit: number | null,
): void {
  if (stopLoss !== null && !isFiniteNumber(stopLoss)) {
    throw new OrderError(`${where}: stopLoss must be a finite price or null, got ${stopLoss}`);
  }
  if (takeProfit !== null && !isFiniteNumber(takeProfit)) {
    throw new OrderError(`${where}: takeProfit must be a finite price or null, got ${takeProfit}`);
  }
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}
