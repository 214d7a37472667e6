/**
 * Schema migrations, applied in order; PRAGMA user_version holds how many have run. Never edit
 * a migration that has shipped: add a new one.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: tick store. Ticks are kept as zstd-compressed column chunks (see chunk-codec.ts): one row
  // per chunk of up to 64 K ticks, ordered by (first_ts, id). Reading them decodes at tens of
  // millions of ticks/s, where one row per tick reads at ~1.5 M rows/s.
  `CREATE TABLE symbols (
     id INTEGER PRIMARY KEY,
     name TEXT NOT NULL UNIQUE,
     tick_count INTEGER NOT NULL DEFAULT 0,
     first_ts INTEGER,
     last_ts INTEGER,
     has_volume INTEGER NOT NULL DEFAULT 0,
     content_hash TEXT NOT NULL DEFAULT '',
     updated_at INTEGER NOT NULL
   );
   CREATE TABLE tick_chunks (
     id INTEGER PRIMARY KEY,
     symbol_id INTEGER NOT NULL REFERENCES symbols(id) ON DELETE CASCADE,
     count INTEGER NOT NULL,
     first_ts INTEGER NOT NULL,
     last_ts INTEGER NOT NULL,
     hash TEXT NOT NULL,
     data BLOB NOT NULL
   );
   CREATE INDEX tick_chunks_by_symbol ON tick_chunks(symbol_id, first_ts, id);`,
  // 2: runs and their closed bars. Indicator values are a float64 BLOB, because SQLite turns a
  // NaN REAL into NULL and an export must give back exactly what the engine computed.
  `CREATE TABLE runs (
     id TEXT PRIMARY KEY,
     created_at INTEGER NOT NULL,
     status TEXT NOT NULL,
     config TEXT NOT NULL,
     ticks_total INTEGER NOT NULL DEFAULT 0,
     ticks_done INTEGER NOT NULL DEFAULT 0,
     seconds REAL NOT NULL DEFAULT 0,
     finished_at INTEGER,
     error TEXT
   );
   CREATE TABLE bars (
     run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
     symbol TEXT NOT NULL,
     timeframe TEXT NOT NULL,
     time INTEGER NOT NULL,
     open REAL NOT NULL,
     high REAL NOT NULL,
     low REAL NOT NULL,
     close REAL NOT NULL,
     volume REAL NOT NULL,
     ticks INTEGER NOT NULL,
     indicators BLOB NOT NULL,
     PRIMARY KEY (run_id, symbol, timeframe, time)
   ) WITHOUT ROWID;`,
  // 3: backtest results. Trade rows in the order they closed (seq); equity sampled at every
  // close of the run's smallest timeframe; statistics as JSON on the run.
  `ALTER TABLE runs ADD COLUMN stats TEXT;
   CREATE TABLE trades (
     run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
     seq INTEGER NOT NULL,
     trade_id INTEGER NOT NULL,
     symbol TEXT NOT NULL,
     side TEXT NOT NULL,
     size REAL NOT NULL,
     entry_time INTEGER NOT NULL,
     entry_price REAL NOT NULL,
     exit_time INTEGER NOT NULL,
     exit_price REAL NOT NULL,
     exit_reason TEXT NOT NULL,
     gross_pnl REAL NOT NULL,
     commission REAL NOT NULL,
     net_pnl REAL NOT NULL,
     PRIMARY KEY (run_id, seq)
   ) WITHOUT ROWID;
   CREATE TABLE equity (
     run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
     time INTEGER NOT NULL,
     balance REAL NOT NULL,
     equity REAL NOT NULL,
     drawdown REAL NOT NULL,
     drawdown_pct REAL NOT NULL,
     PRIMARY KEY (run_id, time)
   ) WITHOUT ROWID;`,
  // 4: checkpoints and run ownership. The .btck files are the truth (resume reads the folder);
  // these rows are their browsable index. heartbeat_at / owner_pid let `runs list` tell a run
  // whose process died (interrupted) from one still running.
  `ALTER TABLE runs ADD COLUMN heartbeat_at INTEGER;
   ALTER TABLE runs ADD COLUMN owner_pid INTEGER;
   ALTER TABLE runs ADD COLUMN parent_run_id TEXT;
   ALTER TABLE runs ADD COLUMN parent_seq INTEGER;
   CREATE TABLE checkpoints (
     run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
     seq INTEGER NOT NULL,
     ticks INTEGER NOT NULL,
     sim_time INTEGER,
     wall_time INTEGER NOT NULL,
     trigger TEXT NOT NULL,
     bytes INTEGER NOT NULL,
     status TEXT NOT NULL,
     file TEXT NOT NULL,
     pause_ms REAL,
     write_ms REAL,
     PRIMARY KEY (run_id, seq)
   ) WITHOUT ROWID;`,
  // 5: fencing. owner_token is the claim of the session owning a run (random per session); every
  // write of a session checks it in its own transaction, so a stalled session whose run was taken
  // over cannot overwrite the new owner's work when it wakes up (run-fence.ts).
  `ALTER TABLE runs ADD COLUMN owner_token TEXT;`,
  // 6: closed bars as compressed column chunks (bar-chunk-codec.ts): one row per chunk of up to
  // 4096 bars of one (run, symbol, timeframe), keyed by its first bar's time. An INSERT per bar
  // cost more than the engine itself; a chunk costs one copy per bar and one INSERT per chunk.
  // The row table of migration 2 stays: runs recorded before this version keep their bars there
  // and every reader reads both (bar-store/), the old rows first.
  `CREATE TABLE bar_chunks (
     run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
     symbol TEXT NOT NULL,
     timeframe TEXT NOT NULL,
     first_time INTEGER NOT NULL,
     last_time INTEGER NOT NULL,
     count INTEGER NOT NULL,
     data BLOB NOT NULL,
     PRIMARY KEY (run_id, symbol, timeframe, first_time)
   ) WITHOUT ROWID;
   -- A run that does not store its trades or equity (RunConfig.record) keeps its running
   -- statistics instead: one float64 snapshot per commit, keyed by the watermarks it matches
   -- (equity_time -8.64e15 = no sample yet), so resume finds the one of its checkpoint.
   CREATE TABLE run_tallies (
     run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
     trade_seq INTEGER NOT NULL,
     equity_time INTEGER NOT NULL,
     state BLOB NOT NULL,
     PRIMARY KEY (run_id, trade_seq, equity_time)
   ) WITHOUT ROWID;`,
  // 7: settings of the data folder, shared by the CLI and the app (settings-store.ts). One row per
  // key, the value as JSON validated by the key's zod schema on every read: the file is untrusted.
  `CREATE TABLE settings (
     key TEXT PRIMARY KEY,
     value TEXT NOT NULL,
     updated_at INTEGER NOT NULL
   ) WITHOUT ROWID;`,
  // 8: bar_chunks as a rowid table. A WITHOUT ROWID table keeps each row whole in its b-tree key,
  // so finding a chunk by time read the ~100 KB blob of every chunk it stepped over (measured:
  // 4 ms to find the newest of 62 M1 chunks, most of a resume's history reload); a rowid table
  // reads a blob only for the rows it returns (0.2-0.6 ms for the same query).
  `CREATE TABLE bar_chunks_by_rowid (
     run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
     symbol TEXT NOT NULL,
     timeframe TEXT NOT NULL,
     first_time INTEGER NOT NULL,
     last_time INTEGER NOT NULL,
     count INTEGER NOT NULL,
     data BLOB NOT NULL
   );
   INSERT INTO bar_chunks_by_rowid
     SELECT run_id, symbol, timeframe, first_time, last_time, count, data FROM bar_chunks;
   DROP TABLE bar_chunks;
   ALTER TABLE bar_chunks_by_rowid RENAME TO bar_chunks;
   CREATE UNIQUE INDEX bar_chunks_key ON bar_chunks(run_id, symbol, timeframe, first_time);`,
  // 9: optimisation sweeps (issue 10). A sweep and its planned jobs are written when it is
  // created, so job indices never change; a job's status, stats and error are those of its run,
  // which the same INSERT that creates it links (runs.sweep_id, runs.sweep_job): a crash can never
  // leave a job's run unlinked, and the unique index stops a job from ever getting two runs.
  // sweep_jobs.error holds only what no run could record: a job that failed before its run
  // existed, or an out-of-sample job whose in-sample jobs had no qualifying best.
  `CREATE TABLE sweeps (
     id TEXT PRIMARY KEY,
     created_at INTEGER NOT NULL,
     status TEXT NOT NULL,
     spec TEXT NOT NULL,
     windows TEXT NOT NULL,
     workers INTEGER NOT NULL,
     checkpoints TEXT,
     owner_pid INTEGER,
     owner_token TEXT,
     heartbeat_at INTEGER,
     seconds REAL NOT NULL DEFAULT 0,
     finished_at INTEGER,
     error TEXT
   );
   CREATE TABLE sweep_jobs (
     sweep_id TEXT NOT NULL REFERENCES sweeps(id) ON DELETE CASCADE,
     idx INTEGER NOT NULL,
     phase TEXT NOT NULL,
     window INTEGER,
     params TEXT,
     error TEXT,
     PRIMARY KEY (sweep_id, idx)
   ) WITHOUT ROWID;
   ALTER TABLE runs ADD COLUMN sweep_id TEXT;
   ALTER TABLE runs ADD COLUMN sweep_job INTEGER;
   CREATE UNIQUE INDEX runs_sweep_job ON runs(sweep_id, sweep_job) WHERE sweep_id IS NOT NULL;`,
  // 10: runs executed by a cluster (issue 11, services/cluster): where the run was sent (the
  // redacted Redis URL and the store URL — never a credential), and once done which attempt and
  // worker finished it and the store checkpoint it resumed from (JSON). A run row stays the run's
  // only status; this row only says how a cluster ran it, so `resume --cluster` can follow it.
  `CREATE TABLE cluster_runs (
     run_id TEXT PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
     redis TEXT NOT NULL,
     store TEXT NOT NULL,
     attempt TEXT,
     worker TEXT,
     resumed_from TEXT,
     quarantined TEXT,
     submitted_at INTEGER NOT NULL,
     finished_at INTEGER
   ) WITHOUT ROWID;`,
  // 11: symbol specifications (issue 12, ticks/symbol-specs.ts): the edited spec of a symbol as
  // the JSON of a whole SymbolSpec, validated on every read. Keyed by the symbol's name, not by
  // symbols.id, so a spec can be set before its ticks are imported and is kept whatever
  // happens to the ticks (a --replace import, a symbol deleted and imported again). No row: the
  // default from the name (and the data's price decimals).
  `CREATE TABLE symbol_specs (
     symbol TEXT PRIMARY KEY,
     spec TEXT NOT NULL,
     updated_at INTEGER NOT NULL
   ) WITHOUT ROWID;`,
  // 12: the money output of issue 12. Trades carry their swaps and excursions, equity samples the
  // used margin and the margin level (NULL: no margin in use, so no level), and orders the account
  // refused are kept in the order they happened (seq, like trades). Rows of older runs get 0 /
  // NULL: they had no swaps, no margin and no refusal.
  `ALTER TABLE trades ADD COLUMN swap REAL NOT NULL DEFAULT 0;
   ALTER TABLE trades ADD COLUMN mae_pips REAL NOT NULL DEFAULT 0;
   ALTER TABLE trades ADD COLUMN mae_money REAL NOT NULL DEFAULT 0;
   ALTER TABLE trades ADD COLUMN mfe_pips REAL NOT NULL DEFAULT 0;
   ALTER TABLE trades ADD COLUMN mfe_money REAL NOT NULL DEFAULT 0;
   ALTER TABLE equity ADD COLUMN margin REAL NOT NULL DEFAULT 0;
   ALTER TABLE equity ADD COLUMN margin_level REAL;
   CREATE TABLE order_rejections (
     run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
     seq INTEGER NOT NULL,
     time INTEGER NOT NULL,
     order_id INTEGER NOT NULL,
     symbol TEXT NOT NULL,
     side TEXT NOT NULL,
     size REAL NOT NULL,
     reason TEXT NOT NULL,
     required_margin REAL NOT NULL,
     free_margin REAL NOT NULL,
     PRIMARY KEY (run_id, seq)
   ) WITHOUT ROWID;`,
  // 13: a run's report beside its statistics (issue 12): JSON of RunReport — the monthly returns,
  // warnings, and whether the statistics are "to date" (of a paused, stopped or failed run).
  `ALTER TABLE runs ADD COLUMN report TEXT;`,
  // 14: the stop-loss and take-profit in effect on a position when a trade (or part) of it closed
  // (issue 13: the price chart draws them). NULL: none set, and every row of an older run.
  `ALTER TABLE trades ADD COLUMN stop_loss REAL;
   ALTER TABLE trades ADD COLUMN take_profit REAL;`,
];
