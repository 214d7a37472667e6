/** `sweeps:*` — FOUNDATION STUB: H4 implements over services/sweeps/sweep-service.ts. */
import type { BackendContext } from './context.ts';
import type { DomainHandlers } from './handler-types.ts';

export function sweepsHandlers(ctx: BackendContext): DomainHandlers<'sweeps'> {
  void ctx;
  const todo = async (): Promise<never> => {
    throw new Error('sweeps: not implemented yet');
  };
  return {
    'sweeps:plan': todo,
    'sweeps:start': todo,
    'sweeps:list': todo,
    'sweeps:get': todo,
    'sweeps:resume': todo,
    'sweeps:pause': todo,
    'sweeps:recoverable': todo,
    'sweeps:export': todo,
  };
}
