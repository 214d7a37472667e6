import {
  DEFAULT_POLICY,
  type CheckpointPolicy,
} from '../services/checkpoints/checkpoint-manager.ts';
import { parseDuration, parseInteger } from './options.ts';

/** zstd's compression levels are 1–22; anything else would be clamped silently or refused late. */
const MAX_ZSTD_LEVEL = 22;

/** parseArgs options shared by `run` and `resume`. */
export const CHECKPOINT_OPTIONS = {
  'checkpoint-interval': { type: 'string' },
  'checkpoint-every-ticks': { type: 'string' },
  'checkpoint-level': { type: 'string' },
  keep: { type: 'string' },
  'no-checkpoints': { type: 'boolean', default: false },
} as const;

export interface CheckpointOptionValues {
  'checkpoint-interval'?: string;
  'checkpoint-every-ticks'?: string;
  'checkpoint-level'?: string;
  keep?: string;
  'no-checkpoints'?: boolean;
}

/** The options over `base` (a sweep's jobs have their own default); null for --no-checkpoints. */
export function checkpointPolicyOf(
  v: CheckpointOptionValues,
  base: CheckpointPolicy = DEFAULT_POLICY,
): CheckpointPolicy | null {
  if (v['no-checkpoints']) return null;
  const p = { ...base };
  if (v['checkpoint-interval'] !== undefined)
    p.intervalMs = parseDuration('checkpoint-interval', v['checkpoint-interval']);
  if (v['checkpoint-every-ticks'] !== undefined)
    p.everyTicks = parseInteger('checkpoint-every-ticks', v['checkpoint-every-ticks'], 0);
  if (v['checkpoint-level'] !== undefined)
    p.level = parseInteger('checkpoint-level', v['checkpoint-level'], 1, MAX_ZSTD_LEVEL);
  if (v.keep !== undefined) p.keep = parseInteger('keep', v.keep, 1);
  return p;
}
