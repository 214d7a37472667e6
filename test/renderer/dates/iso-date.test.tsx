// @vitest-environment happy-dom
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { isIsoDate } from '../../../src/renderer/src/components/iso-date.ts';
import { DataScreen } from '../../../src/renderer/src/screens/DataScreen.tsx';
import { buildRequest, DEFAULTS } from '../../../src/renderer/src/screens/new/form.ts';
import { installFakeApi, resetShell, symbolSummary } from '../shell/fake-api.ts';

afterEach(resetShell);

describe('ISO date fields', () => {
  it.each([
    ['2024-01-31', true],
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-02-30', false],
    ['2024-13-01', false],
    ['2024-00-10', false],
    ['31/01/2024', false],
    ['2024-1-5', false],
    ['', false],
  ])('%s is a date: %s', (text, ok) => {
    expect(isIsoDate(text)).toBe(ok);
  });

  it('New backtest refuses a day that does not exist, naming the field', () => {
    const v = {
      ...DEFAULTS,
      symbols: ['EURUSD'],
      strategy: '',
      params: {},
      from: '2024-02-30',
      to: '2024-03-01',
    };
    const r = buildRequest(v, []);
    expect(r.problems).toMatchObject({ from: 'A date, e.g. 2024-01-01' });
    const ok = buildRequest({ ...v, from: '2024-02-29' }, []);
    expect(ok.problems).toBeNull();
    expect(ok.request).toMatchObject({ from: '2024-02-29', to: '2024-03-01' });
  });

  it('Data generate: a text field in YYYY-MM-DD, typed like any text, checked before sending', async () => {
    const fake = installFakeApi({
      'data:generate': (a) => ({ symbol: symbolSummary(a.symbol, 10), added: 10 }),
    });
    const user = userEvent.setup();
    render(<DataScreen />);
    const start = (await screen.findByLabelText('Start')) as HTMLInputElement;
    // Not the browser's date picker, which shows the OS locale's dd/mm/yyyy.
    expect(start.type).toBe('text');
    expect(start.placeholder).toBe('YYYY-MM-DD');
    await user.clear(start);
    await user.type(start, '2024-02-30');
    await user.click(screen.getByRole('button', { name: 'Generate' }));
    expect(await screen.findByText('A date, e.g. 2024-01-01')).toBeTruthy();
    expect(fake.argsOf('data:generate')).toEqual([]);
    await user.clear(start);
    await user.type(start, '2024-02-29');
    await user.click(screen.getByRole('button', { name: 'Generate' }));
    await waitFor(() => expect(fake.argsOf('data:generate')).toHaveLength(1));
    expect(fake.argsOf('data:generate')[0]).toMatchObject({ start: '2024-02-29' });
  });
});
