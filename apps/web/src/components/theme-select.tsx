import { useId } from 'react';
import { setTheme, THEME_CHOICES, type ThemeChoice, useTheme } from '../lib/theme';

/** The theme as a small labelled select: System, Light or Dark, remembered on this device. */
export function ThemeSelect({ className }: { className?: string }) {
  const theme = useTheme();
  const id = useId();
  return (
    <span className={`theme-select${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className="visually-hidden">
        Theme
      </label>
      <select id={id} value={theme} onChange={(event) => setTheme(event.target.value as ThemeChoice)}>
        {THEME_CHOICES.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label} theme
          </option>
        ))}
      </select>
    </span>
  );
}
