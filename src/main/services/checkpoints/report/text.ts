/**
 * Building blocks of the text reports: fixed-decimal numbers (prices 5 dp, money 2 dp), aligned
 * tables and headed sections. Numbers are right-aligned so that columns of figures line up and
 * can be read down; a missing value prints as '-'. (The CLI has its own table helper, but
 * services must not depend on the CLI layer.)
 */

export const PRICE_DP = 5;
export const MONEY_DP = 2;

/** x with `dp` decimals, '-' for no value. */
export function fixed(x: number | null, dp: number): string {
  return x === null || !Number.isFinite(x) ? '-' : x.toFixed(dp);
}
export const price = (x: number | null): string => fixed(x, PRICE_DP);
export const money = (x: number | null): string => fixed(x, MONEY_DP);
export const count = (x: number | null): string => fixed(x, 0);
export const percent = (x: number | null): string => (x === null ? '-' : `${fixed(x, 2)}%`);

/** A change with its sign: '+3', '-0.50000', '0'. */
export function signed(x: number | null, dp: number): string {
  const s = fixed(x, dp);
  return x !== null && x > 0 ? `+${s}` : s;
}

/** Time as stored in a report (ISO or null), '-' for none. */
export const time = (iso: string | null): string => iso ?? '-';

/**
 * Table lines. `columns` is the header, '|'-separated; a name starting with '>' is a column of
 * numbers, right-aligned ('symbol|tf|>open').
 */
export function table(columns: string, rows: string[][]): string[] {
  const names = columns.split('|');
  const right = names.map((n) => n.startsWith('>'));
  const header = names.map((n, i) => (right[i] ? n.slice(1) : n));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/** Label / value lines, labels padded to one width; values right-aligned when `right`. */
export function pairs(rows: [string, string][], right = false): string[] {
  const w = Math.max(0, ...rows.map(([label]) => label.length));
  const v = right ? Math.max(0, ...rows.map(([, value]) => value.length)) : 0;
  return rows.map(([label, value]) => `${label.padEnd(w)}  ${value.padStart(v)}`.trimEnd());
}

/** A heading with its lines indented under it; `(none)` when there are no lines. */
export function section(title: string, lines: string[]): string {
  const body = lines.length > 0 ? lines : ['(none)'];
  return [title, ...body.map((l) => `  ${l}`)].join('\n');
}
