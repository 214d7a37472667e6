/**
 * A strategy threw. The run stops with status failed; the message names the strategy, its file
 * (for user strategies) and carries the strategy's own stack, so the author can find the line.
 */
export class StrategyError extends Error {
  readonly strategy: string;
  readonly file: string | null;

  constructor(strategy: string, file: string | null, phase: string, cause: unknown) {
    const where = file ? `${strategy} (${file})` : strategy;
    const inner = cause instanceof Error ? (cause.stack ?? cause.message) : String(cause);
    super(`strategy ${where} failed in ${phase}: ${inner}`, { cause });
    this.name = 'StrategyError';
    this.strategy = strategy;
    this.file = file;
  }
}
