// @vitest-environment happy-dom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/renderer/src/App.tsx';
import { useNav } from '../../../src/renderer/src/store/nav.ts';
import { installFakeApi, resetShell, symbolSummary } from '../shell/fake-api.ts';
import { STRATEGIES } from './sweep-fixtures.ts';

afterEach(resetShell);

describe('Optimise in the shell', () => {
  it('opens from the left nav and with the O shortcut, which the help lists', async () => {
    installFakeApi({
      'data:list': () => [symbolSummary('EURUSD')],
      'strategies:list': () => STRATEGIES,
    });
    const user = userEvent.setup();
    render(<App />);
    const nav = screen.getByRole('navigation', { name: 'Main' });
    const item = within(nav).getByRole('button', { name: /^Optimise/ });
    expect(item.getAttribute('aria-keyshortcuts')).toBe('O');

    await user.keyboard('o');
    expect(useNav.getState().screen).toBe('optimise');
    expect(item.getAttribute('aria-current')).toBe('page');
    expect(await screen.findByRole('heading', { name: 'Optimise' })).toBeTruthy();
    expect(await screen.findByRole('form', { name: 'New sweep' })).toBeTruthy();

    await user.click(within(nav).getByRole('button', { name: /^Runs/ }));
    await user.click(item);
    await waitFor(() => expect(useNav.getState().screen).toBe('optimise'));

    await user.keyboard('?');
    const help = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(help.textContent).toContain('Optimise: parameter sweeps');
  });
});
