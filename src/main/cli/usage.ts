/** A mistake in how the command was called: exit code 2 and the usage text. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE = `Usage: backtestr <command> [options]

Data
  data generate --symbol SYM --start 2024-01-01 --days N --seed K [--replace]
                         store deterministic synthetic ticks (a realistic FX feed)
  data import FILE --symbol SYM [--format auto|generic|dukascopy|histdata|truefx]
                         [--digits N] [--replace]
                         import a tick CSV, all or nothing
  data list [--json]     symbols with their first and last tick, tick count, and the quote
                         currency, pip and contract size of their specification
  data spec SYMBOL [--digits N] [--pip X] [--contract N] [--base CUR] [--quote CUR]
      [--swap-long X] [--swap-short X] [--swap-mode points|money]
      [--triple-swap-day mon|tue|wed|thu|fri|sat|sun] [--margin-rate X] [--reset] [--json]
                         show a symbol's specification (stored, or the default from its
                         name: FX 5 digits, pip 0.0001, 100000 a lot; JPY-quoted 3 digits,
                         pip 0.01), or change the given fields and store it (--reset first
                         forgets the stored one). Swaps are per lot a night, in points or
                         in account money; runs keep the specification they started with

Backtests
  run --symbol SYM[,SYM...] [--from ISO] [--to ISO] [--timeframes M1,M5,H1,...]
      [--indicators "ema(20),rsi(14),..."] [--price bid|ask|mid] [--history N]
      [--strategy NAME [--param k=v ...]] [--balance 10000] [--lot-size CONTRACT]
      [--commission PER_LOT] [--slippage PRICE] [--record bars,trades,equity] [--json]
      [--account-currency CUR] [--leverage 100] [--stop-out 50] [--rollover 22:00]
      [--rate CUR=RATE ...]
      [--checkpoint-interval 60s] [--checkpoint-every-ticks 1000000] [--keep 5]
      [--checkpoint-level 3] [--no-checkpoints] [--callback-timeout 5s]
                         run a backtest over stored ticks; stores bars, trades, equity
                         (--record: any of them, default all; statistics are always
                         computed, exports hold what was stored).
                         Money is in --account-currency (default: the first symbol's
                         quote currency); a symbol quoted in another currency converts
                         at the stored pair's rate (USDJPY or JPYUSD for JPY in USD), or
                         at a fixed --rate JPY=0.0067 (USD per JPY) when none is stored.
                         --leverage N (or 1:N; 0 = unlimited) sets margin: an order
                         needing more than the free margin is refused, and at margin
                         level <= --stop-out % positions close, biggest loser first.
                         Swaps are charged at the daily --rollover (UTC). --lot-size
                         overrides every symbol's contract size (default: its spec)
                         Ctrl-C (SIGINT/SIGTERM) checkpoints and pauses; SIGUSR1
                         writes a checkpoint now. One strategy call (init, onBar,
                         onTick) running longer than --callback-timeout fails the run
      [--checkpoint-store s3://BUCKET/PREFIX] [--store-wait 30s]
                         also mirror each checkpoint, as a savepoint, to an S3-compatible
                         store (endpoint and keys: AWS_ENDPOINT_URL, AWS_REGION,
                         AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY or ~/.aws); uploads run
                         in the background and are retried while the store fails; at the
                         end the run waits up to --store-wait for them
  resume RUN_ID [--checkpoint SEQ|PATH] [--force] [--json] [--callback-timeout 5s]
      [--checkpoint-store s3://BUCKET/PREFIX] [--store-wait 30s]
                         continue a paused or interrupted run from its newest valid
                         checkpoint; an older checkpoint forks a new run
  resume RUN_ID --from s3://BUCKET/PREFIX [--force]
                         resume from the newest valid savepoint of the run in the store
                         (e.g. mirrored by another machine's --checkpoint-store); needs
                         the same ticks; damaged objects are moved to quarantine/ and the
                         next older one taken; a run already here is forked
  run ... --cluster redis://HOST:6379 --store s3://BUCKET/PREFIX
                         run it on a cluster's workers (ticks, strategy and the run go
                         through the store, the job through Redis) and follow it here;
                         the results land in this data folder as for a local run. Ctrl-C
                         stops following (the run shows paused; the cluster goes on)
  resume RUN_ID --cluster redis://… [--store s3://…]
                         follow a cluster run again (queued again if Redis lost it: a
                         worker resumes it from the store's newest checkpoint)
  resume --checkpoint FILE [--force]
                         resume a savepoint (checkpoints export) in this data folder: it
                         needs the same ticks; the run is created under its own id, or
                         forked if a run with that id is here already
  strategies list [--json]
                         built-in and user strategies (<data-dir>/strategies) with params
  runs list [--json]     runs with their status (running, paused, completed, failed,
                         interrupted)
  runs show RUN_ID [--json]
                         the run and its report as MT5 writes it: summary, trades,
                         monthly returns, warnings ("to date" while unfinished), and
                         the money it used (currency, leverage, stop-out, specs)
  runs trades RUN_ID [--json]
                         its closed trades in lots, with swap and MAE/MFE, and the
                         orders refused for want of free margin
  runs bars RUN_ID --symbol S --timeframe TF [--from T] [--to T] [--max N]
       [--anchor from|to] [--indicator SPEC]... [--json]
                         the price chart's candles (stored, or rebuilt from the ticks)
                         and indicator values, the newest --max (500) in the range
  checkpoints list RUN_ID [--json]
  checkpoints verify PATH|RUN_ID SEQ
  checkpoints inspect PATH|RUN_ID SEQ [--json]
  checkpoints diff A B [--json]      (A, B: PATH or RUN_ID:SEQ; or RUN_ID SEQ_A SEQ_B)
  checkpoints export RUN_ID [SEQ] --out FILE [--force] [--json]
                         a self-contained savepoint of a checkpoint (default the newest
                         valid one): bar history and the run's output so far in one file
  checkpoints gc [--dry-run] [--json]
                         checkpoint files against the data folder's budget; over it,
                         delete completed runs' checkpoints first, never the newest
                         valid one of an unfinished run (--dry-run: only show)
  settings checkpoint-budget [SIZE|auto] [--json]
                         show or set the budget for all checkpoint files (e.g. 1GiB,
                         500MB; auto: min(2 GiB, 10 % of free space)); enforced after
                         every checkpoint write
  runs export RUN_ID --out DIR
                         <SYMBOL>_<TF>.csv per symbol and timeframe; with a strategy
                         also trades.csv, equity.csv and summary.json

Optimisation sweeps
  sweep --strategy NAME --symbol SYM[,SYM...] [--from ISO] [--to ISO]
      [--param k=v (fixed) | k=FROM:TO:STEP | k=A,B,C (swept) ...] [--random N --seed S]
      [--objective net-profit|profit-factor|sharpe|max-drawdown-pct|return-over-drawdown]
      [--min-trades 1] [--walk-forward 90d:30d] [--workers N] [--record trades,equity]
      [run options: --timeframes --indicators --price --history --balance --lot-size
      --commission --slippage --account-currency --leverage --stop-out --rollover
      --rate, checkpoint options, --callback-timeout] [--json]
                         run every combination of the swept params (or N seeded random
                         ones, --seed default 0) as normal runs, --workers at a time
                         (default: the number of cores); a range includes TO when on the
                         step; a value with ':' or ',' is swept. The best job maximises
                         --objective (default net-profit; max-drawdown-pct is minimised)
                         among jobs with at least --min-trades trades (default 1).
                         Walk-forward: optimise on each in-sample window, run the best on
                         the next out-of-sample one. Jobs checkpoint every minute of
                         their computation (no tick trigger, no end checkpoint) unless the
                         checkpoint options say otherwise. Ctrl-C pauses the sweep
  sweep ... --cluster redis://HOST:6379 --store s3://BUCKET/PREFIX [--workers 32]
                         run the jobs on a cluster's workers (backtestr worker), --workers
                         jobs in flight (default 32); results land in this data folder
                         as for a local sweep. Ctrl-C stops following (the sweep pauses)
  sweeps list [--json]   sweeps with their status and jobs done
  sweeps show SWEEP_ID [--json]
                         every job (params, status, statistics) and the best one
  sweeps resume SWEEP_ID [--workers N] [--cluster redis://… --store s3://…] [--json]
                         finish a paused or interrupted sweep: completed jobs kept,
                         interrupted ones resumed from their checkpoints, pending started;
                         with --cluster its jobs go (or are followed again) on the cluster
  sweeps export SWEEP_ID --out DIR [--json]
                         jobs.csv (one row per job: params, status, objective, statistics),
                         best.json and, for walk-forward, oos_equity.csv

Cluster
  worker --redis redis://HOST:6379 --store s3://BUCKET/PREFIX [--concurrency 1]
      [--work-dir DIR] [--lock-ms 30000] [--stall-ms 30000]
                         serve the cluster's run queue: each job runs in a workspace
                         (<data-dir>/cluster-worker by default; one worker per work dir),
                         resumes from the store's newest valid checkpoint, mirrors its
                         checkpoints and uploads its result. The store's endpoint and
                         credentials come from AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, … or
                         ~/.aws; a Redis password from the URL or REDIS_PASSWORD.
                         SIGINT/SIGTERM pause the running jobs and hand them back

Global options
  --data-dir DIR         data folder (default: BACKTESTR_DATA_DIR, else the app's folder)
  --verbose              print stack traces of errors
  -h, --help             this text

Exit codes: 0 success, 1 error, 2 usage.
`;
