import { describe, expect, it } from 'vitest';
import {
  formatHolding,
  formatLeverage,
  formatLots,
  formatMoney,
  formatPercent,
  formatRollover,
  grouped,
} from '../../src/shared/report-format.ts';
import { monthlyTable } from '../../src/shared/monthly-table.ts';
import { reportSections } from '../../src/shared/report-sections.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('report formatting', () => {
  it('writes money with separators, 2 decimals and the currency', () => {
    expect(formatMoney(1234567.891, 'USD')).toBe('1,234,567.89 USD');
    expect(formatMoney(-808000, 'JPY')).toBe('-808,000.00 JPY');
    expect(formatMoney(0.5)).toBe('0.50');
    // -0.001 rounds to zero: no "-0.00".
    expect(formatMoney(-0.001, 'USD')).toBe('0.00 USD');
    expect(formatMoney(null, 'USD')).toBe('—');
    expect(formatMoney(Number.NaN)).toBe('—');
    // Refusal reasons are stored with the run: the same text on every machine.
    expect(grouped(3400)).toBe('3,400.00');
    expect(grouped(1250.104)).toBe('1,250.10');
    expect(grouped(1_234_567.891)).toBe('1,234,567.89');
    expect(grouped(-1234.5)).toBe('-1,234.50');
    expect(grouped(999.999)).toBe('1,000.00');
    expect(grouped(Number.POSITIVE_INFINITY)).toBe('—');
  });

  it('writes sizes in lots', () => {
    expect(formatLots(1.5)).toBe('1.50 lots');
    expect(formatLots(1)).toBe('1.00 lot');
    expect(formatLots(0.01)).toBe('0.01 lots');
    expect(formatLots(1250)).toBe('1,250.00 lots');
  });

  it('writes holding times in minutes and hours, and in days from one day on', () => {
    expect(formatHolding(45_000)).toBe('45s');
    expect(formatHolding(12 * MIN + 59_000)).toBe('12m');
    expect(formatHolding(5 * HOUR + 7 * MIN)).toBe('5h 07m');
    expect(formatHolding(DAY - 1)).toBe('23h 59m');
    expect(formatHolding(DAY)).toBe('1.0 day');
    // 2 days 9h 36m = 2.4 days.
    expect(formatHolding(2 * DAY + 9 * HOUR + 36 * MIN)).toBe('2.4 days');
    expect(formatHolding(null)).toBe('—');
  });

  it('writes percentages, leverage and the rollover time', () => {
    expect(formatPercent(12.3456)).toBe('12.35%');
    expect(formatPercent(66.6667, 1)).toBe('66.7%');
    expect(formatPercent(3275.4, 1)).toBe('3,275.4%');
    expect(formatPercent(null)).toBe('—');
    expect(formatLeverage(30)).toBe('1:30');
    expect(formatLeverage(null)).toBe('unlimited');
    expect(formatRollover(1320)).toBe('22:00 UTC');
    expect(formatRollover(5)).toBe('00:05 UTC');
  });
});

describe('report sections', () => {
  it('lays out the MT5 statistics in Summary and Trades, formatted', () => {
    const sections = reportSections({
      netProfit: 1234.5,
      grossProfit: 2000,
      grossLoss: -765.5,
      profitFactor: null,
      recoveryFactor: 3.8404,
      longTrades: 12,
      longWinRate: 58.3333,
      shortTrades: 0,
      shortWinRate: null,
      maxConsecutiveWins: 3,
      maxConsecutiveWinsMoney: 1234,
      maxConsecutiveLosses: 2,
      maxConsecutiveLossesMoney: -500,
      averageHoldingMs: 2 * DAY + 9 * HOUR + 36 * MIN,
      totalSwaps: -12.5,
    });
    expect(sections.map((s) => s.title)).toEqual(['Summary', 'Trades']);
    const text = Object.fromEntries(sections.flatMap((s) => s.rows).map((r) => [r.label, r.text]));
    expect(text).toEqual({
      'Net profit': '1,234.50',
      'Gross profit': '2,000.00',
      'Gross loss': '-765.50',
      // profitFactor null beside a gross profit means no losing trade to divide by: infinite.
      'Profit factor': '∞',
      'Recovery factor': '3.84',
      Swaps: '-12.50',
      'Long trades': '12 (58.3% won)',
      'Short trades': '0',
      'Max consecutive wins': '3 (1,234.00)',
      'Max consecutive losses': '2 (-500.00)',
      'Average holding time': '2.4 days',
    });
    const tones = Object.fromEntries(sections.flatMap((s) => s.rows).map((r) => [r.key, r.tone]));
    expect(tones).toMatchObject({ netProfit: 'pos', grossLoss: 'neg', totalSwaps: 'neg' });
  });

  it('leaves out the statistics an old run does not have', () => {
    const sections = reportSections({ trades: 0, winRate: null });
    expect(sections).toEqual([
      {
        title: 'Trades',
        rows: [
          { key: 'trades', label: 'Trades', text: '0', tone: '' },
          { key: 'winRate', label: 'Win rate', text: '—', tone: '' },
        ],
      },
    ]);
  });
});

describe('monthly table', () => {
  it('puts months in year rows and compounds the year to date', () => {
    const rows = monthlyTable([
      { month: '2024-11', profit: 1000, returnPct: 10 },
      { month: '2024-12', profit: -550, returnPct: -5 },
      { month: '2025-01', profit: 209, returnPct: 2 },
    ]);
    expect(rows.map((r) => r.year)).toEqual([2024, 2025]);
    expect(rows[0].months.map((m) => m?.returnPct ?? null)).toEqual([
      ...Array(10).fill(null),
      10,
      -5,
    ]);
    // 10 000 → 11 000 (+10 %) → 10 450 (−5 %): 1.10 × 0.95 − 1 = 4.5 %, profit 450.
    expect(rows[0].ytdPct).toBeCloseTo(4.5, 10);
    expect(rows[0].ytdProfit).toBe(450);
    expect(rows[1].ytdPct).toBeCloseTo(2, 10);
  });

  it('has no YTD when a month has no defined return', () => {
    const rows = monthlyTable([
      { month: '2024-01', profit: -100, returnPct: null },
      { month: '2024-02', profit: 5, returnPct: 1 },
      { month: 'bad', profit: 1, returnPct: 1 },
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0].ytdPct).toBeNull();
    expect(rows[0].ytdProfit).toBe(-95);
  });
});
