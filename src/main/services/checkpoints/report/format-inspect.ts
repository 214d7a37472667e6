/**
 * `checkpoints inspect` as text: one headed section per part of the report, dense enough to read
 * a checkpoint at a glance in a terminal; the same figures as the JSON report, numbers fixed
 * (prices 5 dp, money 2 dp) and right-aligned.
 */
import { formatPortfolio } from './format-portfolio.ts';
import type { InspectReport } from './inspect.ts';
import { count, fixed, money, pairs, percent, price, section, table, time } from './text.ts';

export function formatInspectText(r: InspectReport): string {
  const { file, versions, run, cursor, meta } = r;
  const ratio = file.compressionRatio === null ? '-' : `${fixed(file.compressionRatio, 2)}x`;
  const params = JSON.stringify(run.params);
  return [
    section(`Checkpoint ${file.path}`, [
      ...pairs([
        ['file', `${file.fileBytes} bytes, payload ${file.payloadBytes} bytes, ratio ${ratio}`],
        ['format', `${versions.format} (header ${versions.header}), app ${versions.app}`],
        ['created', time(versions.createdAt)],
      ]),
    ]),
    section(`Run ${run.id} seq ${run.seq}`, [
      ...pairs([
        ['strategy', run.strategy === null ? '(none)' : `${run.strategy} ${params}`],
        ['symbols', run.symbols.join(' ')],
        ['timeframes', run.timeframes.join(' ')],
        ['indicators', run.indicators.join(' ') || '(none)'],
      ]),
    ]),
    section('Cursor', [
      ...pairs([
        ['ticks', `${cursor.ticks} / ${cursor.ticksTotal} (${percent(cursor.progressPct)})`],
        ['sim time', time(cursor.simTime)],
      ]),
      ...table(
        'symbol|>ticks',
        cursor.perSymbol.map((s) => [s.symbol, count(s.ticks)]),
      ),
    ]),
    section('Meta', [
      ...pairs([
        ['trigger', meta.trigger],
        ['wall time', time(meta.wallTime)],
        ['elapsed', `${fixed(meta.elapsedSeconds, 2)} s`],
        ['throughput', `${count(meta.ticksPerSec)} ticks/s`],
      ]),
    ]),
    section(
      'Bars closed',
      table(
        'timeframe|>bars',
        r.barsClosed.map((b) => [b.timeframe, count(b.bars)]),
      ),
    ),
    section('Partial bars', partialBars(r)),
    section('Indicators', indicators(r)),
    section('Strategy state', [JSON.stringify(r.strategyState)]),
    formatPortfolio(r),
  ].join('\n');
}

function partialBars(r: InspectReport): string[] {
  const header = 'symbol|tf|time|>open|>high|>low|>close|>volume|>ticks|>done|>history|last closed';
  return table(
    header,
    r.frames.map((f) => {
      const b = f.partial;
      const bar = b
        ? [time(b.time), price(b.open), price(b.high), price(b.low), price(b.close)]
        : ['-', '-', '-', '-', '-'];
      const more = b ? [money(b.volume), count(b.ticks), percent(b.progressPct)] : ['-', '-', '-'];
      return [f.symbol, f.timeframe, ...bar, ...more, count(f.historyBars), time(f.lastClosed)];
    }),
  );
}

/** One row per (symbol, timeframe), one column per indicator output (all frames share them). */
function indicators(r: InspectReport): string[] {
  const columns = Object.keys(r.frames[0]?.indicators ?? {});
  if (columns.length === 0) return [];
  return table(
    ['symbol', 'tf', ...columns.map((c) => `>${c}`)].join('|'),
    r.frames.map((f) => [
      f.symbol,
      f.timeframe,
      ...columns.map((c) => price(f.indicators[c] ?? null)),
    ]),
  );
}
