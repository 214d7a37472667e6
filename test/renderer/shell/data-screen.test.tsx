// @vitest-environment happy-dom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportProgressEvent } from '../../../src/shared/dto.ts';
import { DataScreen } from '../../../src/renderer/src/screens/DataScreen.tsx';
import { useUi } from '../../../src/renderer/src/store/ui.ts';
import { installFakeApi, resetShell, symbolSummary } from './fake-api.ts';

afterEach(resetShell);

describe('DataScreen', () => {
  it('tells a newcomer what to do first when there is no data', async () => {
    installFakeApi();
    render(<DataScreen />);
    expect(
      await screen.findByText('No data yet — generate a demo data set or import a tick CSV'),
    ).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('lists data sets with fixed formats, numbers right-aligned', async () => {
    installFakeApi({ 'data:list': () => [symbolSummary('EURUSD', 1_234_567)] });
    render(<DataScreen />);
    const table = await screen.findByRole('table', { name: 'Data sets' });
    const row = within(table).getByText('EURUSD').closest('tr')!;
    expect(row.textContent).toContain('2024-01-01 00:00:00');
    expect(row.textContent).toContain('2024-01-05 23:59:58');
    const ticks = within(row).getByText('1,234,567');
    expect(ticks.className).toContain('num');
  });

  it('generates demo data with typed arguments and shows the new data set', async () => {
    const fake = installFakeApi({
      'data:generate': (a) => ({ symbol: symbolSummary(a.symbol, 98_765), added: 98_765 }),
    });
    const user = userEvent.setup();
    render(<DataScreen />);
    await screen.findByText(/No data yet/);

    await user.clear(screen.getByLabelText('Symbol'));
    await user.type(screen.getByLabelText('Symbol'), 'GBPUSD');
    fireEvent.change(screen.getByLabelText('Start'), { target: { value: '2024-02-01' } });
    await user.clear(screen.getByLabelText('Days'));
    await user.type(screen.getByLabelText('Days'), '3');
    await user.clear(screen.getByLabelText('Seed'));
    await user.type(screen.getByLabelText('Seed'), '7');
    await user.click(screen.getByRole('button', { name: 'Generate' }));

    await waitFor(() =>
      expect(fake.argsOf('data:generate')).toEqual([
        { symbol: 'GBPUSD', start: '2024-02-01', days: 3, seed: 7, replace: false },
      ]),
    );
    const table = await screen.findByRole('table', { name: 'Data sets' });
    expect(within(table).getByText('GBPUSD')).toBeTruthy();
    expect(within(table).getByText('98,765')).toBeTruthy();
  });

  it('checks the generate form before calling the backend', async () => {
    const fake = installFakeApi();
    const user = userEvent.setup();
    render(<DataScreen />);
    await user.clear(screen.getByLabelText('Days'));
    await user.type(screen.getByLabelText('Days'), '0');
    await user.clear(screen.getByLabelText('Symbol'));
    await user.click(screen.getByRole('button', { name: 'Generate' }));
    expect(await screen.findByText('From 1 to 3660')).toBeTruthy();
    expect(screen.getByText('Enter a symbol, e.g. EURUSD')).toBeTruthy();
    expect(screen.getByLabelText('Days').getAttribute('aria-invalid')).toBe('true');
    expect(fake.argsOf('data:generate')).toEqual([]);
  });

  it('shows an import error with its file:line verbatim in an alert', async () => {
    const message = '/picked/bad-ticks.csv:3: bid 1.2 is above ask 1.1';
    const fake = installFakeApi({
      'data:import': () => {
        throw new Error(message);
      },
    });
    const user = userEvent.setup();
    render(<DataScreen />);
    const file = new File(['timestamp,bid,ask\n'], 'bad-ticks.csv', { type: 'text/csv' });
    await user.upload(screen.getByLabelText('Tick CSV file'), file);
    await user.type(screen.getByLabelText('Import symbol'), 'GBPUSD');
    await user.click(screen.getByRole('button', { name: 'Import' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(message);
    expect(fake.argsOf('data:import')).toEqual([
      { file: '/picked/bad-ticks.csv', symbol: 'GBPUSD', format: 'auto', replace: false },
    ]);
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('strips the Electron IPC wrapper from error messages', async () => {
    installFakeApi({
      'data:import': () => {
        throw new Error(
          "Error invoking remote method 'data:import': CsvError: x.csv:12: unparsable time 'abc'",
        );
      },
    });
    const user = userEvent.setup();
    render(<DataScreen />);
    await user.upload(screen.getByLabelText('Tick CSV file'), new File(['x'], 'x.csv'));
    await user.type(screen.getByLabelText('Import symbol'), 'EURUSD');
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      "x.csv:12: unparsable time 'abc'",
    );
    expect(screen.getByRole('alert').textContent).not.toContain('invoking');
  });

  it('shows import progress from import:progress events, then the imported data set', async () => {
    let finish: () => void = () => {};
    const fake = installFakeApi({
      'data:import': (a) =>
        new Promise((resolve) => {
          finish = () => resolve({ symbol: symbolSummary(a.symbol, 500), added: 500 });
        }),
    });
    const user = userEvent.setup();
    render(<DataScreen />);
    await user.upload(
      screen.getByLabelText('Tick CSV file'),
      new File(['x'], 'EURUSD_ticks_2024.csv'),
    );
    // The symbol is guessed from the file name.
    expect((screen.getByLabelText('Import symbol') as HTMLInputElement).value).toBe('EURUSD');
    await user.click(screen.getByRole('button', { name: 'Import' }));
    await waitFor(() => expect(fake.argsOf('data:import')).toHaveLength(1));

    const p: ImportProgressEvent = {
      file: '/picked/EURUSD_ticks_2024.csv',
      bytesRead: 250,
      totalBytes: 1000,
    };
    fake.emit('import:progress', p);
    const bar = screen.getByRole('progressbar', { name: 'Import progress' });
    expect(bar.getAttribute('aria-valuenow')).toBe('25');
    // The fill and the printed percentage are one value at every step and at the end.
    const fill = bar.querySelector<HTMLElement>('.progress-fill')!;
    const text = bar.parentElement!.querySelector('.progress-text')!;
    for (const bytesRead of [100, 580, 999, 1000]) {
      fake.emit('import:progress', { ...p, bytesRead });
      expect(fill.style.width).toBe(`${bytesRead / 10}%`);
      expect(text.textContent).toBe(`${(bytesRead / 10).toFixed(1)}%`);
    }

    finish();
    await screen.findByRole('table', { name: 'Data sets' });
    expect(screen.queryByRole('progressbar', { name: 'Import progress' })).toBeNull();
  });

  it('imports a file dropped on the drop zone', async () => {
    const fake = installFakeApi({
      'data:import': (a) => ({ symbol: symbolSummary(a.symbol), added: 1, format: 'dukascopy' }),
    });
    const user = userEvent.setup();
    render(<DataScreen />);
    const file = new File(['x'], 'usdjpy-2024.csv');
    fireEvent.drop(screen.getByTestId('dropzone'), { dataTransfer: { files: [file] } });
    expect(screen.getByText('usdjpy-2024.csv')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Import' }));
    await waitFor(() =>
      expect(fake.argsOf('data:import')).toEqual([
        { file: '/picked/usdjpy-2024.csv', symbol: 'USDJPY', format: 'auto', replace: false },
      ]),
    );
  });

  it('in Electron, Browse… picks a path with data:pickFile', async () => {
    const fake = installFakeApi({
      'app:info': () => ({ version: '1', dataDir: '/d', platform: 'linux', host: 'electron' }),
      'data:pickFile': () => '/home/me/ticks/EURUSD.csv',
      'data:import': (a) => ({ symbol: symbolSummary(a.symbol), added: 1 }),
    });
    await useUi.getState().loadInfo();
    const user = userEvent.setup();
    render(<DataScreen />);
    await user.click(screen.getByRole('button', { name: 'Browse…' }));
    expect(await screen.findByText('EURUSD.csv')).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Format'), 'dukascopy');
    await user.click(screen.getByRole('button', { name: 'Import' }));
    await waitFor(() =>
      expect(fake.argsOf('data:import')).toEqual([
        {
          file: '/home/me/ticks/EURUSD.csv',
          symbol: 'EURUSD',
          format: 'dukascopy',
          replace: false,
        },
      ]),
    );
  });

  it('asks for a file before importing', async () => {
    const fake = installFakeApi();
    const user = userEvent.setup();
    render(<DataScreen />);
    expect(screen.queryByRole('button', { name: 'Browse…' })).toBeNull(); // web: no native dialog
    await user.type(screen.getByLabelText('Import symbol'), 'EURUSD');
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByText(/Choose a tick CSV file/)).toBeTruthy();
    expect(fake.argsOf('data:import')).toEqual([]);
  });
});
