/** `strategies:*`: built-in and user strategies with their params; broken user files as errors. */
import { listStrategies } from '../strategies/strategy-loader.ts';
import type { BackendContext } from './context.ts';
import { toStrategyList } from './dto-map.ts';
import type { DomainHandlers } from './handler-types.ts';

export function strategiesHandlers(ctx: BackendContext): DomainHandlers<'strategies'> {
  return {
    'strategies:list': async () => toStrategyList(await listStrategies(ctx.dataDir)),
  };
}
