/**
 * One user strategy file → a checked StrategyModule. A user strategy is a plain ES module in
 * `<data-dir>/strategies/` whose default export is the strategy object; named exports
 * (`export const name = …; export function onBar…`) are accepted as a fallback. Every problem is
 * a StrategyLoadError naming the file, because the author has to find it there.
 */
import fs from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { validateParamSchema } from '../../engine/strategy/params.ts';
import type { ParamSpec, StrategyModule } from '../../engine/strategy/types.ts';

export class StrategyLoadError extends Error {
  readonly file: string;
  /** The message without the file, for lists that show the file in a column of its own. */
  readonly problem: string;

  constructor(file: string, problem: string, options?: ErrorOptions) {
    super(`${file}: ${problem}`, options);
    this.name = 'StrategyLoadError';
    this.file = file;
    this.problem = problem;
  }
}

/** Strategy names: what `--strategy NAME` and the app's picker use. */
export const STRATEGY_NAME = /^[a-z0-9][a-z0-9-_]*$/i;

const MODULE_KEYS = ['name', 'description', 'params', 'requires', 'init', 'onBar', 'onTick'];

export interface UserStrategy {
  module: StrategyModule;
  /** The declared params, checked and copied. */
  params: ParamSpec[];
}

/**
 * Imports the file. The URL carries the file's mtime and size: Node caches a module per URL for
 * the life of the process, so without them the app would keep running the version it first saw
 * after the user edited the file. (Each edited version stays in memory until the app restarts.)
 */
async function importFile(file: string): Promise<Record<string, unknown>> {
  const stat = await fs.stat(file);
  const url = `${pathToFileURL(file).href}?mtime=${stat.mtimeMs}&size=${stat.size}`;
  try {
    return (await import(/* @vite-ignore */ url)) as Record<string, unknown>;
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    // A SyntaxError's name says more than its message alone ("Unexpected token ','").
    const what = e.name === 'SyntaxError' ? `SyntaxError: ${e.message}` : e.message;
    throw new StrategyLoadError(file, `failed to load: ${what}`, { cause: err });
  }
}

/** The strategy object: the default export, else the named exports. */
function strategyObject(file: string, ns: Record<string, unknown>): Record<string, unknown> {
  const def = ns.default;
  if (typeof def === 'object' && def !== null) return def as Record<string, unknown>;
  const named = MODULE_KEYS.filter((k) => ns[k] !== undefined);
  if (named.length > 0) return Object.fromEntries(named.map((k) => [k, ns[k]]));
  throw new StrategyLoadError(
    file,
    def === undefined
      ? 'exports no strategy: expected export default { name, description, params, init, onBar }'
      : `the default export must be the strategy object { name, description, params, init, onBar }, got a ${typeof def}`,
  );
}

function checkShape(file: string, s: Record<string, unknown>): void {
  const fail = (problem: string): never => {
    throw new StrategyLoadError(file, problem);
  };
  if (typeof s.name !== 'string' || !STRATEGY_NAME.test(s.name))
    fail(
      `name must be letters, digits, '-' and '_', starting with a letter or digit, got ${JSON.stringify(s.name) ?? 'undefined'}`,
    );
  if (typeof s.description !== 'string') fail('description must be a string');
  for (const key of ['init', 'onBar'])
    if (typeof s[key] !== 'function') fail(`${key} must be a function`);
  for (const key of ['requires', 'onTick'])
    if (s[key] !== undefined && typeof s[key] !== 'function')
      fail(`${key} must be a function when given`);
}

/** Imports and checks one user strategy file; throws StrategyLoadError. */
export async function loadUserStrategyFile(file: string): Promise<UserStrategy> {
  const s = strategyObject(file, await importFile(file));
  checkShape(file, s);
  let params: ParamSpec[];
  try {
    params = validateParamSchema(s.params, `strategy '${String(s.name)}'`);
  } catch (err) {
    throw new StrategyLoadError(file, err instanceof Error ? err.message : String(err));
  }
  return { module: s as unknown as StrategyModule, params };
}
