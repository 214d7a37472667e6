/**
 * The strategies a run can use: the built-in ones, then the user's files in
 * `<data-dir>/strategies/*.js|*.mjs`. A broken user file never hides the others: listing reports
 * it as an error entry and carries on.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { BUILTIN_STRATEGIES } from '../../engine/strategy/builtin/index.ts';
import type { ParamSpec, StrategyModule } from '../../engine/strategy/types.ts';
import { loadUserStrategyFile, StrategyLoadError } from './user-strategy-file.ts';

export { StrategyLoadError } from './user-strategy-file.ts';

export interface StrategyEntry {
  name: string;
  description: string;
  params: ParamSpec[];
  source: 'builtin' | 'user';
  /** The user strategy's file; null for built-ins. */
  file: string | null;
  module: StrategyModule;
}

export interface StrategyLoadProblem {
  file: string;
  message: string;
}

export class UnknownStrategyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnknownStrategyError';
  }
}

export function strategiesDir(dataDir: string): string {
  return path.join(dataDir, 'strategies');
}

function builtinEntries(): StrategyEntry[] {
  return BUILTIN_STRATEGIES.map((m) => ({
    name: m.name,
    description: m.description,
    params: m.params,
    source: 'builtin',
    file: null,
    module: m,
  }));
}

/** The .js/.mjs files directly in the folder, by name; none if it does not exist. */
async function userFiles(dir: string): Promise<string[]> {
  let dirents;
  try {
    dirents = await fs.readdir(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return dirents
    .filter((d) => !d.name.startsWith('.') && /\.m?js$/.test(d.name))
    .filter((d) => d.isFile() || d.isSymbolicLink())
    .map((d) => path.join(dir, d.name))
    .sort();
}

/**
 * Built-ins first, then user strategies sorted by name. A user file that does not load, or whose
 * name is taken (by a built-in, or by an earlier file) is an error entry: a user file never
 * silently replaces a built-in, so a run of 'ma-cross' always means the shipped one.
 */
export async function listStrategies(
  dataDir: string,
): Promise<{ strategies: StrategyEntry[]; errors: StrategyLoadProblem[] }> {
  const builtins = builtinEntries();
  const taken = new Map(builtins.map((b) => [b.name.toLowerCase(), 'a built-in strategy']));
  const users: StrategyEntry[] = [];
  const errors: StrategyLoadProblem[] = [];
  const dir = strategiesDir(dataDir);
  let files: string[] = [];
  try {
    files = await userFiles(dir);
  } catch (err) {
    errors.push({ file: dir, message: `cannot read the folder: ${(err as Error).message}` });
  }
  for (const file of files) {
    try {
      const { module, params } = await loadUserStrategyFile(file);
      const owner = taken.get(module.name.toLowerCase());
      if (owner !== undefined)
        throw new StrategyLoadError(file, `strategy name '${module.name}' is taken by ${owner}`);
      taken.set(module.name.toLowerCase(), path.basename(file));
      users.push({
        name: module.name,
        description: module.description,
        params,
        source: 'user',
        file,
        module,
      });
    } catch (err) {
      const message =
        err instanceof StrategyLoadError
          ? err.problem
          : err instanceof Error
            ? err.message
            : String(err);
      errors.push({ file, message });
    }
  }
  users.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { strategies: [...builtins, ...users], errors };
}

/**
 * The strategy called `name`. Built-ins do not touch the user folder; an unknown name is an
 * UnknownStrategyError listing the available names and any files that failed to load (the one
 * wanted may be among them).
 */
export async function loadStrategy(dataDir: string, name: string): Promise<StrategyEntry> {
  const builtin = builtinEntries().find((b) => b.name === name);
  if (builtin) return builtin;
  const { strategies, errors } = await listStrategies(dataDir);
  const found = strategies.find((s) => s.name === name);
  if (found) return found;
  const failed = errors.map((e) => `${e.file}: ${e.message}`);
  throw new UnknownStrategyError(
    `unknown strategy '${name}'; available: ${strategies.map((s) => s.name).join(', ')}` +
      (failed.length > 0 ? `; not loaded: ${failed.join('; ')}` : ''),
  );
}
