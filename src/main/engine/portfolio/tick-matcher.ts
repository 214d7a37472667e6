/**
 * What happens on a tick of a symbol that has work (see SymbolBook.hasWork), in this order:
 *   1. its working orders are tried in the order they were placed (ascending id); each that
 *      triggers fills at once, so a later order sees the position the earlier one left. Orders
 *      placed while this tick is being processed (by a TradeSink reacting to a fill) wait for the
 *      next tick: an order never fills on the tick during which it was placed. An order that
 *      would add exposure passes the `gate` first (the margin check): refused, it is removed
 *      without filling (the gate reports it).
 *   2. then the position's stop-loss and take-profit are checked at this tick's quote; if both
 *      trigger on the same tick, the stop-loss wins (the conservative outcome).
 * Prices follow fill-rules.ts. The book holds this tick's quote, the previous one and whether
 * the market was quoting continuously (set by Portfolio.onTick before it calls these).
 */
import { fillPrice } from './fill-rules.ts';
import type { Ledger } from './ledger.ts';
import type { QueuedOrder, SymbolBook } from './symbol-book.ts';

/** Decides whether a triggered order may fill; false = refused (and reported by the gate). */
export interface FillGate {
  allowsFill(b: SymbolBook, o: QueuedOrder, units: number, price: number): boolean;
}

/** Fills the working orders with id < `watermark` that trigger on the book's current tick. */
export function fillOrders(
  b: SymbolBook,
  ledger: Ledger,
  watermark: number,
  slippage: number,
  gate: FillGate | null,
): void {
  let i = 0;
  while (i < b.orders.length) {
    const o = b.orders[i];
    if (o.id >= watermark) break;
    let units = o.size;
    if (o.reduceOnly) {
      // closePosition's order: flattens what is there when it fills, never opens or adds.
      if (b.size === 0 || b.size > 0 === (o.side === 'buy')) {
        b.orders.splice(i, 1);
        continue;
      }
      units = Math.min(units, Math.abs(b.size));
    }
    const price = fillPrice(o.type, o.side, o.price ?? NaN, b, b.continuous, slippage);
    if (price !== price) {
      i++;
      continue;
    }
    b.orders.splice(i, 1); // gone before the sink hears of the fill (or of the refusal)
    if (o.reduceOnly || gate === null || gate.allowsFill(b, o, units, price)) {
      ledger.fill(b, o.side, units, price, b.time, 'signal', o.reduceOnly ? null : o);
    }
    // The sink may have cancelled orders: resume at the first order placed after this one.
    i = 0;
    while (i < b.orders.length && b.orders[i].id < o.id) i++;
  }
}

/** Closes the position if its stop-loss or take-profit triggers on the book's current tick. */
export function checkStops(b: SymbolBook, ledger: Ledger, slippage: number): void {
  if (b.size === 0) return;
  const side = b.size > 0 ? 'sell' : 'buy';
  const units = Math.abs(b.size);
  const continuous = b.continuous && !b.stopsFresh;
  if (b.stopLoss !== null) {
    const p = fillPrice('stop', side, b.stopLoss, b, continuous, slippage);
    if (p === p) return ledger.fill(b, side, units, p, b.time, 'stop-loss', null);
  }
  if (b.takeProfit !== null) {
    const p = fillPrice('limit', side, b.takeProfit, b, continuous, 0);
    if (p === p) return ledger.fill(b, side, units, p, b.time, 'take-profit', null);
  }
}
