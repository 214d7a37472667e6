import { parseArgs } from 'node:util';
import type { TickFormat } from '../../engine/data/csv/index.ts';
import { generateSymbolTicks } from '../../services/ticks/generate-service.ts';
import { importTickCsv } from '../../services/ticks/import-service.ts';
import { symbolSpecEntry, SymbolSpecError } from '../../services/ticks/symbol-specs.ts';
import { listSymbols } from '../../services/ticks/tick-store.ts';
import type { CliContext } from '../context.ts';
import { oneOf, parseInteger, parseUtcTime, required } from '../options.ts';
import { ProgressBar } from '../progress.ts';
import { formatTable } from '../table.ts';
import { UsageError } from '../usage.ts';
import { dataSpec } from './data-spec.ts';

const FORMATS = ['auto', 'generic', 'dukascopy', 'histdata', 'truefx'] as const;

export async function dataCommand(ctx: CliContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'import':
      return dataImport(ctx, rest);
    case 'generate':
      return dataGenerate(ctx, rest);
    case 'list':
      return dataList(ctx, rest);
    case 'spec':
      return dataSpec(ctx, rest);
    default:
      throw new UsageError(
        sub
          ? `unknown command 'data ${sub}'`
          : "'data' needs a command: import, generate, list or spec",
      );
  }
}

async function dataImport(ctx: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      symbol: { type: 'string' },
      format: { type: 'string', default: 'auto' },
      digits: { type: 'string' },
      replace: { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 1) throw new UsageError('data import needs exactly one FILE');
  const bar = new ProgressBar(ctx.io.stderr, 'import');
  const result = await importTickCsv(ctx.db, {
    file: positionals[0],
    symbol: required('symbol', values.symbol),
    format: oneOf('format', values.format, FORMATS) as 'auto' | TickFormat,
    digits: values.digits === undefined ? undefined : parseInteger('digits', values.digits, 0),
    replace: values.replace,
    onProgress: (done, total) => bar.update(done, total, 'B'),
  });
  bar.done();
  ctx.out(
    `imported ${result.imported} ticks for ${result.symbol.name} (${result.format}); ${result.symbol.tickCount} stored`,
  );
  return 0;
}

async function dataGenerate(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      symbol: { type: 'string' },
      start: { type: 'string', default: '2024-01-01' },
      days: { type: 'string', default: '5' },
      seed: { type: 'string', default: '1' },
      replace: { type: 'boolean', default: false },
    },
  });
  const bar = new ProgressBar(ctx.io.stderr, 'generate');
  const days = parseInteger('days', values.days, 1);
  const result = await generateSymbolTicks(ctx.db, {
    symbol: required('symbol', values.symbol),
    start: parseUtcTime('start', values.start),
    days,
    seed: parseInteger('seed', values.seed, 0),
    replace: values.replace,
    // The share of days done, shown as ticks of the total they project (the bar's rate is ticks/s).
    onProgress: (ticks, daysDone) =>
      bar.update(ticks, daysDone > 0 ? (ticks * days) / daysDone : 0, 'ticks'),
  });
  bar.done();
  ctx.out(
    `generated ${result.generated} ticks for ${result.symbol.name}; ${result.symbol.tickCount} stored`,
  );
  return 0;
}

/**
 * A stored tick time as ISO-8601. A version without the time range of engine/data/tick-limits.ts
 * could store times past Date's range (epoch 9e15): shown as their number, not a crash.
 */
function storedTime(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString();
}

/**
 * The symbols with ticks and the spec runs will use for each (quote, pip, contract; null in
 * --json when the stored spec is invalid, which is also said on stderr). --json only ever gains
 * fields, so scripts reading the older shape keep working.
 */
function dataList(ctx: CliContext, args: string[]): number {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
  const symbols = listSymbols(ctx.db).map((s) => {
    const spec = specOrProblem(ctx, s.name);
    return {
      symbol: s.name,
      first: storedTime(s.firstTs),
      last: storedTime(s.lastTs),
      ticks: s.tickCount,
      quote: spec?.quote ?? null,
      pipSize: spec?.pipSize ?? null,
      contractSize: spec?.contractSize ?? null,
      specEdited: spec?.edited ?? null,
    };
  });
  if (values.json) {
    ctx.out(JSON.stringify(symbols));
  } else if (symbols.length === 0) {
    ctx.out('no data yet: try  backtestr data generate --symbol EURUSD --days 5');
  } else {
    const shown = (v: number | string | null): string => (v === null ? '?' : String(v));
    ctx.out(
      formatTable(
        ['symbol', 'first', 'last', 'ticks', 'quote', 'pip', 'contract', 'spec'],
        symbols.map((s) => [
          s.symbol,
          s.first,
          s.last,
          String(s.ticks),
          shown(s.quote),
          shown(s.pipSize),
          shown(s.contractSize),
          s.specEdited === null ? 'invalid' : s.specEdited ? 'edited' : 'default',
        ]),
        [3, 5, 6],
      ),
    );
  }
  return 0;
}

/** The spec in effect, or null after saying on stderr why the stored one is refused. */
function specOrProblem(ctx: CliContext, name: string) {
  try {
    const e = symbolSpecEntry(ctx.db, name);
    return { ...e.spec, edited: e.edited };
  } catch (e) {
    if (!(e instanceof SymbolSpecError)) throw e;
    ctx.err(e.message);
    return null;
  }
}
