import { encodePlain, NonPlainDataError } from './plain-codec.ts';
import { decodePlain } from './plain-decode.ts';

/**
 * Deep copy through the plain-data codec: exactly what a checkpoint would keep. Unlike
 * structuredClone it refuses functions, class instances, Maps and cycles (naming the path and
 * `what` holds them) instead of silently turning an instance into a bare object.
 */
export function clonePlain<T>(value: T, what: string): T {
  try {
    return decodePlain(encodePlain(value)) as T;
  } catch (err) {
    if (err instanceof NonPlainDataError) {
      throw new NonPlainDataError(
        err.path ? `${what}.${err.path}` : what,
        err.message.replace(/^.*?: /, ''),
      );
    }
    throw err;
  }
}
