/**
 * The result files of a run export: trades.csv, equity.csv and rejections.csv, each from the
 * stored rows and the run's config only, numbers in formatNumber's fixed form — so identical
 * runs give identical bytes. Columns added by a later version go at the end of a row: a reader
 * that picks columns by position keeps reading the old ones.
 */
import path from 'node:path';
import type { Db } from '../db/database.ts';
import { csvText, formatNumber, isoTime, writeCsv } from './csv-writer.ts';
import { lotsIn } from './lots.ts';
import type { RunRecord } from './run-config.ts';
import { storedEquity, storedRejections, storedTrades } from './result-rows.ts';

const TRADE_COLUMNS = [
  'id',
  'symbol',
  'side',
  'size',
  'entry_time',
  'entry_price',
  'exit_time',
  'exit_price',
  'exit_reason',
  'gross_pnl',
  'commission',
  'net_pnl',
  // issue 12
  'lots',
  'swap',
  'mae_pips',
  'mae_money',
  'mfe_pips',
  'mfe_money',
  // issue 13: the stops in effect when the trade closed; empty when none
  'stop_loss',
  'take_profit',
];

export function writeTradesCsv(db: Db, run: RunRecord, outDir: string): string {
  const lots = lotsIn(run.config);
  const rows = storedTrades(db, run.id);
  writeCsv(
    path.join(outDir, 'trades.csv'),
    TRADE_COLUMNS,
    (function* () {
      for (const t of rows) {
        yield [
          String(t.id),
          t.symbol,
          t.side,
          formatNumber(t.size),
          isoTime(t.entryTime),
          formatNumber(t.entryPrice),
          isoTime(t.exitTime),
          formatNumber(t.exitPrice),
          t.exitReason,
          ...[t.grossPnl, t.commission, t.netPnl, lots(t.symbol, t.size), t.swap].map(formatNumber),
          ...[t.maePips, t.maeMoney, t.mfePips, t.mfeMoney].map(formatNumber),
          ...[t.stopLoss, t.takeProfit].map((v) => (v === null ? '' : formatNumber(v))),
        ];
      }
    })(),
  );
  return 'trades.csv';
}

export function writeEquityCsv(db: Db, run: RunRecord, outDir: string): string {
  const rows = storedEquity(db, run.id);
  writeCsv(
    path.join(outDir, 'equity.csv'),
    ['time', 'balance', 'equity', 'drawdown', 'drawdown_pct', 'margin', 'margin_level'],
    (function* () {
      for (const e of rows) {
        const values = [e.balance, e.equity, e.drawdown, e.drawdownPct, e.margin];
        // No margin in use: no margin level (an empty cell, as for any missing value).
        yield [isoTime(e.time), ...values.map(formatNumber), formatNumber(e.marginLevel ?? NaN)];
      }
    })(),
  );
  return 'equity.csv';
}

/** Stored with the trades (a run that keeps its trades keeps its refused orders). */
export function writeRejectionsCsv(db: Db, run: RunRecord, outDir: string): string {
  const lots = lotsIn(run.config);
  const rows = storedRejections(db, run.id);
  writeCsv(
    path.join(outDir, 'rejections.csv'),
    [
      'time',
      'order_id',
      'symbol',
      'side',
      'size',
      'lots',
      'required_margin',
      'free_margin',
      'reason',
    ],
    (function* () {
      for (const r of rows) {
        yield [
          isoTime(r.time),
          String(r.orderId),
          r.symbol,
          r.side,
          formatNumber(r.size),
          formatNumber(lots(r.symbol, r.size)),
          formatNumber(r.requiredMargin),
          formatNumber(r.freeMargin),
          // The reason is prose with commas in its amounts (3,400.00 USD).
          csvText(r.reason),
        ];
      }
    })(),
  );
  return 'rejections.csv';
}
