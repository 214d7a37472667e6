/**
 * New strategy params for a fork (`runs:resume` with `params`). The fork restores the checkpoint's
 * exact state — bars, indicator histories, the strategy's own state — and only the params the
 * strategy reads change. A param that changes what the strategy `requires` (a timeframe or an
 * indicator the checkpoint did not compute) is refused: a new indicator would start cold here,
 * not warmed up over the run so far, and the fork would not be the run it claims to be.
 */
import { createIndicator } from '../../engine/indicators/index.ts';
import { resolveParams } from '../../engine/strategy/params.ts';
import type { ParamValues, StrategyModule } from '../../engine/strategy/types.ts';
import type { RunConfig } from './run-config.ts';

/** Thrown for params the fork cannot take; the message says which and why. */
export class ForkParamsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForkParamsError';
  }
}

/** "fast=12, lots=0.2": the params that differ from the checkpoint's. */
function changedText(before: Readonly<ParamValues>, after: Readonly<ParamValues>): string {
  return Object.keys(after)
    .filter((k) => before[k] !== after[k])
    .map((k) => `${k}=${String(after[k])}`)
    .join(', ');
}

/**
 * The config a fork runs with: the checkpoint's, with `given` params resolved against the
 * strategy's schema (unknown names and bad values refused as runs:start refuses them). `changed`
 * false when they resolve to the checkpoint's own params: then nothing forks for their sake.
 */
export function configWithParams(
  config: RunConfig,
  module: StrategyModule,
  given: Readonly<Record<string, unknown>>,
): { config: RunConfig; changed: boolean } {
  const before = config.strategy;
  if (before === null)
    throw new ForkParamsError('the run has no strategy: it has no params to change');
  // The checkpoint's params first: a param not given keeps the run's value, not the default.
  const params = resolveParams(module.params, { ...before.params, ...given });
  const changes = changedText(before.params, params);
  if (changes === '') return { config, changed: false };
  let needs;
  try {
    needs = module.requires?.(params) ?? {};
  } catch (err) {
    throw new ForkParamsError(`${changes}: ${(err as Error).message}`);
  }
  const missingTimeframes = (needs.timeframes ?? []).filter((t) => !config.timeframes.includes(t));
  const missingIndicators = [
    ...new Set((needs.indicators ?? []).map((s) => createIndicator(s).spec)),
  ].filter((spec) => !config.indicators.includes(spec));
  const missing = [
    ...missingIndicators.map((s) => `${s}`),
    ...missingTimeframes.map((t) => `timeframe ${t}`),
  ];
  if (missing.length > 0) {
    const what = missingIndicators.length > 0 ? 'indicators' : 'timeframes';
    throw new ForkParamsError(
      `${changes} changes the ${what} the strategy needs (${missing.join(', ')} ` +
        `${missing.length === 1 ? 'is' : 'are'} not in the checkpoint); start a new run instead`,
    );
  }
  return { config: { ...config, strategy: { ...before, params } }, changed: true };
}
