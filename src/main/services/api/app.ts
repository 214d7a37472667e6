/** `app:*`: who is serving. */
import { APP_VERSION } from '../checkpoints/checkpoint-capture.ts';
import type { BackendContext } from './context.ts';
import type { DomainHandlers } from './handler-types.ts';

export function appHandlers(ctx: BackendContext): DomainHandlers<'app'> {
  return {
    'app:info': async () => ({
      version: APP_VERSION,
      dataDir: ctx.dataDir,
      platform: process.platform,
      host: ctx.host,
    }),
  };
}
