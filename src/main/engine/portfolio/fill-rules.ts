/**
 * Fill prices, as pure functions of the current tick and the previous tick of the same symbol.
 * Each returns NaN when the order does not fill on this tick.
 *
 * Sides: buys fill on the ask, sells on the bid. A protective stop is an order on the closing
 * side: a long's stop-loss is a sell stop and its take-profit a sell limit; a short's are a buy
 * stop and a buy limit. So entry orders and exits share these rules.
 *
 * - market: buy at ask + slippage, sell at bid − slippage.
 * - limit (and take-profit): buy when ask <= level, sell when bid >= level. No slippage.
 * - stop (and stop-loss): buy when ask >= level, sell when bid <= level. Slippage against the
 *   trader (buy +, sell −) on top of the price below.
 *
 * Price of a triggered limit/stop — the level, or the tick price when the market jumped it:
 * with tick data every crossing is a jump between two quotes, so what matters is whether the
 * market was quoting continuously across the level while the order was working. It fills at the
 * LEVEL when all of these hold:
 *   1. the previous tick of the symbol is at most `gapMs` before this one ("continuous": no
 *      weekend or halt in between, during which nothing could trade at the level);
 *   2. the previous tick's price (same side: ask for buys, bid for sells) was not already beyond
 *      the level (else the level was never on offer while the order worked, e.g. a stop placed
 *      on the wrong side of the market, or a marketable limit);
 *   3. for stop-loss / take-profit: the stops were not set by a fill on this very tick (they did
 *      not exist when the previous quote was live).
 * Otherwise it fills at the TICK price: worse than the level for stops, better for limits. A tick
 * exactly at the level fills at the level either way. The first tick ever seen of a symbol has no
 * previous tick, so it is never continuous.
 */
import type { OrderSide, OrderType } from './types.ts';

/** The tick being worked and the one before it, for one symbol. */
export interface TickQuotes {
  bid: number;
  ask: number;
  prevBid: number;
  prevAsk: number;
}

/**
 * Fill price of an order of `type` on this tick, or NaN if it does not fill. `continuous`: the
 * previous tick is at most gapMs old (and, for stops, they were not set on this tick).
 */
export function fillPrice(
  type: OrderType,
  side: OrderSide,
  level: number,
  q: TickQuotes,
  continuous: boolean,
  slippage: number,
): number {
  if (side === 'buy') {
    if (type === 'market') return q.ask + slippage;
    if (type === 'limit') return fallsTo(level, q.ask, q.prevAsk, continuous);
    return risesTo(level, q.ask, q.prevAsk, continuous) + slippage;
  }
  if (type === 'market') return q.bid - slippage;
  if (type === 'limit') return risesTo(level, q.bid, q.prevBid, continuous);
  return fallsTo(level, q.bid, q.prevBid, continuous) - slippage;
}

/** Triggered when `price` is at or below `level`; see the header for level vs tick price. */
function fallsTo(level: number, price: number, prevPrice: number, continuous: boolean): number {
  if (!(price <= level)) return NaN;
  return continuous && !(prevPrice < level) ? level : price;
}

/** Triggered when `price` is at or above `level`. */
function risesTo(level: number, price: number, prevPrice: number, continuous: boolean): number {
  if (!(price >= level)) return NaN;
  return continuous && !(prevPrice > level) ? level : price;
}
