/**
 * Two checkpoints compared (`checkpoints:diff`), B − A: ticks advanced, bars closed per
 * timeframe, indicator values that changed, positions that changed, balance and equity deltas,
 * trades closed. Deltas are signed and coloured; prices 5 dp, money 2 dp.
 */
import { money, PRICE_DP, price, signed, tone, utc } from '../run/format.ts';
import type { DiffReport, PositionBrief } from '../../../../shared/dto.ts';
import { ChangeRow, CompareTable } from './CompareTable.tsx';

export function DiffPanel({ diff }: { diff: DiffReport }) {
  const { a, b } = diff;
  return (
    <section className="panel" aria-label="Checkpoint diff">
      <h2>
        Diff #{a.seq} → #{b.seq}
        {a.runId !== b.runId ? ` (runs ${a.runId} → ${b.runId})` : ''}
      </h2>
      <div className="bt-columns">
        <div>
          <CompareTable label="Diff summary" seqA={a.seq} seqB={b.seq}>
            <ChangeRow
              label="Ticks"
              change={{ a: a.ticks, b: b.ticks, delta: diff.ticksAdvanced }}
              kind="count"
            />
            <tr>
              <td>Sim time</td>
              <td className="num">{utc(a.simTime)}</td>
              <td className="num">{utc(b.simTime)}</td>
              <td />
            </tr>
            {diff.perSymbolTicks.map((s) => (
              <ChangeRow key={s.symbol} label={`${s.symbol} ticks`} change={s} kind="count" />
            ))}
            {diff.barsClosed.map((x) => (
              <ChangeRow
                key={x.timeframe}
                label={`${x.timeframe} bars closed`}
                change={x}
                kind="count"
              />
            ))}
          </CompareTable>
        </div>
        <div>
          <CompareTable label="Diff money" seqA={a.seq} seqB={b.seq}>
            <ChangeRow label="Balance" change={diff.balance} kind="money" />
            <ChangeRow label="Equity" change={diff.equity} kind="money" />
            <ChangeRow label="Equity at capture" change={diff.equityAtCapture} kind="money" />
            <ChangeRow label="Positions closed" change={diff.trades} kind="count" />
            <ChangeRow
              label="Trade rows"
              change={diff.trades.rows}
              kind="count"
              title={diff.trades.basis}
            />
          </CompareTable>
        </div>
      </div>

      <h3>Indicators changed ({diff.indicators.length})</h3>
      {diff.indicators.length === 0 ? (
        <p className="muted">No indicator value changed.</p>
      ) : (
        <div className="bt-scroll">
          <table className="grid bt-table bt-compact" aria-label="Indicators changed">
            <thead>
              <tr>
                <th>Symbol</th>
                <th>TF</th>
                <th>Column</th>
                <th className="num">#{a.seq}</th>
                <th className="num">#{b.seq}</th>
                <th className="num">Δ</th>
              </tr>
            </thead>
            <tbody>
              {diff.indicators.map((i) => (
                <tr key={`${i.symbol} ${i.timeframe} ${i.column}`}>
                  <td>{i.symbol}</td>
                  <td>{i.timeframe}</td>
                  <td>{i.column}</td>
                  <td className="num">{price(i.a)}</td>
                  <td className="num">{price(i.b)}</td>
                  <td className={`num ${tone(i.delta)}`}>{signed(i.delta, PRICE_DP)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h3>Positions changed ({diff.positions.length})</h3>
      {diff.positions.length === 0 ? (
        <p className="muted">No position changed.</p>
      ) : (
        <table className="grid bt-table bt-compact" aria-label="Positions changed">
          <thead>
            <tr>
              <th>Symbol</th>
              <th>#{a.seq}</th>
              <th>#{b.seq}</th>
            </tr>
          </thead>
          <tbody>
            {diff.positions.map((p) => (
              <tr key={p.symbol}>
                <td>{p.symbol}</td>
                <td>{position(p.a)}</td>
                <td>{position(p.b)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function position(p: PositionBrief | null): string {
  if (p === null) return 'flat';
  return `${p.side} ${money(p.size)} @ ${price(p.entryPrice)} (trade ${p.tradeId})`;
}
