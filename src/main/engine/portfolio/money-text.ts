/**
 * Money as people read it in messages: two decimals and comma thousands separators, the same on
 * every machine (toLocaleString would follow the host's locale, and refusal reasons are stored
 * with the run, so they must be deterministic). 1234567.891 → "1,234,567.89"; -5 → "-5.00".
 */
export function moneyText(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const fixed = Math.abs(v).toFixed(2);
  const [whole, cents] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${v < 0 && fixed !== '0.00' ? '-' : ''}${grouped}.${cents}`;
}
