/**
 * The strategies that ship with BackTestr. Each is a plain StrategyModule, written against the
 * same API as a user strategy, so each doubles as an example.
 */
import type { StrategyModule } from '../types.ts';
import { donchianBreakout } from './donchian-breakout.ts';
import { maCross } from './ma-cross.ts';
import { rsiReversion } from './rsi-reversion.ts';

export const BUILTIN_STRATEGIES: StrategyModule[] = [maCross, rsiReversion, donchianBreakout];
