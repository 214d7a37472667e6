/**
 * The tables that hold a run's output, as a result carries them: run_id left out, columns in a
 * fixed order with a fixed type each, rows in the order readers read them.
 */

export type ColumnType = 'int' | 'real' | 'text' | 'blob';

export interface TableSpec {
  columns: [string, ColumnType][];
  order: string;
}

/** Every table holding a run's output (bars: rows of runs older than bar chunks). */
export const RESULT_TABLES: Record<string, TableSpec> = {
  bars: {
    columns: [
      ['symbol', 'text'],
      ['timeframe', 'text'],
      ['time', 'int'],
      ['open', 'real'],
      ['high', 'real'],
      ['low', 'real'],
      ['close', 'real'],
      ['volume', 'real'],
      ['ticks', 'int'],
      ['indicators', 'blob'],
    ],
    order: 'symbol, timeframe, time',
  },
  bar_chunks: {
    columns: [
      ['symbol', 'text'],
      ['timeframe', 'text'],
      ['first_time', 'int'],
      ['last_time', 'int'],
      ['count', 'int'],
      ['data', 'blob'],
    ],
    order: 'symbol, timeframe, first_time',
  },
  trades: {
    columns: [
      ['seq', 'int'],
      ['trade_id', 'int'],
      ['symbol', 'text'],
      ['side', 'text'],
      ['size', 'real'],
      ['entry_time', 'int'],
      ['entry_price', 'real'],
      ['exit_time', 'int'],
      ['exit_price', 'real'],
      ['exit_reason', 'text'],
      ['gross_pnl', 'real'],
      ['commission', 'real'],
      ['net_pnl', 'real'],
      ['swap', 'real'],
      ['mae_pips', 'real'],
      ['mae_money', 'real'],
      ['mfe_pips', 'real'],
      ['mfe_money', 'real'],
      ['stop_loss', 'real'],
      ['take_profit', 'real'],
    ],
    order: 'seq',
  },
  equity: {
    columns: [
      ['time', 'int'],
      ['balance', 'real'],
      ['equity', 'real'],
      ['drawdown', 'real'],
      ['drawdown_pct', 'real'],
      ['margin', 'real'],
      // NULL (no margin in use) travels as NaN, which SQLite stores back as NULL.
      ['margin_level', 'real'],
    ],
    order: 'time',
  },
  order_rejections: {
    columns: [
      ['seq', 'int'],
      ['time', 'int'],
      ['order_id', 'int'],
      ['symbol', 'text'],
      ['side', 'text'],
      ['size', 'real'],
      ['reason', 'text'],
      ['required_margin', 'real'],
      ['free_margin', 'real'],
    ],
    order: 'seq',
  },
  run_tallies: {
    columns: [
      ['trade_seq', 'int'],
      ['equity_time', 'int'],
      ['state', 'blob'],
    ],
    order: 'trade_seq, equity_time',
  },
};
