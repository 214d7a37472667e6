import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const LOADER = pathToFileURL(
  path.resolve(import.meta.dirname, '../../src/main/services/strategies/strategy-loader.ts'),
).href;

/**
 * Runs `body` (an async function body with `loader` = strategy-loader.ts and `fs` in scope) in a
 * plain Node child process and returns what it returns, through JSON. The loader's dynamic
 * import() must be tested as Node does it: inside vitest it goes through Vite's transform, which
 * reports syntax errors differently and caches modules its own way.
 */
export function inNode<T>(body: string): T {
  const script = `import * as loader from ${JSON.stringify(LOADER)};
import fs from 'node:fs';
const summary = (s) => ({ name: s.name, source: s.source, file: s.file, description: s.description,
  params: s.params, hooks: s.hooks });
const result = await (async () => { ${body} })();
process.stdout.write(JSON.stringify(result));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`child failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

export interface ListedStrategy {
  name: string;
  source: 'builtin' | 'user';
  file: string | null;
  description: string;
  params: unknown[];
  hooks: string[];
}

export interface Listing {
  strategies: ListedStrategy[];
  errors: { file: string; message: string }[];
}

/** listStrategies(dataDir) in a plain Node process. */
export function listInNode(dataDir: string): Listing {
  return inNode<Listing>(`const r = await loader.listStrategies(${JSON.stringify(dataDir)});
return { strategies: r.strategies.map(summary), errors: r.errors };`);
}
