/** What the generator needs to know about a symbol. */
export interface SymbolSpec {
  name: string;
  /** Price decimals: 3 for JPY-quoted pairs, else 5. */
  digits: number;
  /** Starting price. */
  price: number;
  /** Typical London-hours spread, in points (10^-digits). */
  spreadPoints: number;
  /** Tick-rate multiplier relative to EURUSD. */
  activity: number;
}

// price, typical spread in pips, activity
const KNOWN: Record<string, readonly [number, number, number]> = {
  EURUSD: [1.1, 0.6, 1.0],
  USDJPY: [150, 0.7, 1.0],
  GBPUSD: [1.27, 0.9, 0.9],
  AUDUSD: [0.66, 0.8, 0.75],
  USDCAD: [1.36, 1.1, 0.7],
  USDCHF: [0.88, 1.0, 0.65],
  NZDUSD: [0.61, 1.2, 0.55],
  EURGBP: [0.86, 1.0, 0.6],
  EURJPY: [162, 1.1, 0.8],
  GBPJPY: [190, 1.8, 0.75],
};

/**
 * Known majors and crosses have their own figures; any other symbol starts at 1.0 (100 if it is
 * JPY-quoted: a 3-digit price near 1 would move in steps of 0.1 %) with a 1.5-pip spread.
 */
export function symbolSpec(symbol: string): SymbolSpec {
  const name = symbol.toUpperCase().replace(/[^A-Z0-9]/g, '');
  const jpy = name.endsWith('JPY');
  const [price, spreadPips, activity] = Object.hasOwn(KNOWN, name)
    ? KNOWN[name]
    : [jpy ? 100 : 1.0, 1.5, 0.8];
  return { name, digits: jpy ? 3 : 5, price, spreadPoints: spreadPips * 10, activity };
}
