/**
 * Two checkpoints compared (`checkpoints:diff`), B − A: ticks advanced, bars closed per
 * timeframe, indicator values that changed, positions that changed, balance and equity deltas,
 * trades closed. Deltas are signed and coloured; prices 5 dp, money 2 dp.
 */
import { count, MONEY_DP, money, PRICE_DP, price, signed, tone, utc } from '../run/format.ts';
import type { Change, DiffReport, PositionBrief } from '../../../../shared/dto.ts';

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
          <table className="grid bt-table bt-compact" aria-label="Diff summary">
            <thead>
              <tr>
                <th />
                <th className="num">#{a.seq}</th>
                <th className="num">#{b.seq}</th>
                <th className="num">Δ</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>Ticks</td>
                <td className="num">{count(a.ticks)}</td>
                <td className="num">{count(b.ticks)}</td>
                <td className="num">{signed(diff.ticksAdvanced, 0)}</td>
              </tr>
              <tr>
                <td>Sim time</td>
                <td className="num">{utc(a.simTime)}</td>
                <td className="num">{utc(b.simTime)}</td>
                <td />
              </tr>
              {diff.perSymbolTicks.map((s) => (
                <tr key={s.symbol}>
                  <td>{s.symbol} ticks</td>
                  <td className="num">{count(s.a)}</td>
                  <td className="num">{count(s.b)}</td>
                  <td className="num">{signed(s.delta, 0)}</td>
                </tr>
              ))}
              {diff.barsClosed.map((x) => (
                <tr key={x.timeframe}>
                  <td>{x.timeframe} bars closed</td>
                  <td className="num">{count(x.a)}</td>
                  <td className="num">{count(x.b)}</td>
                  <td className="num">{signed(x.delta, 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          <table className="grid bt-table bt-compact" aria-label="Diff money">
            <thead>
              <tr>
                <th />
                <th className="num">#{a.seq}</th>
                <th className="num">#{b.seq}</th>
                <th className="num">Δ</th>
              </tr>
            </thead>
            <tbody>
              <MoneyRow label="Balance" c={diff.balance} />
              <MoneyRow label="Equity" c={diff.equity} />
              <MoneyRow label="Equity at capture" c={diff.equityAtCapture} />
              <tr>
                <td>Positions closed</td>
                <td className="num">{count(diff.trades.a)}</td>
                <td className="num">{count(diff.trades.b)}</td>
                <td className="num">{signed(diff.trades.delta, 0)}</td>
              </tr>
              <tr title={diff.trades.basis}>
                <td>Trade rows</td>
                <td className="num">{count(diff.trades.rows.a)}</td>
                <td className="num">{count(diff.trades.rows.b)}</td>
                <td className="num">{signed(diff.trades.rows.delta, 0)}</td>
              </tr>
            </tbody>
          </table>
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

function MoneyRow({ label, c }: { label: string; c: Change }) {
  return (
    <tr>
      <td>{label}</td>
      <td className="num">{money(c.a)}</td>
      <td className="num">{money(c.b)}</td>
      <td className={`num ${tone(c.delta)}`}>{signed(c.delta, MONEY_DP)}</td>
    </tr>
  );
}

function position(p: PositionBrief | null): string {
  if (p === null) return 'flat';
  return `${p.side} ${money(p.size)} @ ${price(p.entryPrice)} (trade ${p.tradeId})`;
}
