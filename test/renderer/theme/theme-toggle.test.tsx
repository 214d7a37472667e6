// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ThemeToggle } from '../../../src/renderer/src/components/ThemeToggle.tsx';
import {
  readThemeChoice,
  resolveTheme,
  startTheme,
  THEME_STORAGE_KEY,
} from '../../../src/renderer/src/theme.ts';

afterEach(() => {
  cleanup();
  localStorage.clear();
  delete document.documentElement.dataset.theme;
  vi.unstubAllGlobals();
});

/** A matchMedia whose prefers-color-scheme answer the test flips, like an OS switching. */
function fakeSystemScheme(light: boolean) {
  const listeners = new Set<() => void>();
  const state = { light };
  vi.stubGlobal('matchMedia', (query: string) => ({
    get matches() {
      return query.includes('light') && state.light;
    },
    addEventListener: (_: string, fn: () => void) => listeners.add(fn),
    removeEventListener: (_: string, fn: () => void) => listeners.delete(fn),
  }));
  return {
    set(next: boolean) {
      state.light = next;
      for (const fn of listeners) fn();
    },
  };
}

describe('theme', () => {
  it('follows the system while the choice is System, dark when the system says nothing', () => {
    expect(resolveTheme('system', true)).toBe('light');
    expect(resolveTheme('system', false)).toBe('dark');
    expect(resolveTheme('dark', true)).toBe('dark');
    const os = fakeSystemScheme(true);
    const stop = startTheme();
    expect(document.documentElement.dataset.theme).toBe('light');
    os.set(false);
    expect(document.documentElement.dataset.theme).toBe('dark');
    stop();
  });

  it('a stored explicit choice wins over the system; junk in storage means System', () => {
    fakeSystemScheme(true);
    localStorage.setItem(THEME_STORAGE_KEY, 'dark');
    startTheme()();
    expect(document.documentElement.dataset.theme).toBe('dark');
    localStorage.setItem(THEME_STORAGE_KEY, 'purple');
    expect(readThemeChoice()).toBe('system');
  });

  it('the toggle applies the choice at once and persists it for the next start', async () => {
    fakeSystemScheme(false);
    startTheme();
    const user = userEvent.setup();
    render(<ThemeToggle />);
    expect(screen.getByRole('radio', { name: 'System' }).getAttribute('aria-checked')).toBe('true');
    await user.click(screen.getByRole('radio', { name: 'Light' }));
    expect(document.documentElement.dataset.theme).toBe('light');
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('light');
    cleanup();
    // A new start (reload): the stored choice is read back and shown checked.
    delete document.documentElement.dataset.theme;
    startTheme();
    expect(document.documentElement.dataset.theme).toBe('light');
    render(<ThemeToggle />);
    expect(screen.getByRole('radio', { name: 'Light' }).getAttribute('aria-checked')).toBe('true');
    await user.click(screen.getByRole('radio', { name: 'System' }));
    expect(document.documentElement.dataset.theme).toBe('dark');
  });
});
