/**
 * The columns of a sweep's results table and its sort, as plain data: index, walk-forward phase
 * and window, each swept param (in spec order), status, objective and the main statistics.
 * Any column sorts ascending or descending; a missing value (a pending job, an undefined
 * statistic) always sorts last, whatever the direction, and ties keep the plan order.
 */
import { humaniseParamName } from '../../../../shared/param-label.ts';
import type {
  ParamValue,
  SweepJobInfo,
  SweepObjective,
  SweepSpec,
} from '../../../../shared/sweeps.ts';
import { OBJECTIVE_LABELS } from '../../../../shared/sweeps.ts';
import { count, fixed, money, percent } from '../run/format.ts';

export type Cell = number | string | null;

export interface JobColumn {
  key: string;
  label: string;
  numeric: boolean;
  value(job: SweepJobInfo): Cell;
  render(job: SweepJobInfo): string;
  /** Colour by sign (profit). */
  signed?: boolean;
}

const stat = (key: string) => (job: SweepJobInfo) => job.stats?.[key] ?? null;

function statColumn(key: string, label: string, format: (x: number | null) => string): JobColumn {
  const value = stat(key);
  return { key, label, numeric: true, value, render: (j) => format(value(j)) };
}

/** The statistics shown beside each job (the export has them all). */
export const STAT_COLUMNS: JobColumn[] = [
  { ...statColumn('netProfit', 'Net profit', money), signed: true },
  {
    // Undefined without a losing trade: infinite when there was a profit (StatsGrid shows ∞),
    // and it sorts as such.
    key: 'profitFactor',
    label: 'Profit factor',
    numeric: true,
    value: (j) => {
      const pf = j.stats?.profitFactor ?? null;
      return pf === null && (j.stats?.grossProfit ?? 0) > 0 ? Infinity : pf;
    },
    render: (j) => {
      const pf = j.stats?.profitFactor ?? null;
      return pf === null && (j.stats?.grossProfit ?? 0) > 0 ? '∞' : fixed(pf, 2);
    },
  },
  statColumn('maxDrawdownPct', 'Max DD %', (x) => percent(x, 2)),
  statColumn('sharpe', 'Sharpe', (x) => fixed(x, 2)),
  statColumn('trades', 'Trades', count),
  statColumn('winRate', 'Win rate', (x) => percent(x, 1)),
];

/** A param value as a sortable cell (booleans as text: false < true). */
export function paramCell(v: ParamValue | undefined): Cell {
  if (v === undefined) return null;
  return typeof v === 'boolean' ? String(v) : v;
}

export function paramText(v: ParamValue | undefined): string {
  return v === undefined ? '—' : String(v);
}

/** The statistic an objective reads, when the table shows it anyway. */
const OBJECTIVE_STAT: Partial<Record<SweepObjective, string>> = {
  'net-profit': 'netProfit',
  'profit-factor': 'profitFactor',
  sharpe: 'sharpe',
  'max-drawdown-pct': 'maxDrawdownPct',
};

/**
 * The objective's column, headed by its name. A statistic's own column where there is one (its
 * format, and an infinite profit factor shown as ∞ and sorted first); return over drawdown is
 * the job's objective value.
 */
function objectiveColumn(objective: SweepObjective): JobColumn {
  const label = OBJECTIVE_LABELS[objective];
  const stat = STAT_COLUMNS.find((c) => c.key === OBJECTIVE_STAT[objective]);
  if (stat) return { ...stat, key: 'objective', label };
  return {
    key: 'objective',
    label,
    numeric: true,
    value: (j) => j.objective,
    render: (j) => fixed(j.objective, 2),
    signed: true,
  };
}

/** `label` writes a param's column head (the strategy schema's label, store/strategies.ts). */
export function jobColumns(
  spec: SweepSpec,
  label: (name: string) => string = humaniseParamName,
): JobColumn[] {
  const wf = spec.walkForward !== null;
  const cols: JobColumn[] = [
    {
      key: 'index',
      label: '#',
      numeric: true,
      value: (j) => j.index,
      render: (j) => String(j.index),
    },
  ];
  if (wf) {
    cols.push(
      {
        key: 'phase',
        label: 'Phase',
        numeric: false,
        value: (j) => j.phase,
        render: (j) => j.phase.toUpperCase(),
      },
      {
        key: 'window',
        label: 'Window',
        numeric: true,
        value: (j) => j.window,
        render: (j) => String(j.window ?? '—'),
      },
    );
  }
  for (const p of spec.params) {
    cols.push({
      key: `param.${p.name}`,
      label: label(p.name),
      numeric: p.kind === 'range',
      value: (j) => paramCell(j.params[p.name]),
      render: (j) => paramText(j.params[p.name]),
    });
  }
  cols.push(
    {
      key: 'status',
      label: 'Status',
      numeric: false,
      value: (j) => j.status,
      render: (j) => j.status,
    },
    objectiveColumn(spec.objective),
    // The statistic the objective is stays in one column: the objective's.
    ...STAT_COLUMNS.filter((c) => c.key !== OBJECTIVE_STAT[spec.objective]),
  );
  return cols;
}

export type SortDir = 'asc' | 'desc';

function compareCells(a: Cell, b: Cell): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

/** Jobs sorted by one column; nulls (and NaN) last in both directions, ties by index. */
export function sortJobs(
  jobs: readonly SweepJobInfo[],
  column: JobColumn,
  dir: SortDir,
): SweepJobInfo[] {
  const sign = dir === 'asc' ? 1 : -1;
  const missing = (c: Cell) => c === null || (typeof c === 'number' && Number.isNaN(c));
  return [...jobs].sort((x, y) => {
    const a = column.value(x);
    const b = column.value(y);
    if (missing(a) || missing(b)) {
      if (missing(a) && missing(b)) return x.index - y.index;
      return missing(a) ? 1 : -1;
    }
    return sign * compareCells(a, b) || x.index - y.index;
  });
}
