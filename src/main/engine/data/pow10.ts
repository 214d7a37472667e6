/**
 * 10^k for k = 0..22 from decimal literals: every one is an exact double. `10 ** k` is not
 * required by ECMAScript to be exact, and prices are scaled by these in code that promises the
 * same bits on every machine.
 */
export const POW10: readonly number[] = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
  1e18, 1e19, 1e20, 1e21, 1e22,
];
