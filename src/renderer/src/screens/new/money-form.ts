/**
 * The broker fields the New backtest and Optimise forms share (issue 12): account currency,
 * leverage (1:N, 0 = unlimited), stop-out level and a contract size override. Raw text in, the
 * request's `money` or per-field problems out; empty fields take the backend's defaults (the
 * first symbol's quote currency, each symbol's own contract size).
 */
import type { ArgsOf } from '../../../../shared/contract.ts';

export type MoneyArgs = NonNullable<ArgsOf<'runs:start'>['money']>;

export interface MoneyFormValues {
  /** '' = the quote currency of the first symbol. */
  currency: string;
  /** N of 1:N; '0' = unlimited (no margin). */
  leverage: string;
  stopOut: string;
  /** '' = each symbol's contract size from its specification. */
  contractSize: string;
}

/** The backend's defaults (run-config.ts: DEFAULT_LEVERAGE, DEFAULT_STOP_OUT_PCT). */
export const MONEY_DEFAULTS: MoneyFormValues = {
  currency: '',
  leverage: '100',
  stopOut: '50',
  contractSize: '',
};

function number(
  problems: Record<string, string>,
  key: string,
  text: string,
  min: number,
  max: number,
): number {
  const t = text.trim();
  const n = Number(t);
  if (t === '' || !Number.isFinite(n)) problems[key] = 'Enter a number';
  else if (n < min) problems[key] = `At least ${min}`;
  else if (n > max) problems[key] = `At most ${max}`;
  return n;
}

/** The request's money; adds to `problems` (keys: the field names) what is wrong. */
export function buildMoney(v: MoneyFormValues, problems: Record<string, string>): MoneyArgs {
  const money: MoneyArgs = {};
  const currency = v.currency.trim().toUpperCase();
  if (currency !== '') {
    if (!/^[A-Z0-9]{3}$/.test(currency)) problems.currency = 'Three letters, e.g. USD';
    money.currency = currency;
  }
  const leverage = number(problems, 'leverage', v.leverage, 0, 10_000);
  money.leverage = leverage === 0 ? null : leverage;
  money.stopOutPct = number(problems, 'stopOut', v.stopOut, 0, 1000);
  if (v.contractSize.trim() !== '') {
    const size = number(problems, 'contractSize', v.contractSize, 0, Number.MAX_VALUE);
    if (size === 0) problems.contractSize = 'Must be more than 0';
    money.contractSize = size;
  }
  return money;
}

/** Whether `money` is just the defaults (a sweep spec then leaves it out, as the CLI does). */
export function isDefaultMoney(money: MoneyArgs): boolean {
  return (
    Object.keys(money).length === 2 &&
    money.leverage === Number(MONEY_DEFAULTS.leverage) &&
    money.stopOutPct === Number(MONEY_DEFAULTS.stopOut)
  );
}
