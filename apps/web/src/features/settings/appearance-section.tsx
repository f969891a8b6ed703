import { setTheme, THEME_CHOICES, useTheme } from '../../lib/theme';

/** Light, dark or the system's: on this device, at once (the same choice as the header's). */
export function AppearanceSection() {
  const theme = useTheme();
  return (
    <section className="card" aria-labelledby="appearance-title">
      <h2 id="appearance-title">Appearance</h2>
      <fieldset className="type-toggle">
        <legend>Theme</legend>
        {THEME_CHOICES.map((choice) => (
          <label key={choice.value} className="check">
            <input
              type="radio"
              name="theme"
              value={choice.value}
              checked={theme === choice.value}
              onChange={() => setTheme(choice.value)}
            />
            {choice.value === 'system' ? 'Same as the system' : choice.label}
          </label>
        ))}
      </fieldset>
      <p className="hint">Kept in this browser.</p>
    </section>
  );
}
