/**
 * The service worker (built by vite-service-worker.ts) keeps the app shell for offline reloads. Registered
 * after the page has loaded, so it never competes with the first paint; not in development, where Vite
 * serves unbundled modules.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
