/**
 * The price chart's pickers: symbol and timeframe of the run, a toggle per indicator (the run's
 * own plus any added), an input to add an indicator by spec ('ema(50)', 'rsi(14)'), and the
 * equity chart's "follow chart" switch.
 */
import { useState } from 'react';

export interface ChartControlsProps {
  symbols: string[];
  timeframes: string[];
  symbol: string;
  timeframe: string;
  specs: string[];
  active: string[];
  follow: boolean;
  onSymbol(s: string): void;
  onTimeframe(tf: string): void;
  onToggle(spec: string): void;
  onAdd(spec: string): void;
  onFollow(on: boolean): void;
}

export function ChartControls(p: ChartControlsProps) {
  const [draft, setDraft] = useState('');
  const add = () => {
    const spec = draft.trim();
    if (spec) p.onAdd(spec);
    setDraft('');
  };
  return (
    <div className="bt-toolbar price-chart-controls" role="toolbar" aria-label="Price chart">
      <label>
        Symbol{' '}
        <select value={p.symbol} onChange={(e) => p.onSymbol(e.target.value)}>
          {p.symbols.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      <label>
        Timeframe{' '}
        <select value={p.timeframe} onChange={(e) => p.onTimeframe(e.target.value)}>
          {p.timeframes.map((tf) => (
            <option key={tf}>{tf}</option>
          ))}
        </select>
      </label>
      {p.specs.map((spec) => (
        <label key={spec} className="price-chart-toggle">
          <input
            type="checkbox"
            checked={p.active.includes(spec)}
            onChange={() => p.onToggle(spec)}
          />{' '}
          {spec}
        </label>
      ))}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <input
          aria-label="Add indicator"
          placeholder="add indicator, e.g. rsi(14)"
          value={draft}
          maxLength={64}
          onChange={(e) => setDraft(e.target.value)}
        />{' '}
        <button type="submit">Add</button>
      </form>
      <label title="The equity chart shows only the time range the price chart shows">
        <input type="checkbox" checked={p.follow} onChange={(e) => p.onFollow(e.target.checked)} />{' '}
        Equity follows chart
      </label>
    </div>
  );
}
