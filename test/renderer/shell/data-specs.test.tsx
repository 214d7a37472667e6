// @vitest-environment happy-dom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { SymbolSpecDto } from '../../../src/shared/dto.ts';
import { defaultSymbolSpec } from '../../../src/shared/symbol-spec.ts';
import { DataScreen } from '../../../src/renderer/src/screens/DataScreen.tsx';
import { installFakeApi, resetShell, symbolSummary } from './fake-api.ts';

afterEach(resetShell);

const usdjpy: SymbolSpecDto = {
  symbol: 'USDJPY',
  edited: false,
  ...defaultSymbolSpec('USDJPY'),
  swapLong: -7.5,
  swapShort: 1.25,
};

/** A backend holding USDJPY's ticks and spec; setSpec and resetSpec answer like the real one. */
function backend(spec: SymbolSpecDto = usdjpy) {
  return installFakeApi({
    'data:list': () => [symbolSummary('USDJPY')],
    'data:specs': () => [spec],
    'data:setSpec': (a) => ({ ...spec, ...a.spec, symbol: a.symbol, edited: true }),
    'data:resetSpec': (a) => ({ symbol: a.symbol, edited: false, ...defaultSymbolSpec(a.symbol) }),
  });
}

async function openEditor() {
  const user = userEvent.setup();
  render(<DataScreen />);
  await user.click(await screen.findByRole('button', { name: 'Edit the specification of USDJPY' }));
  return { user, form: screen.getByRole('form', { name: 'Specification of USDJPY' }) };
}

describe('Data screen: symbol specifications', () => {
  it("shows each data set's quote, pip, contract and swaps", async () => {
    backend();
    render(<DataScreen />);
    const table = await screen.findByRole('table', { name: 'Data sets' });
    const row = within(table).getByText('USDJPY').closest('tr')!;
    await waitFor(() => expect(row.textContent).toContain('JPY'));
    expect(row.textContent).toContain('0.01');
    expect(row.textContent).toContain('100,000');
    expect(row.textContent).toContain('-7.5 / 1.25 pts');
    expect(row.textContent).toContain('default');
  });

  it('checks the form with the backend rules, naming the field, before sending anything', async () => {
    const fake = backend();
    const { user, form } = await openEditor();
    const pip = within(form).getByLabelText('Pip size');
    await user.clear(pip);
    await user.type(pip, '0.0001'); // USDJPY has 3 digits: a point is 0.001
    const contract = within(form).getByLabelText('Contract size');
    await user.clear(contract);
    await user.type(contract, 'a lot');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(within(form).getByText('A number')).toBeTruthy();
    expect(contract.getAttribute('aria-invalid')).toBe('true');
    expect(fake.argsOf('data:setSpec')).toEqual([]);

    await user.clear(contract);
    await user.type(contract, '1000');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(
      within(form).getByText(
        'A pip (0.0001) cannot be smaller than one point (0.001 with 3 digits)',
      ),
    ).toBeTruthy();
    expect(pip.getAttribute('aria-invalid')).toBe('true');
    expect(fake.argsOf('data:setSpec')).toEqual([]);
  });

  it('saves the whole form as the change, and the row follows', async () => {
    const fake = backend();
    const { user, form } = await openEditor();
    const contract = within(form).getByLabelText('Contract size');
    await user.clear(contract);
    await user.type(contract, '1000');
    await user.selectOptions(within(form).getByLabelText('Triple swap day'), 'fri');
    await user.selectOptions(within(form).getByLabelText('Swap in'), 'money');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(fake.argsOf('data:setSpec')).toEqual([
        {
          symbol: 'USDJPY',
          spec: {
            ...defaultSymbolSpec('USDJPY'),
            swapLong: -7.5,
            swapShort: 1.25,
            contractSize: 1000,
            tripleSwapDay: 5,
            swapMode: 'money',
          },
        },
      ]),
    );
    const row = screen.getByRole('table', { name: 'Data sets' }).querySelector('tbody tr')!;
    await waitFor(() => expect(row.textContent).toContain('1,000'));
    expect(row.textContent).toContain('-7.5 / 1.25 money');
    expect(row.textContent).toContain('edited');
  });

  it('shows a refused stored spec and resets it to the default', async () => {
    const fake = backend({
      ...usdjpy,
      edited: true,
      problem: 'stored spec of USDJPY is invalid (digits: Too big)',
    });
    const { user, form } = await openEditor();
    expect(within(form).getByText(/stored spec of USDJPY is invalid/)).toBeTruthy();
    await user.click(within(form).getByRole('button', { name: 'Reset to default' }));
    await waitFor(() => expect(fake.argsOf('data:resetSpec')).toEqual([{ symbol: 'USDJPY' }]));
    await waitFor(() =>
      expect((within(form).getByLabelText('Swap long') as HTMLInputElement).value).toBe('0'),
    );
    expect(within(form).queryByText(/stored spec of USDJPY is invalid/)).toBeNull();
    expect(
      (within(form).getByRole('button', { name: 'Reset to default' }) as HTMLButtonElement)
        .disabled,
      'nothing left to reset',
    ).toBe(true);
  });
});
