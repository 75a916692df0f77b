// Dark/light theme. With no stored choice the page follows prefers-color-scheme (the
// CSS does that through light-dark()); a click stores an explicit choice.
const STORAGE_KEY = 'streamweaver.theme';
const systemDark = matchMedia('(prefers-color-scheme: dark)');

function storedTheme() {
  try {
    const t = localStorage.getItem(STORAGE_KEY);
    return t === 'dark' || t === 'light' ? t : null;
  } catch {
    return null; // storage can be disabled; the system preference still works
  }
}

export function currentTheme() {
  return document.documentElement.dataset.theme || (systemDark.matches ? 'dark' : 'light');
}

function announce(button) {
  const theme = currentTheme();
  button.setAttribute('aria-pressed', String(theme === 'dark'));
  button.title = `Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`;
  button.dataset.theme = theme;
  // Canvas charts cannot follow CSS by themselves: tell them to repaint.
  document.dispatchEvent(new CustomEvent('themechange', { detail: { theme } }));
}

export function initTheme(button) {
  const stored = storedTheme();
  if (stored) document.documentElement.dataset.theme = stored;
  button.addEventListener('click', () => {
    const next = currentTheme() === 'dark' ? 'light' : 'dark';
    document.documentElement.dataset.theme = next;
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* choice lasts for this page only */
    }
    announce(button);
  });
  systemDark.addEventListener('change', () => announce(button));
  announce(button);
}
