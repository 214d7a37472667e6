/**
 * `backtestr sweep` options → a SweepSpec. A --param value with ':' is a range (from:to:step),
 * with ',' a list, else a fixed value; values stay text here and the plan types them by the
 * strategy's param schema, exactly as `run --param` does. (No built-in string param has values
 * containing ':' or ','.)
 */
import { parseWalkForward, WalkForwardError } from '../services/sweeps/walk-forward.ts';
import {
  SWEEP_OBJECTIVES,
  type ParamValue,
  type SweptParam,
  type SweepSpec,
} from '../../shared/sweeps.ts';
import { oneOf, parseInteger, parseNumber, required, splitList } from './options.ts';
import { parseRecord, RUN_SETTINGS_OPTIONS, runSettingsOf } from './run-settings.ts';
import { UsageError } from './usage.ts';

/** parseArgs options of the spec: a run's settings (jobs record trades and equity by default) and the sweep's own. */
export const SWEEP_SPEC_OPTIONS = {
  ...RUN_SETTINGS_OPTIONS,
  record: { type: 'string', default: 'trades,equity' },
  random: { type: 'string' },
  seed: { type: 'string', default: '0' },
  objective: { type: 'string', default: 'net-profit' },
  'min-trades': { type: 'string', default: '1' },
  'walk-forward': { type: 'string' },
} as const;

type Values = {
  [K in keyof typeof SWEEP_SPEC_OPTIONS]?: (typeof SWEEP_SPEC_OPTIONS)[K] extends {
    multiple: true;
  }
    ? string[]
    : string;
};

function sweptParam(name: string, text: string): SweptParam {
  if (text.includes(':')) {
    const parts = text.split(':');
    if (parts.length !== 3)
      throw new UsageError(`--param ${name}=${text}: a range is from:to:step, e.g. 5:20:5`);
    const [from, to, step] = parts.map((p) => parseNumber(`param ${name}`, p));
    return { name, kind: 'range', from: from!, to: to!, step: step! };
  }
  return { name, kind: 'list', values: splitList(text) };
}

function paramsOf(args: string[]): { fixed: Record<string, ParamValue>; swept: SweptParam[] } {
  const fixed: Record<string, ParamValue> = {};
  const swept: SweptParam[] = [];
  for (const arg of args) {
    const eq = arg.indexOf('=');
    const name = eq < 0 ? '' : arg.slice(0, eq).trim();
    if (name === '') throw new UsageError(`--param '${arg}' must be name=value`);
    const text = arg.slice(eq + 1);
    if (text.includes(':') || text.includes(',')) swept.push(sweptParam(name, text));
    else if (name in fixed) throw new UsageError(`param '${name}' is given twice`);
    else fixed[name] = text;
  }
  if (swept.length === 0)
    throw new UsageError('a sweep needs at least one swept --param (k=a:b:step or k=a,b,c)');
  return { fixed, swept };
}

function walkForwardOf(text: string | undefined): SweepSpec['walkForward'] {
  if (text === undefined) return null;
  try {
    return parseWalkForward(text);
  } catch (err) {
    if (err instanceof WalkForwardError) throw new UsageError(err.message);
    throw err;
  }
}

export function sweepSpecOf(v: Values): SweepSpec {
  const { fixed, swept } = paramsOf(v.param ?? []);
  const { timeframes, account, money, ...settings } = runSettingsOf(v);
  return {
    base: {
      ...settings,
      ...(timeframes !== undefined && { timeframes }),
      strategy: required('strategy', v.strategy),
      fixed,
      // Only the options given; the others take the run's defaults.
      account: Object.fromEntries(Object.entries(account).filter(([, x]) => x !== undefined)),
      ...(Object.keys(money).length > 0 && { money }),
      record: parseRecord(v.record ?? 'trades,equity'),
    },
    params: swept,
    search:
      v.random === undefined
        ? { kind: 'grid' }
        : {
            kind: 'random',
            samples: parseInteger('random', v.random, 1),
            seed: parseInteger('seed', v.seed ?? '0', 0, 2 ** 32 - 1),
          },
    objective: oneOf('objective', v.objective ?? 'net-profit', SWEEP_OBJECTIVES),
    minTrades: parseInteger('min-trades', v['min-trades'] ?? '1', 0),
    walkForward: walkForwardOf(v['walk-forward']),
  };
}
