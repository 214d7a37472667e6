/**
 * A compact A / B / Δ table of two checkpoints: a header naming both, then one row per figure
 * (label, value at A, value at B, signed B − A).
 */
import type { ReactNode } from 'react';
import type { Change } from '../../../../shared/dto.ts';
import { count, MONEY_DP, money, signed, tone } from '../run/format.ts';

export function CompareTable({
  label,
  seqA,
  seqB,
  children,
}: {
  label: string;
  seqA: number;
  seqB: number;
  children: ReactNode;
}) {
  return (
    <table className="grid bt-table bt-compact" aria-label={label}>
      <thead>
        <tr>
          <th />
          <th className="num">#{seqA}</th>
          <th className="num">#{seqB}</th>
          <th className="num">Δ</th>
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

/** Counts: whole numbers, the delta uncoloured. Money: 2 dp, the delta coloured by its sign. */
const KINDS = {
  count: { value: count, delta: (d: number | null) => signed(d, 0), toned: false },
  money: { value: money, delta: (d: number | null) => signed(d, MONEY_DP), toned: true },
};

export function ChangeRow({
  label,
  change,
  kind,
  title,
}: {
  label: string;
  change: Change;
  kind: keyof typeof KINDS;
  title?: string;
}) {
  const k = KINDS[kind];
  return (
    <tr title={title}>
      <td>{label}</td>
      <td className="num">{k.value(change.a)}</td>
      <td className="num">{k.value(change.b)}</td>
      <td className={k.toned ? `num ${tone(change.delta)}` : 'num'}>{k.delta(change.delta)}</td>
    </tr>
  );
}
