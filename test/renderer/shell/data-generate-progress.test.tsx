// @vitest-environment happy-dom
/** The generate form's progress bar, percentage and ETA from generate:progress events. */
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GenerateProgressEvent } from '../../../src/shared/dto.ts';
import { DataScreen } from '../../../src/renderer/src/screens/DataScreen.tsx';
import { secondsLeft } from '../../../src/renderer/src/screens/data/progress-eta.ts';
import { installFakeApi, resetShell, symbolSummary } from './fake-api.ts';

afterEach(() => {
  vi.restoreAllMocks();
  resetShell();
});

describe('generate progress', () => {
  it('shows percent and an ETA from the median rate, then the new data set', async () => {
    let finish: () => void = () => {};
    const fake = installFakeApi({
      'data:generate': (a) =>
        new Promise((resolve) => {
          finish = () => resolve({ symbol: symbolSummary(a.symbol, 9_000), added: 9_000 });
        }),
    });
    const user = userEvent.setup();
    render(<DataScreen />);
    await user.clear(screen.getByLabelText('Days'));
    await user.type(screen.getByLabelText('Days'), '10');
    await user.click(screen.getByRole('button', { name: 'Generate' }));
    await waitFor(() => expect(fake.argsOf('data:generate')).toHaveLength(1));
    // Indeterminate until the first event.
    const bar = screen.getByRole('progressbar', { name: 'Generate progress' });
    expect(bar.getAttribute('aria-valuenow')).toBeNull();

    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const at = (ms: number, daysDone: number, symbol = 'EURUSD') => {
      now = ms;
      const p: GenerateProgressEvent = { symbol, daysDone, days: 10, ticks: daysDone * 1000 };
      fake.emit('generate:progress', p);
    };
    at(0, 1);
    expect(bar.getAttribute('aria-valuenow')).toBe('10');
    expect(screen.getByTestId('generate-eta').textContent).toBe('ETA —');
    // One day a second, then a burst (a day in 10 ms): the median keeps one day a second, 5 left.
    at(1000, 2);
    at(2000, 3);
    at(3000, 4);
    at(3010, 5);
    expect(bar.getAttribute('aria-valuenow')).toBe('50');
    expect(bar.parentElement!.textContent).toContain('50.0%');
    expect(screen.getByTestId('generate-eta').textContent).toBe('ETA 5s');
    expect(screen.getByText(/5,000 ticks · day 5 of 10/)).toBeTruthy();
    // Another symbol's generation (another window) does not move this bar.
    at(3020, 9, 'GBPUSD');
    expect(bar.getAttribute('aria-valuenow')).toBe('50');

    finish();
    await screen.findByRole('table', { name: 'Data sets' });
    expect(screen.queryByRole('progressbar', { name: 'Generate progress' })).toBeNull();
  });
});

describe('secondsLeft', () => {
  it('needs two samples with time between them', () => {
    expect(secondsLeft([])).toBeNull();
    expect(secondsLeft([{ at: 5, fraction: 0.2 }])).toBeNull();
    expect(
      secondsLeft([
        { at: 5, fraction: 0.2 },
        { at: 5, fraction: 0.3 },
      ]),
    ).toBeNull();
  });

  it('takes the median rate: one stalled step does not swing it', () => {
    const samples = [0, 0.1, 0.2, 0.3, 0.3, 0.4].map((fraction, i) => ({ at: i * 1000, fraction }));
    // Rates 0.1, 0.1, 0.1, 0, 0.1 per second: median 0.1; 0.6 left → 6 s.
    expect(secondsLeft(samples)).toBeCloseTo(6, 9);
  });
});
