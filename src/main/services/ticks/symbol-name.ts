/** Symbols name files (`EURUSD_M1.csv`) and CLI arguments, so they stay to a safe alphabet. */
const SYMBOL_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;

export class SymbolNameError extends Error {
  constructor(name: string) {
    super(`invalid symbol '${name}': use 1–32 letters, digits, '.', '_' or '-' (e.g. EURUSD)`);
    this.name = 'SymbolNameError';
  }
}

export function checkSymbolName(name: string): string {
  if (!SYMBOL_RE.test(name)) throw new SymbolNameError(name);
  return name;
}
