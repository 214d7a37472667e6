/**
 * System / Light / Dark as a small segmented control in the top bar. The choice persists
 * (theme.ts, localStorage) and takes effect at once through data-theme on <html>.
 */
import { useState } from 'react';
import { readThemeChoice, saveThemeChoice, THEME_CHOICES, type ThemeChoice } from '../theme.ts';

const LABELS: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

export function ThemeToggle() {
  const [choice, setChoice] = useState<ThemeChoice>(readThemeChoice);
  return (
    <div className="theme-toggle" role="radiogroup" aria-label="Theme">
      {THEME_CHOICES.map((c) => (
        <button
          key={c}
          type="button"
          role="radio"
          aria-checked={choice === c}
          className={choice === c ? 'active' : undefined}
          onClick={() => {
            saveThemeChoice(c);
            setChoice(c);
          }}
        >
          {LABELS[c]}
        </button>
      ))}
    </div>
  );
}
