/**
 * The strategies a run can use: the built-in ones, then the user's files in
 * `<data-dir>/strategies/*.js|*.mjs`. A broken user file never hides the others: listing reports
 * it as an error entry and carries on. Listing never runs user code on the caller's thread (see
 * strategy-probe.ts); only loadStrategy imports the one file a run needs, in the run's thread.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { BUILTIN_STRATEGIES } from '../../engine/strategy/builtin/index.ts';
import type { ParamSpec, StrategyModule } from '../../engine/strategy/types.ts';
import { probeStrategyFiles } from './strategy-probe.ts';
import { loadUserStrategyFile, StrategyLoadError } from './user-strategy-file.ts';

export { StrategyLoadError } from './user-strategy-file.ts';

/** A listed strategy: plain metadata, no code. */
export interface StrategyInfo {
  name: string;
  description: string;
  params: ParamSpec[];
  source: 'builtin' | 'user';
  /** The user strategy's file; null for built-ins. */
  file: string | null;
  /** Which of requires/init/onBar/onTick the module defines. */
  hooks: string[];
}

/** A strategy ready to run: its metadata and its module. */
export interface StrategyEntry extends StrategyInfo {
  module: StrategyModule;
}

/**
 * Told when user strategy code is about to run while a module loads (import, `requires`), so a
 * run's watchdog can time it (isolation/run-worker.ts).
 */
export interface LoadWatch {
  loading(file: string): void;
  loaded(): void;
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
    hooks: (['requires', 'init', 'onBar', 'onTick'] as const).filter((k) => m[k] !== undefined),
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
): Promise<{ strategies: StrategyInfo[]; errors: StrategyLoadProblem[] }> {
  const builtins: StrategyInfo[] = builtinEntries().map(({ module: _, ...info }) => info);
  const taken = new Map(builtins.map((b) => [b.name.toLowerCase(), 'a built-in strategy']));
  const users: StrategyInfo[] = [];
  const errors: StrategyLoadProblem[] = [];
  const dir = strategiesDir(dataDir);
  let files: string[] = [];
  try {
    files = await userFiles(dir);
  } catch (err) {
    errors.push({ file: dir, message: `cannot read the folder: ${(err as Error).message}` });
  }
  for (const r of await probeStrategyFiles(files)) {
    if (!r.ok) {
      errors.push({ file: r.file, message: r.message });
      continue;
    }
    const owner = taken.get(r.info.name.toLowerCase());
    if (owner !== undefined) {
      errors.push({
        file: r.file,
        message: `strategy name '${r.info.name}' is taken by ${owner}`,
      });
      continue;
    }
    taken.set(r.info.name.toLowerCase(), path.basename(r.file));
    users.push({ ...r.info, source: 'user', file: r.file });
  }
  users.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { strategies: [...builtins, ...users], errors };
}

/**
 * The strategy called `name`. Built-ins do not touch the user folder; an unknown name is an
 * UnknownStrategyError listing the available names and any files that failed to load (the one
 * wanted may be among them).
 */
export async function loadStrategy(
  dataDir: string,
  name: string,
  watch?: LoadWatch,
): Promise<StrategyEntry> {
  const builtin = builtinEntries().find((b) => b.name === name);
  if (builtin) return builtin;
  const { strategies, errors } = await listStrategies(dataDir);
  const found = strategies.find((s) => s.name === name);
  if (found?.file) {
    // Only the file wanted runs here; the listing read the others in a worker.
    watch?.loading(found.file);
    try {
      const { module, params } = await loadUserStrategyFile(found.file);
      if (module.name !== name)
        throw new StrategyLoadError(found.file, `changed its name to '${module.name}' meanwhile`);
      return { ...found, params, module };
    } finally {
      watch?.loaded();
    }
  }
  const failed = errors.map((e) => `${e.file}: ${e.message}`);
  throw new UnknownStrategyError(
    `unknown strategy '${name}'; available: ${strategies.map((s) => s.name).join(', ')}` +
      (failed.length > 0 ? `; not loaded: ${failed.join('; ')}` : ''),
  );
}
