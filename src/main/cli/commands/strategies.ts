import { parseArgs } from 'node:util';
import { paramDefaultText, paramRange } from '../../engine/strategy/params.ts';
import type { ParamSpec } from '../../engine/strategy/types.ts';
import {
  listStrategies,
  strategiesDir,
  type StrategyInfo,
} from '../../services/strategies/strategy-loader.ts';
import type { CliContext } from '../context.ts';
import { formatTable } from '../table.ts';
import { UsageError } from '../usage.ts';

export async function strategiesCommand(ctx: CliContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'list':
      return strategiesList(ctx, rest);
    default:
      throw new UsageError(
        sub ? `unknown command 'strategies ${sub}'` : "'strategies' needs a command: list",
      );
  }
}

/**
 * Every strategy with its params. A user file that fails to load is reported on stderr and the
 * listing goes on: one broken file must not hide the others (exit code 0).
 */
async function strategiesList(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
  const { strategies, errors } = await listStrategies(ctx.dataDir);
  for (const e of errors) ctx.err(`${e.file}: ${e.message}`);
  if (values.json) {
    ctx.out(
      JSON.stringify(
        strategies.map(({ name, description, source, file, params }) => ({
          name,
          description,
          source,
          file,
          params,
        })),
      ),
    );
    return 0;
  }
  ctx.out(
    formatTable(
      ['name', 'source', 'description'],
      strategies.map((s) => [s.name, s.source, s.description]),
    ),
  );
  for (const s of strategies) ctx.out(`\n${paramsText(s)}`);
  ctx.out(`\nuser strategies: ${strategiesDir(ctx.dataDir)}/*.js|*.mjs`);
  return 0;
}

function paramsText(s: StrategyInfo): string {
  if (s.params.length === 0) return `${s.name}: no params`;
  const rows = s.params.map((p: ParamSpec) => [
    p.name,
    p.type,
    paramDefaultText(p),
    paramRange(p),
    p.description,
  ]);
  const table = formatTable(['param', 'type', 'default', 'range', 'description'], rows);
  return `${s.name} params:\n${table.replace(/^/gm, '  ')}`;
}
