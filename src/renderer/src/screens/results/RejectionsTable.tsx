/**
 * The orders the account refused because the margin they needed exceeded the free margin at
 * the moment they would have filled, with the amounts and the engine's reason.
 */
import type { RejectionDto } from '../../../../shared/dto.ts';
import { formatLots, formatMoney } from '../../../../shared/report-format.ts';
import { utc } from '../run/format.ts';

export function RejectionsTable({
  rejections,
  currency,
}: {
  rejections: RejectionDto[];
  currency: string | null;
}) {
  return (
    <div className="bt-scroll">
      <table className="grid bt-table" aria-label="Refused orders">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col" className="num">
              Order
            </th>
            <th scope="col">Symbol</th>
            <th scope="col">Side</th>
            <th scope="col" className="num">
              Size
            </th>
            <th scope="col" className="num">
              Margin needed
            </th>
            <th scope="col" className="num">
              Free margin
            </th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {rejections.map((r) => (
            <tr key={`${r.orderId}-${r.time}`}>
              <td>{utc(r.time)}</td>
              <td className="num">{r.orderId}</td>
              <td>{r.symbol}</td>
              <td>{r.side}</td>
              <td className="num">{formatLots(r.lots)}</td>
              <td className="num">{formatMoney(r.requiredMargin, currency)}</td>
              <td className="num">{formatMoney(r.freeMargin, currency)}</td>
              <td>{r.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
