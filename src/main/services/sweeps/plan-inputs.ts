/**
 * What a plan is checked against besides the spec: the strategy's param schema and the stored
 * data. A user strategy's schema comes from `listStrategies`, whose probe imports user files in a
 * worker thread: the sweep's coordinator never runs user code itself.
 */
import { BUILTIN_STRATEGIES } from '../../engine/strategy/builtin/index.ts';
import type { ParamSpec } from '../../engine/strategy/types.ts';
import type { SweepSpec } from '../../../shared/sweeps.ts';
import type { Db } from '../db/database.ts';
import { listStrategies } from '../strategies/strategy-loader.ts';
import { readSymbol } from '../ticks/tick-store.ts';
import { SweepInputError } from './sweep-errors.ts';
import { expandPlan, parseSpec, type SweepPlan } from './sweep-plan.ts';

export async function strategySchema(dataDir: string, name: string): Promise<ParamSpec[]> {
  const builtin = BUILTIN_STRATEGIES.find((s) => s.name === name);
  if (builtin) return builtin.params;
  const { strategies, errors } = await listStrategies(dataDir);
  const found = strategies.find((s) => s.name === name);
  if (found) return found.params;
  const failed = errors.map((e) => `; not loaded: ${e.file}: ${e.message}`).join('');
  throw new SweepInputError(
    `unknown strategy '${name}'; available: ${strategies.map((s) => s.name).join(', ')}${failed}`,
  );
}

/**
 * [from, to) of the sweep: the spec's own bounds, else the symbols' first tick and last tick + 1.
 * Every symbol must have ticks (as a run requires).
 */
export function dataRange(db: Db, spec: SweepSpec): { start: number; end: number } {
  const infos = spec.base.symbols.map((name) => {
    const info = readSymbol(db, name);
    if (!info || info.tickCount === 0)
      throw new SweepInputError(
        `no ticks stored for ${name}; import or generate some first (backtestr data list)`,
      );
    return info;
  });
  const start = spec.base.from ?? Math.min(...infos.map((i) => i.firstTs));
  const end = spec.base.to ?? Math.max(...infos.map((i) => i.lastTs)) + 1;
  if (start >= end) throw new SweepInputError('--from must be before --to');
  return { start, end };
}

/** The whole check: schema, data, counts; what startSweep stores. */
export async function buildPlan(db: Db, dataDir: string, input: SweepSpec): Promise<SweepPlan> {
  const spec = parseSpec(input);
  const schema = await strategySchema(dataDir, spec.base.strategy);
  return expandPlan(spec, schema, dataRange(db, spec));
}
