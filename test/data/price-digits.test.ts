import { describe, expect, it } from 'vitest';
import { inferPriceDigits, valueDecimals } from '../../src/main/engine/data/csv/price-digits.ts';

describe('price digit inference', () => {
  it('counts decimals up to float noise', () => {
    expect(valueDecimals(1.10353)).toBe(5);
    expect(valueDecimals(1.1370200000000001), 'float64 noise (Dukascopy export)').toBe(5);
    expect(valueDecimals(203.14900000000003)).toBe(3);
    expect(valueDecimals(107.089996), 'float32 artefact printed with 6 decimals (TrueFX)').toBe(2);
    expect(valueDecimals(107.265999)).toBe(3);
    expect(valueDecimals(2.3499999046325684), 'float32 printed in full').toBe(2);
    expect(valueDecimals(1.103531)).toBe(6);
    expect(valueDecimals(150)).toBe(0);
    expect(valueDecimals(1.12345678), 'beyond 6 decimals').toBe(-1);
  });

  it('takes the most any value needs, so no genuine digit is rounded away', () => {
    expect(inferPriceDigits([[1.3066, 1.0516, 1.0931], [1.03503]], 1)).toBe(5);
    expect(inferPriceDigits([[1.3066, 1.0516, 1.03503]], 3)).toBe(5);
    expect(inferPriceDigits([[107.089996, 107.1, 107.265999]], 3)).toBe(3);
    expect(
      inferPriceDigits([[1.1, 1.12345678]], 2),
      'values past 6 decimals are noise and do not vote',
    ).toBe(1);
    expect(inferPriceDigits([[]], 0), 'nothing sampled: 5').toBe(5);
  });
});
