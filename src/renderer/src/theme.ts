/**
 * The colour theme: the user's choice (System / Light / Dark) kept in localStorage, resolved
 * against prefers-color-scheme and written as `data-theme` on <html>, which switches the CSS
 * variable set of styles.css. main.tsx applies it before React renders so a light-theme user never
 * sees a dark first frame, and follows the system setting live while the choice is 'system'.
 */

export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];
export const THEME_STORAGE_KEY = 'backtestr.theme';

const LIGHT_QUERY = '(prefers-color-scheme: light)';

// localStorage can throw (disabled storage, sandboxed origins): the theme then falls back to
// 'system' rather than breaking the app.
function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The stored choice; anything else (nothing, a stale or hand-edited value) is 'system'. */
export function readThemeChoice(): ThemeChoice {
  let raw: string | null = null;
  try {
    raw = storage()?.getItem(THEME_STORAGE_KEY) ?? null;
  } catch {
    raw = null;
  }
  return THEME_CHOICES.find((c) => c === raw) ?? 'system';
}

function systemPrefersLight(): boolean {
  return typeof matchMedia === 'function' && matchMedia(LIGHT_QUERY).matches;
}

/** The theme a choice shows: 'system' follows the OS (dark when it says nothing). */
export function resolveTheme(choice: ThemeChoice, prefersLight: boolean): Theme {
  if (choice === 'system') return prefersLight ? 'light' : 'dark';
  return choice;
}

/** Writes data-theme for the stored choice; returns the theme shown. */
export function applyTheme(): Theme {
  const theme = resolveTheme(readThemeChoice(), systemPrefersLight());
  document.documentElement.dataset.theme = theme;
  return theme;
}

/** Stores a new choice and shows it at once. */
export function saveThemeChoice(choice: ThemeChoice): Theme {
  try {
    storage()?.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Not persisted (storage full or disabled): still applied for this session below.
  }
  return applyTheme();
}

/** Applies the theme now and again whenever the OS switches; returns the unsubscribe. */
export function startTheme(): () => void {
  applyTheme();
  if (typeof matchMedia !== 'function') return () => {};
  const query = matchMedia(LIGHT_QUERY);
  const onChange = () => applyTheme();
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}
