/**
 * `data:*`: the tick store. Imports and generation are all or nothing (see the services); an
 * import reports `import:progress` at most every 100 ms, a generation `generate:progress` every 250 ms. Ticks of a symbol that an active run or sweep
 * is reading are not changed under it: a run streams them chunk by chunk.
 */
import { performance } from 'node:perf_hooks';
import { generateSymbolTicks } from '../ticks/generate-service.ts';
import { importTickCsv } from '../ticks/import-service.ts';
import {
  listSymbolSpecs,
  resetSymbolSpec,
  saveSymbolSpec,
  type SymbolSpecEntry,
} from '../ticks/symbol-specs.ts';
import { listSymbols } from '../ticks/tick-store.ts';
import { utcMs, type BackendContext } from './context.ts';
import { toSymbolSummary } from './dto-map.ts';
import type { SymbolSpecDto } from '../../../shared/dto.ts';
import type { DomainHandlers } from './handler-types.ts';

const IMPORT_PROGRESS_MS = 100;
/** A generation reports a few times a second: enough for a smooth bar and a steady ETA. */
const GENERATE_PROGRESS_MS = 250;

export function dataHandlers(ctx: BackendContext): DomainHandlers<'data'> {
  const { db, events } = ctx;
  const refuseIfRunning = (symbol: string) => {
    const runId = ctx.runs.usingSymbol(symbol);
    if (runId !== null) {
      throw new Error(
        `run ${runId} is reading the ticks of ${symbol}; pause it or let it finish before changing them`,
      );
    }
    const sweepId = ctx.sweeps.usingSymbol(symbol);
    if (sweepId !== null) {
      throw new Error(
        `sweep ${sweepId} is reading the ticks of ${symbol}; pause it or let it finish before changing them`,
      );
    }
  };
  // An import or generation holds one write transaction on the shared connection across its
  // turns of the event loop: a second one would fail with SQLite's "transaction within a
  // transaction". Say what is going on instead.
  let dataJob: string | null = null;
  const oneDataJob = async <T>(what: string, job: () => Promise<T>): Promise<T> => {
    if (dataJob !== null) throw new Error(`${dataJob} is in progress; wait for it to finish`);
    dataJob = what;
    try {
      return await job();
    } finally {
      dataJob = null;
    }
  };
  return {
    'data:list': async () => listSymbols(db).map(toSymbolSummary),

    'data:generate': async ({ symbol, start, days, seed, replace }) => {
      refuseIfRunning(symbol);
      let last = -Infinity;
      const r = await oneDataJob(`generating ${symbol}`, () =>
        generateSymbolTicks(db, {
          symbol,
          start: utcMs('start', start),
          days,
          seed,
          replace,
          onProgress: (ticks, daysDone) => {
            const now = performance.now();
            if (now - last < GENERATE_PROGRESS_MS && daysDone < days) return;
            last = now;
            events.emit('generate:progress', { symbol, daysDone, days, ticks });
          },
        }),
      );
      return { symbol: toSymbolSummary(r.symbol), added: r.generated };
    },

    'data:import': async ({ file, symbol, format, replace }) => {
      refuseIfRunning(symbol);
      let last = -Infinity;
      const r = await oneDataJob(`an import into ${symbol}`, () =>
        importTickCsv(db, {
          file,
          symbol,
          format,
          replace,
          onProgress: (bytesRead, totalBytes) => {
            const now = performance.now();
            if (now - last < IMPORT_PROGRESS_MS && bytesRead < totalBytes) return;
            last = now;
            events.emit('import:progress', { file, bytesRead, totalBytes });
          },
        }),
      );
      return { symbol: toSymbolSummary(r.symbol), added: r.imported, format: r.format };
    },

    /** No dialog here: a host that has one (Electron) answers this channel itself. */
    'data:pickFile': async () => null,

    // Specs are not refused while a run reads the symbol: a run copied its specs when it started.
    'data:specs': async () => listSymbolSpecs(db).map(toSpecDto),
    'data:setSpec': async ({ symbol, spec }) => toSpecDto(saveSymbolSpec(db, symbol, spec)),
    'data:resetSpec': async ({ symbol }) => toSpecDto(resetSymbolSpec(db, symbol)),
  };
}

function toSpecDto(e: SymbolSpecEntry): SymbolSpecDto {
  const dto: SymbolSpecDto = { symbol: e.symbol, edited: e.edited, ...e.spec };
  if (e.problem !== undefined) dto.problem = e.problem;
  return dto;
}
