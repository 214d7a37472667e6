/**
 * Example user strategy for BackTestr: previous-day high/low breakout.
 *
 * HOW TO USE
 *   Copy this file into the `strategies` folder of your BackTestr data folder
 *   (`<data-dir>/strategies/`, see `backtestr strategies list`), rename it, change `name`, and
 *   edit away. Any `*.js` or `*.mjs` file there is loaded as an ES module. Check it with
 *
 *     backtestr strategies list
 *
 *   and run it with
 *
 *     backtestr run --symbol EURUSD --strategy my-breakout --param lots=0.5
 *
 * THE IDEA
 *   Yesterday's high and low are levels many traders watch. When today's price closes beyond one
 *   of them, follow the break: buy above yesterday's high, sell below yesterday's low. Only
 *   after a "normal" day: a day whose range (high - low) was very small compared with the usual
 *   daily range (ATR) is mostly noise (e.g. the short Sunday session), and after a very wide day
 *   the move is often spent. At most one trade per symbol per day; the stop goes to the middle of
 *   yesterday's range, the target at `rewardRisk` times that risk, and whatever is still open is
 *   closed when the day ends.
 *
 * THE API (what BackTestr expects from the default export)
 *   name         letters, digits, '-' and '_'; the name you pass to `--strategy`. It must not be
 *                the name of a built-in strategy.
 *   description  one line, shown by `strategies list` and in the app.
 *   params       the settings a user can change without editing code. Each is
 *                { name, type, default, description } plus `min`/`max` for numbers and
 *                `choices` for strings. Types: 'number', 'integer', 'boolean', 'string',
 *                'timeframe' (M1, M5, M15, M30, H1, H4, D1, W1). The CLI checks
 *                `--param name=value` against them, the app draws a form from them, and your
 *                code reads the checked values from `ctx.params`.
 *   requires(params)  optional: the timeframes and indicators you read, e.g.
 *                { timeframes: ['M15', 'D1'], indicators: ['atr(14)', 'ema(50)'] }. The run
 *                computes exactly these (added to what the user asked for); reading anything
 *                else is an error. Indicators are computed on every timeframe of the run.
 *   init(ctx)    called once before the first tick: check params, set up ctx.state.
 *   onBar(ctx, ev)  called whenever a bar closes: ev = { symbol, timeframe, bar }. It is called
 *                for every symbol and every timeframe of the run, so look at ev.timeframe first.
 *   onTick(ctx, tick)  optional: called on every tick ({ symbol, time, bid, ask }). Leave it out
 *                unless you need it; a run has millions of ticks and each call costs time.
 *
 * WHAT ctx OFFERS
 *   ctx.params                  the checked param values, e.g. ctx.params.lots
 *   ctx.state                   YOUR ONLY MEMORY: see below
 *   ctx.symbols, ctx.timeframes the run's symbols and timeframes; ctx.time = now (ms UTC)
 *   ctx.bar(symbol, tf, ago)    a closed bar { time, open, high, low, close, volume, ticks };
 *                               ago 0 = the last closed one, 1 = the one before; undefined if
 *                               there is none (yet)
 *   ctx.barCount(symbol, tf)    how many closed bars are kept
 *   ctx.partial(symbol, tf)     the bar still being built (same fields plus progress 0..1)
 *   ctx.indicator(symbol, tf, 'atr(14)', ago)   indicator value at the close of a bar; NaN while
 *                               the indicator warms up. Multi-output indicators are read by
 *                               column: 'bbands_20_2_upper', 'donchian_20_lower', ...
 *   ctx.preview(symbol, tf, spec)  the indicator over the partial bar, as if it closed now
 *   ctx.account.balance / .equity / .margin / .freeMargin / .marginLevel / .currency
 *   ctx.account.position(symbol) -> { side: 'long'|'short'|'flat', size (units), lots,
 *                               entryPrice, stopLoss, takeProfit, unrealizedPnl, swap, ... }
 *                               (money in the account currency; see docs/money.md)
 *   ctx.spec(symbol)            the symbol's specification: contractSize (units per lot),
 *                               pipSize, digits, base, quote, swaps, marginRate
 *   ctx.lotSize                 units per lot of the run's first symbol (sizes are in units)
 *   ctx.buy(symbol, units, { stopLoss, takeProfit })  market orders fill on the next tick of the
 *   ctx.sell(symbol, units, { ... })                  symbol (buys at the ask, sells at the bid);
 *                               also { type: 'limit'|'stop', price } for pending orders
 *   ctx.close(symbol)           flatten the position with a market order
 *   ctx.setStops(symbol, stopLoss, takeProfit)  replace the stops of the open position
 *
 * WHY ALL STATE GOES IN ctx.state
 *   BackTestr saves checkpoints of a run and can resume it, and the same file can run several
 *   backtests in one app session. ctx.state is saved with the checkpoint; variables at the top
 *   of this module are not, and would also leak from one run into the next. So keep everything
 *   you need to remember in ctx.state, as plain data only (numbers, strings, booleans, null,
 *   arrays, plain objects; no Map, Date or class instances), and the resumed run continues
 *   exactly as the uninterrupted one would.
 *
 * Determinism: use only ctx (no Date.now(), no Math.random()), and a run repeats bit for bit.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** This symbol's memory inside ctx.state (each symbol trades on its own). */
function symbolState(ctx, symbol) {
  ctx.state.symbols ??= {};
  ctx.state.symbols[symbol] ??= { tradedAfterDay: null };
  return ctx.state.symbols[symbol];
}

/** The entry checks, on each closed bar of the entry timeframe. */
function onEntryBar(ctx, symbol, bar) {
  const p = ctx.params;
  // The previous trading day: the last closed D1 bar before this bar's day (UTC). On Mondays
  // that is Friday, or Sunday's short session if the data has one.
  const today = Math.floor(bar.time / DAY_MS) * DAY_MS;
  const day = ctx.bar(symbol, 'D1', 0);
  if (day === undefined || day.time >= today) return;
  // A bar that closed only after its day ended (the day's last bar, or Friday's last before the
  // weekend) is no entry: the day-end exit arrives on the same tick.
  if (ctx.time >= today + DAY_MS) return;

  const mine = symbolState(ctx, symbol);
  if (mine.tradedAfterDay === day.time) return; // one trade per day
  if (ctx.account.position(symbol).side !== 'flat') return;

  const atr = ctx.indicator(symbol, 'D1', `atr(${p.atrPeriod})`, 0);
  const range = day.high - day.low;
  if (!(range >= p.minRangeAtr * atr && range <= p.maxRangeAtr * atr)) return; // also: ATR NaN

  const spec = ctx.spec(symbol); // pips and lots differ per symbol (JPY pairs, metals, CFDs)
  const buffer = p.bufferPips * spec.pipSize;
  const middle = (day.high + day.low) / 2;
  const units = p.lots * spec.contractSize;
  if (bar.close > day.high + buffer) {
    const risk = bar.close - middle;
    ctx.buy(symbol, units, { stopLoss: middle, takeProfit: bar.close + p.rewardRisk * risk });
    mine.tradedAfterDay = day.time;
  } else if (bar.close < day.low - buffer) {
    const risk = middle - bar.close;
    ctx.sell(symbol, units, { stopLoss: middle, takeProfit: bar.close - p.rewardRisk * risk });
    mine.tradedAfterDay = day.time;
  }
}

export default {
  name: 'example-breakout',
  description: 'Previous-day high/low breakout on M15, after days of normal range (user example)',

  params: [
    { name: 'timeframe', type: 'timeframe', default: 'M15', description: 'entry bars (below D1)' },
    {
      name: 'atrPeriod',
      type: 'integer',
      default: 14,
      min: 1,
      max: 200,
      description: 'days in the ATR that defines a normal daily range',
    },
    {
      name: 'minRangeAtr',
      type: 'number',
      default: 0.3,
      min: 0,
      max: 10,
      description: 'skip days whose range was below this many ATRs',
    },
    {
      name: 'maxRangeAtr',
      type: 'number',
      default: 1.5,
      min: 0,
      max: 10,
      description: 'skip days whose range was above this many ATRs',
    },
    {
      name: 'bufferPips',
      type: 'number',
      default: 2,
      min: 0,
      max: 100,
      description: "how far beyond yesterday's high/low the close must be",
    },
    {
      name: 'rewardRisk',
      type: 'number',
      default: 1.5,
      min: 0.1,
      max: 20,
      description: 'take profit at this multiple of the risk (entry to stop)',
    },
    {
      name: 'closeAtDayEnd',
      type: 'boolean',
      default: true,
      description: 'close an open position when the day ends',
    },
    { name: 'lots', type: 'number', default: 1, min: 0.01, max: 100, description: 'size in lots' },
  ],

  requires(params) {
    return { timeframes: [params.timeframe, 'D1'], indicators: [`atr(${params.atrPeriod})`] };
  },

  init(ctx) {
    const { timeframe, minRangeAtr, maxRangeAtr } = ctx.params;
    // Errors thrown here stop the run before it starts, with this message.
    if (timeframe === 'D1' || timeframe === 'W1')
      throw new Error(`timeframe must be below D1 (it trades inside the day), got ${timeframe}`);
    if (minRangeAtr >= maxRangeAtr)
      throw new Error(`minRangeAtr (${minRangeAtr}) must be below maxRangeAtr (${maxRangeAtr})`);
    ctx.state.symbols = {};
  },

  onBar(ctx, ev) {
    if (ev.timeframe === ctx.params.timeframe) {
      onEntryBar(ctx, ev.symbol, ev.bar);
    } else if (ev.timeframe === 'D1' && ctx.params.closeAtDayEnd) {
      if (ctx.account.position(ev.symbol).side !== 'flat') ctx.close(ev.symbol);
    }
  },

  // onTick is left out on purpose: this strategy decides on closed bars only. If you need it:
  //   onTick(ctx, tick) { const pos = ctx.account.position(tick.symbol); ... }
};
