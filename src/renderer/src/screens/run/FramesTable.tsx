/**
 * The bars being built right now in a running backtest: the shared partial-bar columns (bucket
 * start to the minute, volume 2 dp) plus how far each bucket has elapsed.
 */
import type { LiveFrame } from '../../../../shared/dto.ts';
import { fixed, utcMinute } from './format.ts';
import { MiniBar } from './MiniBar.tsx';
import { type ExtraColumn, PartialBarsTable } from './PartialBarsTable.tsx';

const BUCKET_COLUMN: ExtraColumn<LiveFrame> = {
  title: 'Bucket',
  kind: 'text',
  cell: (f) => (
    <MiniBar
      pct={Math.max(0, Math.min(100, 100 * f.progress))}
      label={`${f.symbol} ${f.timeframe} bar elapsed`}
    />
  ),
};

export function FramesTable({ frames }: { frames: LiveFrame[] }) {
  return (
    <PartialBarsTable
      label="Partial bars and indicators"
      frames={frames}
      barTime={utcMinute}
      volume={(v) => fixed(v, 2)}
      extra={[BUCKET_COLUMN]}
      empty="Waiting for the first progress update…"
    />
  );
}
