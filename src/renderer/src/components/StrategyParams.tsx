/**
 * A run's strategy params as one muted line with the labels of the strategy's schema
 * ('Fast MA period 10 · Stop loss (pips) 20'); the whole text is also the title, for cells that
 * cut it short.
 */
import { useParamsSummary } from '../store/strategies.ts';

export function StrategyParams({
  strategy,
  maxChars,
  className = 'muted',
}: {
  strategy: { name: string; params: Record<string, number | boolean | string> } | null | undefined;
  /** Past this many characters the text is cut with '…'. */
  maxChars?: number;
  className?: string;
}) {
  const full = useParamsSummary(strategy);
  const short =
    maxChars !== undefined && full.length > maxChars ? `${full.slice(0, maxChars - 1)}…` : full;
  return (
    <span className={className} title={full || undefined}>
      {short}
    </span>
  );
}
