/**
 * One checkpoint, decoded (`checkpoints:inspect`): where the run was (cursor, simulated time),
 * the bars being built and indicator values per (symbol, timeframe), the account with its open
 * positions and working orders, the strategy's own state as JSON, and the file. The same figures
 * as `backtestr checkpoints inspect`, with the same decimals.
 */
import {
  bytes,
  count,
  DASH,
  duration,
  fixed,
  money,
  percent,
  price,
  tone,
  utc,
} from '../run/format.ts';
import { type ExtraColumn, PartialBarsTable } from '../run/PartialBarsTable.tsx';
import type { FrameView, InspectReport } from '../../../../shared/dto.ts';

/** After the shared partial-bar columns: how far the bar got, and the closed-bar history. */
const CHECKPOINT_FRAME_COLUMNS: ExtraColumn<FrameView>[] = [
  { title: 'Done', kind: 'num', cell: (f) => percent(f.partial?.progressPct, 1) },
  { title: 'History', kind: 'num', cell: (f) => count(f.historyBars) },
  { title: 'Last closed', kind: 'time', cell: (f) => utc(f.lastClosed) },
];

export function InspectPanel({ report }: { report: InspectReport }) {
  const { run, cursor, meta, file, versions, portfolio: p } = report;
  return (
    <section className="panel" aria-label={`Checkpoint ${run.seq} report`}>
      <h2>
        Checkpoint #{run.seq} · {meta.trigger} · sim {utc(cursor.simTime)}
      </h2>
      <div className="bt-columns">
        <div>
          <h3>Cursor</h3>
          <dl className="bt-kv">
            <Pair label="Ticks" value={`${count(cursor.ticks)} / ${count(cursor.ticksTotal)}`} />
            <Pair label="Progress" value={percent(cursor.progressPct)} />
            <Pair label="Sim time" value={utc(cursor.simTime)} />
            {cursor.perSymbol.map((s) => (
              <Pair key={s.symbol} label={`${s.symbol} ticks`} value={count(s.ticks)} />
            ))}
          </dl>
        </div>
        <div>
          <h3>Account</h3>
          <dl className="bt-kv">
            <Pair label="Balance" value={money(p.balance)} />
            <Pair label="Equity" value={money(p.equity)} />
            <Pair
              label="Equity at capture"
              value={money(p.equityAtCapture)}
              className={tone(
                p.equityAtCapture !== null && p.balance !== null
                  ? p.equityAtCapture - p.balance
                  : null,
              )}
            />
            <Pair label="Equity sample" value={utc(p.equityTime)} />
            <Pair label="Positions closed" value={count(p.closedPositions)} />
            <Pair label="Open positions" value={count(p.positions.length)} />
          </dl>
        </div>
        <div>
          <h3>Capture</h3>
          <dl className="bt-kv">
            <Pair label="Trigger" value={meta.trigger} />
            <Pair label="Wall time" value={utc(meta.wallTime)} />
            <Pair label="Elapsed" value={duration(meta.elapsedSeconds)} />
            <Pair label="Ticks/s" value={count(meta.ticksPerSec)} />
            <Pair
              label="File"
              value={`${bytes(file.fileBytes)} (payload ${bytes(file.payloadBytes)}, ${
                file.compressionRatio === null ? DASH : `${fixed(file.compressionRatio, 2)}x`
              })`}
            />
            <Pair
              label="Format"
              value={`${versions.format} (header ${versions.header}), app ${versions.app}`}
            />
          </dl>
        </div>
        <div>
          <h3>Bars closed</h3>
          <dl className="bt-kv">
            {report.barsClosed.map((b) => (
              <Pair key={b.timeframe} label={b.timeframe} value={count(b.bars)} />
            ))}
            <Pair
              label="Pending rows"
              value={`bars ${report.pendingRows.bars}, trades ${report.pendingRows.trades}, equity ${report.pendingRows.equity}`}
            />
          </dl>
        </div>
      </div>

      <h3>Partial bars and indicators</h3>
      <div className="bt-scroll">
        <PartialBarsTable
          label="Checkpoint partial bars"
          frames={report.frames}
          barTime={utc}
          volume={money}
          extra={CHECKPOINT_FRAME_COLUMNS}
        />
      </div>

      <h3>Positions ({p.positions.length})</h3>
      {p.positions.length === 0 ? (
        <p className="muted">Flat.</p>
      ) : (
        <div className="bt-scroll">
          <table className="grid bt-table" aria-label="Checkpoint positions">
            <thead>
              <tr>
                <th>Symbol</th>
                <th>Side</th>
                <th className="num">Size</th>
                <th className="num">Entry</th>
                <th>Entry time</th>
                <th className="num">Stop loss</th>
                <th className="num">Take profit</th>
                <th className="num">Trade</th>
                <th className="num">Open P&amp;L</th>
              </tr>
            </thead>
            <tbody>
              {p.positions.map((x) => (
                <tr key={x.symbol}>
                  <td>{x.symbol}</td>
                  <td>{x.side}</td>
                  <td className="num">{money(x.size)}</td>
                  <td className="num">{price(x.entryPrice)}</td>
                  <td className="num">{utc(x.entryTime)}</td>
                  <td className="num">{price(x.stopLoss)}</td>
                  <td className="num">{price(x.takeProfit)}</td>
                  <td className="num">{count(x.tradeId)}</td>
                  <td className={`num ${tone(x.unrealizedPnl)}`}>{money(x.unrealizedPnl)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {p.pendingOrders.length > 0 && (
        <>
          <h3>Pending orders ({p.pendingOrders.length})</h3>
          <div className="bt-scroll">
            <table className="grid bt-table" aria-label="Checkpoint pending orders">
              <thead>
                <tr>
                  <th className="num">Id</th>
                  <th>Symbol</th>
                  <th>Side</th>
                  <th>Type</th>
                  <th className="num">Size</th>
                  <th className="num">Price</th>
                  <th className="num">Stop loss</th>
                  <th className="num">Take profit</th>
                  <th>Placed</th>
                </tr>
              </thead>
              <tbody>
                {p.pendingOrders.map((o) => (
                  <tr key={o.id}>
                    <td className="num">{o.id}</td>
                    <td>{o.symbol}</td>
                    <td>{o.side}</td>
                    <td>{o.type}</td>
                    <td className="num">{money(o.size)}</td>
                    <td className="num">{price(o.price)}</td>
                    <td className="num">{price(o.stopLoss)}</td>
                    <td className="num">{price(o.takeProfit)}</td>
                    <td className="num">{utc(o.placedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      <h3>Strategy state</h3>
      {run.strategy === null ? (
        <p className="muted">No strategy.</p>
      ) : (
        <pre className="bt-json" aria-label="Strategy state">
          {JSON.stringify(report.strategyState, null, 2)}
        </pre>
      )}
      <p className="muted bt-wrap">
        {file.path} · trade seq {report.watermarks.tradeSeq} · equity watermark{' '}
        {utc(report.watermarks.equityTime)}
      </p>
    </section>
  );
}

function Pair({ label, value, className }: { label: string; value: string; className?: string }) {
  return (
    <>
      <dt title={label}>{label}</dt>
      <dd className={className} title={value}>
        {value}
      </dd>
    </>
  );
}
