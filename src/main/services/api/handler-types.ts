/**
 * The typed handler map behind the backend's one `invoke`: one handler per contract channel, its
 * argument and result types taken from src/shared/contract.ts. Each domain file declares the
 * handlers of its own channels (DomainHandlers<'runs'>); createBackend combines them into
 * Handlers, so a missing, renamed or mistyped handler is a compile error.
 */
import type { ArgsOf, Channel, ResultOf } from '../../../shared/contract.ts';

export type Handler<C extends Channel> = (args: ArgsOf<C>) => Promise<ResultOf<C>>;

export type Handlers = { [C in Channel]: Handler<C> };

/** The channels `<domain>:*`. */
export type DomainChannel<D extends string> = Extract<Channel, `${D}:${string}`>;

export type DomainHandlers<D extends string> = { [C in DomainChannel<D>]: Handler<C> };
